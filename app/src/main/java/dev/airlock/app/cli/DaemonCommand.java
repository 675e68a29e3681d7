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
            paramLabel = "FILE",
            description = "Read the catalog from this file (or file: URL) in the registry API's JSON shape.")
    String registry;

    @Option(
            names = "--gateway-port",
            paramLabel = "N",
            defaultValue = "" + DaemonOptions.DEFAULT_GATEWAY_PORT,
            description = "The gateway's port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int gatewayPort;

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
        if (gatewayPort < 0 || gatewayPort > 65_535) {
            throw usage("--gateway-port must be between 0 and 65535, not " + gatewayPort + ".");
        }
        var daemonOptions = new DaemonOptions(registryFile(), options.stateDirectory(context.env()), gatewayPort);
        try {
            return runner.run(daemonOptions, context.env());
        } catch (DaemonException e) {
            return new Output(context, options.json).failure(e.code(), e.getMessage());
        } catch (UncheckedIOException e) { // the state directory could not be prepared
            return new Output(context, options.json)
                    .failure("state_dir", e.getMessage() + ": " + e.getCause().getMessage());
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
                throw usage("--registry takes a file or a file: URL for now, not " + registry + ".");
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
