package dev.airlock.app.cli;

import dev.airlock.runtime.control.ControlClient;
import dev.airlock.runtime.control.ControlException;
import dev.airlock.runtime.control.SecretNeed;
import dev.airlock.runtime.control.ServerView;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code airlock secret set|remove}: the secrets servers need, such as API tokens. */
final class SecretCommands {

    private SecretCommands() {}

    @Command(
            name = "secret",
            description = {
                "Store or remove a secret a server needs, such as an API token.",
                "Secrets are kept in your computer's keychain; `airlock servers` shows which are missing."
            })
    static final class Secret implements Callable<Integer> {

        @Mixin
        CommonOptions options;

        private final CliContext context;

        Secret(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            new Output(context, options.json)
                    .failure("usage", "Missing command: `airlock secret set` or `airlock secret remove`.");
            return Cli.USAGE;
        }
    }

    @Command(
            name = "set",
            description = {
                "Store a secret a server needs; a server that is on starts again with it.",
                "In a terminal, it asks for the value and does not show what you type. Otherwise it reads",
                "the first line of standard input, e.g. from your password manager."
            })
    static final class Set extends EngineCommand {
        @Parameters(index = "0", paramLabel = "SERVER", description = "The server's short name or full name.")
        String server;

        @Parameters(
                index = "1",
                paramLabel = "NAME",
                description = "The secret's name, as `airlock servers` shows it, e.g. GITHUB_TOKEN.")
        String name;

        private final CliContext context;

        Set(CliContext context) {
            super(context);
            this.context = context;
        }

        @Override
        int run(ControlClient engine, Output output) throws ControlException {
            // ask for nothing when it cannot be stored: nothing runs, or no such secret
            Optional<ServerView> view = engine.servers().stream()
                    .filter(v ->
                            v.shortName().equalsIgnoreCase(server) || v.name().equalsIgnoreCase(server))
                    .findFirst();
            if (view.isPresent() && need(view.get(), name).isEmpty()) {
                return output.failure("bad_request", noSuchSecret(view.get(), name));
            }
            String value;
            try {
                value = context.secretInput()
                        .read("%s for %s (what you type is not shown): "
                                .formatted(
                                        view.flatMap(v -> need(v, name))
                                                .map(SecretNeed::name)
                                                .orElse(name),
                                        view.map(ServerView::shortName).orElse(server)));
            } catch (IOException e) {
                return output.failure("no_value", e.getMessage());
            }
            if (value == null) {
                return output.failure(
                        "no_value",
                        "No value was given. Type it when asked, or give it on the first line of standard input.");
            }
            ServerView updated = engine.setSecret(server, name, value);
            return output.success(updated, HumanFormat.secretSet(updated, name));
        }
    }

    @Command(
            name = "remove",
            description = "Remove a stored secret; a server that is on and requires it stops and waits for it again.")
    static final class Remove extends EngineCommand {
        @Parameters(index = "0", paramLabel = "SERVER", description = "The server's short name or full name.")
        String server;

        @Parameters(index = "1", paramLabel = "NAME", description = "The secret's name, e.g. GITHUB_TOKEN.")
        String name;

        Remove(CliContext context) {
            super(context);
        }

        @Override
        int run(ControlClient engine, Output output) throws ControlException {
            ServerView updated = engine.removeSecret(server, name);
            return output.success(updated, HumanFormat.secretRemoved(updated, name));
        }
    }

    /** The server's secret of that name; letter case is forgiven, as the engine forgives it. */
    static Optional<SecretNeed> need(ServerView server, String name) {
        return server.secrets().stream()
                .filter(need -> need.name().equals(name))
                .findFirst()
                .or(() -> {
                    var similar = server.secrets().stream()
                            .filter(need -> need.name().equalsIgnoreCase(name))
                            .toList();
                    return similar.size() == 1 ? Optional.of(similar.getFirst()) : Optional.empty();
                });
    }

    private static String noSuchSecret(ServerView server, String name) {
        String title = server.title() == null || server.title().isBlank() ? server.shortName() : server.title();
        if (server.secrets().isEmpty()) {
            return title + " needs no secrets.";
        }
        String names = server.secrets().stream().map(SecretNeed::name).collect(Collectors.joining(", "));
        // a name that does not look like one may be the secret itself, typed in the wrong place
        return name.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")
                ? "%s has no secret named %s. Its secrets: %s.".formatted(title, name, names)
                : "That is not the name of one of %s's secrets. Its secrets: %s.".formatted(title, names);
    }
}
