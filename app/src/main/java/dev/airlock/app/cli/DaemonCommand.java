package dev.airlock.app.cli;

import dev.airlock.app.daemon.DaemonException;
import dev.airlock.app.daemon.DaemonOptions;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "daemon", description = "Run the engine without the desktop app, until it is stopped (Ctrl+C).")
final class DaemonCommand implements Callable<Integer> {

    /** A URL scheme of two letters or more, so that {@code C:\registry.json} stays a path. */
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*");

    @Option(
            names = "--registry",
            paramLabel = "URL|FILE",
            description = "The company registry to use (an https address), or a file (or file: URL) in the registry"
                    + " API's JSON shape to read the catalog from, without sign-in.")
    String registry;

    @Option(
            names = "--gateway-port",
            paramLabel = "N",
            description = "The gateway's port on 127.0.0.1; 0 picks a free one (default: the gatewayPort setting, "
                    + DaemonOptions.DEFAULT_GATEWAY_PORT + ").")
    Integer gatewayPort;

    @Option(
            names = "--demo",
            description = "Run the demo organization (Example Corp) instead of your company. Development builds only.")
    boolean demo;

    @Mixin
    CommonOptions options;

    @Spec
    CommandSpec spec;

    private final CliContext context;
    private final DaemonRunner runner;

    DaemonCommand(CliContext context, DaemonRunner runner) {
        this.context = context;
        this.runner = runner;
    }

    @Override
    public Integer call() {
        if (gatewayPort != null && (gatewayPort < 0 || gatewayPort > 65_535)) {
            throw usage("--gateway-port must be between 0 and 65535, not " + gatewayPort + ".");
        }
        if (demo && registry != null) {
            throw usage("--demo and --registry cannot be used together.");
        }
        URI registryUrl = registryUrl();
        var daemonOptions = new DaemonOptions(
                registryUrl == null ? registryFile() : null,
                registryUrl,
                options.stateDirectory(context.env()),
                gatewayPort,
                demo);
        try {
            return runner.run(daemonOptions, context.env());
        } catch (DaemonException e) {
            return new Output(context, options.json).failure(e.code(), e.getMessage());
        } catch (UncheckedIOException e) { // the state directory could not be prepared
            return new Output(context, options.json)
                    .failure("state_dir", e.getMessage() + ": " + e.getCause().getMessage());
        }
    }

    /** The company registry, when --registry names an http(s) address. */
    private URI registryUrl() {
        if (registry == null) {
            return null;
        }
        String lower = registry.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
            return null;
        }
        try {
            return URI.create(registry);
        } catch (IllegalArgumentException e) {
            throw usage("--registry: " + registry + " is not a valid address.");
        }
    }

    private Path registryFile() {
        if (registry == null) {
            return null;
        }
        try {
            if (registry.toLowerCase(Locale.ROOT).startsWith("file:")) {
                return Path.of(URI.create(registry));
            }
            if (URL.matcher(registry).matches()) {
                throw usage("--registry takes an https address, a file or a file: URL, not " + registry + ".");
            }
            return Path.of(registry).toAbsolutePath();
        } catch (IllegalArgumentException e) { // also InvalidPathException
            throw usage("--registry: " + registry
                    + " is not a usable file or file: URL (write file:///absolute/path, or just the path).");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
