package dev.airlock.runtime.settings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a system tool (reg.exe, plutil) with a time limit. The output goes to a temporary file rather
 * than a pipe, so a tool that hangs cannot block the reader: waiting is the only blocking step, and
 * it is bounded.
 */
final class Commands {

    record Output(int exitCode, byte[] stdout) {}

    private Commands() {}

    static Output run(List<String> command, Duration timeout) throws IOException {
        Path stdout = Files.createTempFile("airlock-settings", ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.getOutputStream().close(); // nothing to say: a tool that asks must not wait
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
                byte[] bytes = in.readNBytes(PolicyFiles.MAX_BYTES + 1);
                if (bytes.length > PolicyFiles.MAX_BYTES) {
                    throw new IOException(command.getFirst() + " wrote more than Airlock reads");
                }
                return new Output(process.exitValue(), bytes);
            }
        } finally {
            Files.deleteIfExists(stdout);
        }
    }
}
