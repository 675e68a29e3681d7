package dev.airlock.runtime.gateway.contract;

import dev.airlock.runtime.testing.TestImages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The npm-installed clients (dev/clients: the TypeScript SDK and the MCP Inspector, on the pinned
 * Node.js 22), installed once by dev/clients/install.sh, and how to run them.
 *
 * @param node the pinned node binary
 * @param tsClient dev/clients/ts-sdk-client.mjs
 * @param inspector the Inspector's entry point (its {@code --cli} mode is the Inspector CLI)
 */
record NodeClients(Path node, Path tsClient, Path inspector) {

    /** What a client process printed, and how it ended. */
    record Run(int exitCode, String stdout, String stderr) {}

    private static final Executor READERS = Executors.newVirtualThreadPerTaskExecutor();

    private static NodeClients installed;

    /** Installs the clients at the pinned versions when missing (about 110 MB from npm, once). */
    static synchronized NodeClients install() throws IOException, InterruptedException {
        if (installed == null) {
            Path script = TestImages.repositoryRoot().resolve("dev/clients/install.sh");
            Run run = run(List.of("bash", script.toString()), Map.of(), 10);
            if (run.exitCode() != 0) {
                throw new IllegalStateException(
                        "Installing the MCP clients (dev/clients/install.sh) failed:\n" + run.stderr());
            }
            List<String> paths = run.stdout().strip().lines().toList();
            installed = new NodeClients(Path.of(paths.get(0)), Path.of(paths.get(1)), Path.of(paths.get(2)));
        }
        return installed;
    }

    /** Runs a command to its end (at most {@code minutes}), reading its output as UTF-8. */
    static Run run(List<String> command, Map<String, String> environment, int minutes)
            throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        // both streams are drained at once, so a client that writes much to one never blocks on the other
        var stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()), READERS);
        var stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()), READERS);
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(command.getFirst() + " did not finish in " + minutes + " minutes");
        }
        return new Run(process.exitValue(), stdout.join(), stderr.join());
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
