package dev.airlock.runtime.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts servers in hardened containers and attaches to their stdio. */
public final class ContainerLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerLauncher.class);
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(10);

    private final DockerClient client;

    public ContainerLauncher(ContainerEngine engine) {
        this.client = engine.client();
    }

    /**
     * Creates the container, attaches to it, then starts it, so that nothing it writes is missed.
     * On any failure the half-made container is removed.
     */
    public StdioContainer launch(ContainerSpec spec, Path stderrLog, StdioContainer.Listener listener)
            throws LaunchException, InterruptedException {
        InspectImageResponse image = ensureImage(spec.image());
        String imageUser = image.getConfig() == null ? null : image.getConfig().getUser();
        String id;
        try {
            var create = client.createContainerCmd(spec.image());
            if (!spec.command().isEmpty()) {
                create.withCmd(spec.command());
            }
            id = create.withName(spec.name())
                    .withLabels(spec.labels())
                    .withEnv(spec.environment().entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .toList())
                    .withUser(spec.effectiveUser(imageUser))
                    .withTty(false)
                    .withStdinOpen(true)
                    .withStdInOnce(false)
                    .withAttachStdin(true)
                    .withAttachStdout(true)
                    .withAttachStderr(true)
                    .withHostConfig(hostConfig(spec))
                    .exec()
                    .getId();
        } catch (DockerException e) {
            throw new LaunchException(
                    "The container for this server could not be created: " + firstLine(e.getMessage()), e);
        }
        var container = new StdioContainer(client, id, spec, stderrLog, listener);
        try {
            ResultCallback.Adapter<Frame> callback = client.attachContainerCmd(id)
                    .withStdIn(container.stdin())
                    .withStdOut(true)
                    .withStdErr(true)
                    .withFollowStream(true)
                    .withLogs(false)
                    .exec(container.attachCallback());
            if (!callback.awaitStarted(ATTACH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LaunchException(
                        "The container engine did not connect to the server's input and output in time.");
            }
            container.attached(callback);
            client.startContainerCmd(id).exec();
            LOG.info("Started {} ({}) from {}", spec.name(), id.substring(0, 12), spec.image());
            return container;
        } catch (LaunchException | InterruptedException e) {
            container.close();
            throw e;
        } catch (RuntimeException e) {
            container.close();
            throw new LaunchException("The server's container could not be started: " + firstLine(e.getMessage()), e);
        }
    }

    static HostConfig hostConfig(ContainerSpec spec) {
        return HostConfig.newHostConfig()
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges:true"))
                .withReadonlyRootfs(true)
                .withTmpFs(Map.of("/tmp", ContainerSpec.TMPFS_OPTIONS))
                .withMemory(spec.memoryBytes())
                .withMemorySwap(spec.memoryBytes()) // no swap beyond the memory limit
                .withNanoCPUs(spec.nanoCpus())
                .withPidsLimit((long) spec.resources().pids())
                .withNetworkMode(ContainerSpec.NETWORK_NONE)
                .withRestartPolicy(RestartPolicy.noRestart())
                .withAutoRemove(false);
    }

    private InspectImageResponse ensureImage(String image) throws LaunchException, InterruptedException {
        try {
            return client.inspectImageCmd(image).exec();
        } catch (NotFoundException missing) {
            LOG.info("Pulling image {}", image);
            try {
                boolean done = client.pullImageCmd(image)
                        .exec(new PullImageResultCallback())
                        .awaitCompletion(PULL_TIMEOUT.toMinutes(), TimeUnit.MINUTES);
                if (!done) {
                    throw new LaunchException(
                            "Downloading the server's image took more than %d minutes; try again later."
                                    .formatted(PULL_TIMEOUT.toMinutes()));
                }
                return client.inspectImageCmd(image).exec();
            } catch (DockerException e) {
                throw new LaunchException(
                        "The server's image %s could not be downloaded: %s".formatted(image, firstLine(e.getMessage())),
                        e);
            }
        } catch (DockerException e) {
            throw new LaunchException("The container engine could not look up the image " + image + ".", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        String line = message.strip().lines().findFirst().orElse("no detail");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
