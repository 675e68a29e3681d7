package dev.airlock.runtime.testing;

import dev.airlock.runtime.container.NpmImageBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The MCP server images the tests run, built from npm by {@code dev/images/build.sh} when missing, so
 * that the README's test command works on a machine where nothing was prepared.
 */
public final class TestImages {

    public static final String EVERYTHING = "local/mcp-everything:test";
    public static final String FILESYSTEM = "local/mcp-filesystem:test";
    public static final String MEMORY = "local/mcp-memory:test";
    /** A server whose tool `lookup` changes with TOOL_VERSION (dev/images/changing). */
    public static final String CHANGING = "local/mcp-changing:test";

    /** node and npm, the stand-in for the company's Node base image ({@code images.nodeBase}). */
    public static final String NODE_BASE = "local/node-base:test";

    private static volatile boolean ready;

    private TestImages() {}

    /** Builds any missing image once per JVM; fails the test with the script's output otherwise. */
    public static synchronized void ensureBuilt() {
        if (ready) {
            return;
        }
        Path script = repositoryRoot().resolve("dev/images/build.sh");
        try {
            Process process = new ProcessBuilder("bash", script.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("Building the test images failed:\n" + output);
            }
            ready = true;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * An image made from the everything image with another entrypoint: a misbehaving "server" for
     * tests of start-up failures. Made once; the tag names the behaviour.
     */
    public static synchronized String derived(String tag, String entrypointJson) {
        ensureBuilt();
        String image = "local/mcp-" + tag + ":test";
        try {
            DockerCli.run("image", "inspect", image);
            return image;
        } catch (IllegalStateException missing) {
            String container = DockerCli.run("create", EVERYTHING);
            try {
                DockerCli.run(
                        "commit", "--change", "ENTRYPOINT " + entrypointJson, "--change", "CMD []", container, image);
            } finally {
                DockerCli.run("rm", "-f", container);
            }
            return image;
        }
    }

    /**
     * How tests build npm servers: on the local Node base image, trusting this machine's CA bundle
     * (which holds the CA of the network's TLS inspection, where there is one).
     */
    public static NpmImageBuilder.Settings npmBuild() {
        Path bundle = Path.of("/etc/ssl/certs/ca-certificates.crt");
        return new NpmImageBuilder.Settings(
                NODE_BASE, Files.isReadable(bundle) ? Optional.of(bundle) : Optional.empty());
    }

    /** The checkout's root: the first parent that holds {@code mvnw}. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "Cannot find the repository root from " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
