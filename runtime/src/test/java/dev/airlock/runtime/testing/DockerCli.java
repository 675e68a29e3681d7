package dev.airlock.runtime.testing;

import dev.airlock.runtime.container.Labels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The docker command line, for tests to check what Airlock did from the outside, the way an admin
 * would. Debian's client is preferred: it matches the engine (a newer client on PATH hung on run -i).
 */
public final class DockerCli {

    private DockerCli() {}

    public static String run(String... args) {
        var command = new ArrayList<String>();
        command.add(Files.isExecutable(Path.of("/usr/bin/docker")) ? "/usr/bin/docker" : "docker");
        command.addAll(List.of(args));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes()).strip();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("docker " + String.join(" ", args) + " timed out");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("docker " + String.join(" ", args) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run docker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Ids of the containers (running or not) that carry the label {@code key=value}. */
    public static List<String> containersWithLabel(String key, String value) {
        String out = run("ps", "-aq", "--no-trunc", "--filter", "label=" + key + "=" + value);
        return out.isBlank() ? List.of() : List.of(out.split("\\s+"));
    }

    /** The id of the running container of {@code server} started by the engine of this state directory. */
    public static String runningServer(Path stateDir, String server) {
        return run(
                "ps",
                "-q",
                "--no-trunc",
                "--filter",
                "label=" + Labels.STATE_DIR + "=" + stateDir,
                "--filter",
                "label=" + Labels.SERVER + "=" + server);
    }
}
