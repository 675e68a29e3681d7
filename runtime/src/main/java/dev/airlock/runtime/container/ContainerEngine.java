package dev.airlock.runtime.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A connection to a Docker-compatible container engine that answered a ping. */
public final class ContainerEngine implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerEngine.class);

    private final DockerClient client;
    private final URI address;
    private final String description;

    private ContainerEngine(DockerClient client, URI address, String description) {
        this.client = client;
        this.address = address;
        this.description = description;
    }

    /**
     * Connects to the first engine that answers, trying {@code DOCKER_HOST} and the usual sockets.
     *
     * @throws EngineUnavailableException with a sentence a person can act on when none answers
     */
    public static ContainerEngine connect(Map<String, String> env) throws EngineUnavailableException {
        List<URI> candidates =
                EngineLocator.candidates(env, Path.of(System.getProperty("user.home")), System.getProperty("os.name"));
        var failures = new ArrayList<String>();
        for (URI address : candidates) {
            DockerClient client = open(address);
            try {
                Version version = client.versionCmd().exec();
                String description = "%s %s (API %s) at %s"
                        .formatted(productName(version), version.getVersion(), version.getApiVersion(), address);
                LOG.info("Using container engine: {}", description);
                return new ContainerEngine(client, address, description);
            } catch (RuntimeException e) {
                failures.add(address + ": " + e.getMessage());
                closeQuietly(client);
            }
        }
        LOG.info("No container engine answered: {}", failures.isEmpty() ? "no socket found" : failures);
        throw new EngineUnavailableException(
                "Docker is not running. Start Docker Desktop (or your container engine), then try again.",
                failures.isEmpty() ? "no engine socket found" : String.join("; ", failures));
    }

    private static DockerClient open(URI address) {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(address.toString())
                .build();
        // No response timeout: attach streams stay idle for as long as a server has nothing to say.
        var http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(256)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    private static String productName(Version version) {
        var components = version.getComponents();
        if (components != null) {
            for (var component : components) {
                if (component.getName() != null
                        && component.getName().toLowerCase().contains("podman")) {
                    return "Podman";
                }
            }
        }
        return "Docker Engine";
    }

    public DockerClient client() {
        return client;
    }

    public URI address() {
        return address;
    }

    /** For people: product, version and address. */
    public String description() {
        return description;
    }

    /** Whether the engine still answers. */
    public boolean ping() {
        try {
            client.pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closeQuietly(client);
    }

    private static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing the engine client failed", e);
        }
    }
}
