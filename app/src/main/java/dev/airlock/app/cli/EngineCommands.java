package dev.airlock.app.cli;

import dev.airlock.runtime.control.ActivityView;
import dev.airlock.runtime.control.ControlClient;
import dev.airlock.runtime.control.ControlException;
import dev.airlock.runtime.control.ServerView;
import dev.airlock.runtime.control.UserView;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The subcommands that ask the running instance: one small class each. */
final class EngineCommands {

    private EngineCommands() {}

    @Command(
            name = "status",
            description =
                    "Show the running engine: version, company, who is signed in, gateway URL, container engine, servers.")
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
                // on, and remembered as on, but not running: a script must not take it for running
                case "needs-secret" -> output.failure("needs_secret", HumanFormat.waitsForSecret(view));
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
            name = "approve",
            description = {
                "Allow a tool Airlock hid because it is new, changed or renamed since you last used it.",
                "`airlock servers` lists the hidden tools; tools your company pinned or did not allow stay hidden."
            })
    static final class Approve extends EngineCommand {
        @Parameters(index = "0", paramLabel = "SERVER", description = "The server's short name or full name.")
        String server;

        @Parameters(index = "1", paramLabel = "TOOL", description = "The tool's name, as `airlock servers` shows it.")
        String tool;

        Approve(CliContext context) {
            super(context);
        }

        @Override
        int run(ControlClient engine, Output output) throws ControlException {
            ServerView view = engine.approveTool(server, tool);
            return output.success(view, HumanFormat.approved(view, tool));
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

    @Command(
            name = "signin",
            description = {
                "Sign in to your company in your browser, and wait until you have.",
                "The first time, give the company address your IT team gave you."
            })
    static final class SignIn extends EngineCommand {
        @Parameters(
                arity = "0..1",
                paramLabel = "COMPANY-ADDRESS",
                description = "Your company's address, e.g. acme.example: needed only the first time.")
        String company;

        @Spec
        CommandSpec spec;

        SignIn(CliContext context) {
            super(context);
        }

        @Override
        int run(ControlClient engine, Output output) throws ControlException {
            if (company != null && company.isBlank()) {
                throw new ParameterException(spec.commandLine(), "COMPANY-ADDRESS must not be empty.");
            }
            engine.ping(); // "not running" should be the only line, not follow "Signing in..."
            output.progress(HumanFormat.signingIn(company));
            UserView user = engine.signIn(company, notice -> output.progress(HumanFormat.notice(notice)));
            return output.success(user, HumanFormat.signedIn(user));
        }
    }

    @Command(
            name = "signout",
            description = "Sign out: your servers stop, and the catalog and the saved sign-in are forgotten.")
    static final class SignOut extends EngineCommand {
        SignOut(CliContext context) {
            super(context);
        }

        @Override
        int run(ControlClient engine, Output output) throws ControlException {
            engine.signOut();
            return output.success(Map.of(), HumanFormat.signedOut());
        }
    }

    @Command(
            name = "activity",
            description = {
                "Show the calls AI apps made through Airlock: the most recent, newest last.",
                "With --follow, keep showing new calls as they happen, until you press Ctrl+C."
            })
    static final class Activity extends EngineCommand {

        static final int DEFAULT_LIMIT = 50;
        static final int MAX_LIMIT = 10_000;

        @Option(
                names = "--limit",
                paramLabel = "N",
                description = "How many of the most recent calls to show, 1 to " + MAX_LIMIT + " (default: "
                        + DEFAULT_LIMIT + ").")
        int limit = DEFAULT_LIMIT;

        @Option(
                names = "--server",
                paramLabel = "SERVER",
                description = "Only the calls to this server (its short name or full name).")
        String server;

        @Option(
                names = {"-f", "--follow"},
                description = "Keep showing new calls as they happen, until you press Ctrl+C. With --json, one"
                        + " call per line.")
        boolean follow;

        @Spec
        CommandSpec spec;

        Activity(CliContext context) {
            super(context);
        }

        @Override
        int run(ControlClient engine, Output output) throws ControlException {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new ParameterException(
                        spec.commandLine(), "--limit must be between 1 and " + MAX_LIMIT + ", not " + limit + ".");
            }
            if (server != null && server.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--server must not be empty.");
            }
            List<ActivityView> calls = engine.activity(limit, server);
            var format = new ActivityFormat(ZoneId.systemDefault());
            if (follow) {
                return new ActivityFollower(engine, output, format, server).follow(calls);
            }
            return output.success(calls, format.table(calls, server, limit));
        }
    }
}
