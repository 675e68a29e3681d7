package dev.airlock.demo;

import dev.airlock.runtime.container.ContainerEngine;
import dev.airlock.runtime.container.EngineUnavailableException;
import dev.airlock.runtime.container.NpmImageBuilder;
import dev.airlock.runtime.demo.DemoCompany;
import dev.airlock.runtime.demo.DemoOrganization;
import dev.airlock.runtime.engine.EngineOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Example Corp: the demo company, started on 127.0.0.1 for {@code ./airlock --demo}. */
public final class EmbeddedDemoOrganization implements DemoOrganization {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDemoOrganization.class);
    static final List<String> SCOPES = List.of("openid", "profile", "email", "offline_access");
    /** Made by dev/images/build.sh from this computer's node and npm; the usual Node image otherwise. */
    static final String LOCAL_NODE_BASE = "local/node-base:test";

    private DemoIdentityProvider identity;
    private DemoRegistry registry;

    @Override
    public DemoCompany start() throws IOException {
        identity = new DemoIdentityProvider();
        identity.start();
        registry = new DemoRegistry(identity.issuer(), identity.jwks(), DemoIdentityProvider.CLIENT_ID, SCOPES);
        try {
            registry.start();
        } catch (Exception e) {
            close();
            throw new IOException("The demo registry could not start: " + e.getMessage(), e);
        }
        LOG.info("Demo organization: sign-in at {}, registry at {}", identity.issuer(), registry.url());
        return new DemoCompany(
                "Example Corp (demo)",
                registry.url(),
                identity.issuer(),
                DemoIdentityProvider.CLIENT_ID,
                SCOPES,
                new NpmImageBuilder.Settings(nodeBase(), hostCaBundle()));
    }

    /** The local Node image when it was built, so the demo works where no image registry is reachable. */
    private static String nodeBase() {
        try (ContainerEngine engine = ContainerEngine.connect(System.getenv())) {
            engine.client().inspectImageCmd(LOCAL_NODE_BASE).exec();
            return LOCAL_NODE_BASE;
        } catch (EngineUnavailableException | RuntimeException e) {
            return EngineOptions.DEFAULT_NODE_BASE;
        }
    }

    /** This computer's own trust store: where a network inspects TLS, its CA is in there. */
    private static Optional<Path> hostCaBundle() {
        for (String candidate : List.of(
                "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem")) {
            Path path = Path.of(candidate);
            if (Files.isReadable(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
        if (identity != null) {
            identity.close();
        }
    }
}
