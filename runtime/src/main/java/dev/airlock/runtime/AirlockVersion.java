package dev.airlock.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this build, as the CLI, the engine and container labels report it. */
public final class AirlockVersion {

    /** What a build that was not packaged (an IDE, the test class path) reports. */
    public static final String UNPACKAGED = "dev";

    private AirlockVersion() {}

    public static String current() {
        String fromManifest = AirlockVersion.class.getPackage().getImplementationVersion();
        if (fromManifest != null) {
            return fromManifest;
        }
        // the jar plugin writes this descriptor into every jar, whatever the manifest says
        try (InputStream in = AirlockVersion.class.getResourceAsStream(
                "/META-INF/maven/dev.airlock/airlock-runtime/pom.properties")) {
            if (in != null) {
                Properties descriptor = new Properties();
                descriptor.load(in);
                return descriptor.getProperty("version", UNPACKAGED);
            }
        } catch (IOException e) {
            // a version is not worth failing for
        }
        return UNPACKAGED;
    }
}
