package dev.airlock.app.cli;

import dev.airlock.runtime.control.ControlClient;
import dev.airlock.runtime.control.ControlException;
import dev.airlock.runtime.control.ServerView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The subcommands that ask the running instance: one small class each. */
final class EngineCommands {

    private EngineCommands() {}

    @Command(name = "status", description = "Show the running engine: version, gateway URL, container engine, servers.")
    static final class Status extends EngineCommand {
        Status(CliContext context) {
            super(context);
        }

        @Override
        int run(ControlClient engine, Output output) throws ControlException {
            var status = engine.status();
            return output.success(status, HumanFormat.status(status));
        }
    }

    @Command(name = "servers", description = "List the servers approved for you, with their state.")
    static final class Servers extends EngineCommand {
        Servers(CliContext context) {
            super(context);
        }

        @Override
        int run(ControlClient engine, Output output) throws ControlException {
            var servers = engine.servers();
            return output.success(servers, HumanFormat.servers(servers));
        }
    }

    @Command(name = "enable", description = "Turn a server on; waits until it runs or fails to start.")
    static final class Enable extends EngineCommand {
        @Parameters(
                paramLabel = "SERVER",
                description = "The server's short name (as `airlock servers` shows it) or full name.")
        String server;

        Enable(CliContext context) {
            super(context);
        }

        @Override
        int run(ControlClient engine, Output output) throws ControlException {
            ServerView view = engine.enable(server);
            // the engine reports a failed start as a state; for the caller it is still a failure
            return switch (view.state()) {
                case "failed" ->
                    output.failure(
                            "start_failed", "Server '" + view.shortName() + "' could not start. " + reason(view));
                case "unavailable" ->
                    output.failure("unavailable", "Server '" + view.shortName() + "' is unavailable. " + reason(view));
                default -> output.success(view, HumanFormat.enabled(view));
            };
        }

        private static String reason(ServerView view) {
            return view.detail() == null ? "Run `airlock servers` for details." : view.detail();
        }
    }

    @Command(name = "disable", description = "Turn a server off: its container is stopped and removed.")
    static final class Disable extends EngineCommand {
        @Parameters(paramLabel = "SERVER", description = "The server's short name or full name.")
        String server;

        Disable(CliContext context) {
            super(context);
        }

        @Override
        int run(ControlClient engine, Output output) throws ControlException {
            ServerView view = engine.disable(server);
            return output.success(view, HumanFormat.disabled(view));
        }
    }

    @Command(
            name = "client-token",
            description = "Issue a gateway token for a named AI app; its earlier token stops working.")
    static final class ClientToken extends EngineCommand {
        @Parameters(paramLabel = "NAME", description = "A name for the AI app, e.g. claude-desktop.")
        String client;

        ClientToken(CliContext context) {
            super(context);
        }

        @Override
        int run(ControlClient engine, Output output) throws ControlException {
            var connection = engine.issueClientToken(client);
            return output.success(connection, HumanFormat.clientToken(connection));
        }
    }
}
