package dev.airlock.runtime.demo;

import java.io.IOException;

/**
 * A complete company on this computer, for trying Airlock without one: an identity provider with a
 * sign-in page and a registry serving a role-based catalog, both on 127.0.0.1. Development only:
 * the implementation lives in the {@code demo} module, which the installers leave out; the app finds
 * it with {@link java.util.ServiceLoader} when it is on the class path.
 */
public interface DemoOrganization extends AutoCloseable {

    /** Starts the demo's services and says how to reach them. */
    DemoCompany start() throws IOException;

    @Override
    void close();
}
