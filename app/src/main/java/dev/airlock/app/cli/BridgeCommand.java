package dev.airlock.app.cli;

import dev.airlock.app.bridge.ControlSocketEndpoints;
import dev.airlock.app.bridge.StdioBridge;
import dev.airlock.runtime.control.ControlClient;
import dev.airlock.runtime.gateway.ClientTokens;
import dev.airlock.runtime.state.StateDirectory;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code airlock bridge SERVER|--all}: stdio on one side, the gateway on the other, for AI apps
 * that can only launch a command. Stdout is the protocol, so nothing else is ever printed there once
 * the bridge runs; what goes wrong goes to stderr.
 */
@Command(
        name = "bridge",
        description = {
            "Connect an AI app that can only launch a command: MCP over stdin and stdout, to Airlock's gateway.",
            "Runs until stdin ends. Airlock may start, stop and restart meanwhile: the bridge reconnects."
        })
final class BridgeCommand implements Callable<Integer> {

    /** The gateway token's name for bridges that were given no {@code --client}. */
    static final String DEFAULT_CLIENT = "bridge";

    @Mixin
    CommonOptions options;

    @ArgGroup(multiplicity = "1")
    Target target;

    static final class Target {
        @Parameters(
                paramLabel = "SERVER",
                description = "The server's short name (as `airlock servers` shows it) or full name.")
        String server;

        @Option(names = "--all", description = "All your running servers at once, through the gateway's /mcp.")
        boolean all;
    }

    @Option(
            names = "--client",
            paramLabel = "NAME",
            description = "Names the AI app in Airlock's activity, e.g. claude-desktop. Its token is"
                    + " called bridge-NAME (default: bridge) and is shared by every bridge with that name.")
    String client;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    BridgeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String tokenName = client == null ? DEFAULT_CLIENT : DEFAULT_CLIENT + "-" + client;
        if (!ClientTokens.validName(tokenName)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--client may use letters, digits, spaces, dots, dashes and underscores, at most "
                            + (64 - DEFAULT_CLIENT.length() - 1) + " of them.");
        }
        if (target.server != null && target.server.isBlank()) {
            throw new ParameterException(spec.commandLine(), "SERVER must not be empty.");
        }
        StateDirectory stateDirectory = options.stateDirectory(context.env());
        var endpoints = new ControlSocketEndpoints(
                new ControlClient(stateDirectory),
                target.all ? null : target.server,
                stateDirectory.root().resolve("bridge-tokens"),
                tokenName);
        return new StdioBridge(context.in(), context.out(), endpoints, StdioBridge.DEFAULT_WAIT).run();
    }
}
