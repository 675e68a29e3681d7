package dev.airlock.app.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a tool as a process with a time limit. Its output goes to a temporary file rather than a
 * pipe, so a tool that hangs cannot block a reader: the bounded wait is the only blocking step.
 */
final class ProcessCommandRunner implements CommandRunner {

    /** More than any of these tools prints; a tool that writes more is not the one we meant. */
    private static final int MAX_OUTPUT = 64 * 1024;

    private final Duration timeout;

    ProcessCommandRunner(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Result run(List<String> command) throws IOException {
        Path stdout = Files.createTempFile("airlock-command", ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.getOutputStream().close(); // a tool that asks a question must not wait for an answer
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IOException(
                            "%s did not finish within %d seconds".formatted(command.getFirst(), timeout.toSeconds()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IOException("interrupted while waiting for " + command.getFirst(), e);
            }
            try (InputStream in = Files.newInputStream(stdout)) {
                byte[] bytes = in.readNBytes(MAX_OUTPUT);
                return new Result(process.exitValue(), new String(bytes, StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(stdout);
        }
    }
}
