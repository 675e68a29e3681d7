package dev.airlock.app.cli;

import dev.airlock.runtime.control.ClientConnection;
import dev.airlock.runtime.control.CompanyView;
import dev.airlock.runtime.control.EngineStatus;
import dev.airlock.runtime.control.HiddenToolView;
import dev.airlock.runtime.control.SecretNeed;
import dev.airlock.runtime.control.ServerView;
import dev.airlock.runtime.control.SignInNotice;
import dev.airlock.runtime.control.UserView;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The text people read; {@code --json} is the format for programs. */
final class HumanFormat {

    /** The states people care about most come first. */
    private static final List<String> STATE_ORDER =
            List.of("running", "starting", "needs-secret", "failed", "unavailable", "off");

    private static final int DESCRIPTION_WIDTH = 60;

    private HumanFormat() {}

    static String status(EngineStatus status) {
        Map<String, List<String>> byState = status.servers().stream()
                .collect(Collectors.groupingBy(
                        ServerView::state,
                        () -> new TreeMap<>(byImportance()),
                        Collectors.mapping(ServerView::shortName, Collectors.toList())));
        TextTable table = new TextTable();
        CompanyView company = status.company();
        table.row("Company", company == null ? "not set up" : company.name() + " (" + company.registryUrl() + ")")
                .row("User", status.user() == null ? "Not signed in" : describe(status.user()));
        if (company != null && company.message() != null && !company.message().isBlank()) {
            table.row("Note", company.message());
        }
        status.policyProblems().forEach(problem -> table.row("Policy problem", problem));
        table.row("Gateway", status.gatewayUrl())
                .row("Container engine", status.containerEngine())
                .row("State directory", status.stateDir())
                .row();
        if (byState.isEmpty()) {
            table.row("Servers", "none approved for you yet");
        } else {
            table.row(
                    "Servers",
                    byState.entrySet().stream()
                            .map(e -> e.getValue().size() + " " + e.getKey())
                            .collect(Collectors.joining(", ")));
            byState.forEach((state, names) -> table.row("  " + state, String.join(", ", names)));
        }
        return "Airlock " + status.version() + " is running.\n\n" + table.render();
    }

    static String servers(List<ServerView> servers) {
        if (servers.isEmpty()) {
            return "No servers are approved for you yet. Your IT team decides which ones you can use.\n";
        }
        TextTable table = new TextTable().row("NAME", "STATE", "DESCRIPTION");
        for (ServerView server : servers) {
            table.row(server.shortName(), server.state(), describe(server));
            if (server.detail() != null && !server.detail().isBlank()) {
                table.row("", "", server.detail());
            }
            if (!server.secrets().isEmpty()) {
                table.row("", "", "Secrets: " + secretList(server));
                if (!missing(server).isEmpty() && !server.state().equals("unavailable")) {
                    table.row("", "", storeHint(server));
                }
            }
            hiddenTools(server, table);
        }
        return table.render();
    }

    /** The tools Airlock hid, why, and the command that allows those the user may allow. */
    private static void hiddenTools(ServerView server, TextTable table) {
        for (HiddenToolView hidden : server.tools().hidden()) {
            table.row("", "", "Hidden: " + hidden.sentence());
            if (hidden.approvable()) {
                table.row("", "", "  To allow it: airlock approve " + server.shortName() + " " + hidden.tool());
            }
        }
        server.tools().warnings().forEach(warning -> table.row("", "", "Warning: " + warning));
    }

    static String approved(ServerView server, String tool) {
        return "AI apps can use " + tool + " of " + server.shortName() + " again.\n";
    }

    /** "GITHUB_TOKEN missing, GITHUB_WEBHOOK_SECRET not stored (optional)" */
    private static String secretList(ServerView server) {
        return server.secrets().stream()
                .map(need -> need.name() + " "
                        + (need.stored() ? "stored" : need.required() ? "missing" : "not stored (optional)"))
                .collect(Collectors.joining(", "));
    }

    private static List<SecretNeed> missing(ServerView server) {
        return server.secrets().stream()
                .filter(need -> need.required() && !need.stored())
                .toList();
    }

    /** "Store it with `airlock secret set github GITHUB_TOKEN`." */
    private static String storeHint(ServerView server) {
        List<SecretNeed> missing = missing(server);
        return missing.size() == 1
                ? "Store it with `airlock secret set " + server.shortName() + " "
                        + missing.getFirst().name() + "`."
                : "Store each with `airlock secret set " + server.shortName() + " NAME`.";
    }

    /** Why an enabled server does not run yet, and what to do: one line. */
    static String waitsForSecret(ServerView server) {
        String waiting =
                server.detail() == null || server.detail().isBlank() ? "It waits for a secret." : server.detail();
        return server.shortName() + " is on, but not running. " + waiting + " " + storeHint(server) + " "
                + server.shortName() + " starts then.";
    }

    static String secretSet(ServerView server, String name) {
        String saved = "Saved your " + secretName(server, name) + " for " + server.shortName() + ".\n";
        return saved
                + switch (server.state()) {
                    case "running", "starting" -> enabled(server);
                    case "needs-secret" -> server.detail() + " " + storeHint(server) + "\n";
                    case "failed" -> server.shortName() + " could not start: " + server.detail() + "\n";
                    case "off" ->
                        missing(server).isEmpty()
                                ? "Turn it on with `airlock enable " + server.shortName() + "`.\n"
                                : storeHint(server) + "\n";
                    default -> server.shortName() + " is " + server.state() + ".\n";
                };
    }

    static String secretRemoved(ServerView server, String name) {
        String removed = "Removed your " + secretName(server, name) + " for " + server.shortName() + ".\n";
        return removed
                + switch (server.state()) {
                    case "needs-secret" ->
                        server.shortName() + " is stopped until you store it again with `airlock secret set "
                                + server.shortName() + " " + secretName(server, name) + "`.\n";
                    case "running" -> server.shortName() + " is running without it.\n";
                    default -> "";
                };
    }

    /** The name as the server spells it; the engine forgives letter case. */
    private static String secretName(ServerView server, String name) {
        return SecretCommands.need(server, name).map(SecretNeed::name).orElse(name);
    }

    static String enabled(ServerView server) {
        return switch (server.state()) {
            case "running" ->
                server.url() == null
                        ? server.shortName() + " is running.\n"
                        : server.shortName() + " is running. AI apps reach it at " + server.url() + "\n";
            case "starting" -> server.shortName() + " is starting. `airlock status` shows when it is running.\n";
            default -> server.shortName() + " is " + server.state() + ".\n";
        };
    }

    static String disabled(ServerView server) {
        return server.shortName() + " is " + server.state() + ".\n";
    }

    static String clientToken(ClientConnection connection) {
        TextTable table = new TextTable().row("URL", connection.url());
        new TreeMap<>(connection.headers()).forEach((name, value) -> table.row("Header", name + ": " + value));
        var text = new StringBuilder("New gateway token for " + connection.client() + ". Any earlier token for "
                + connection.client() + " no longer works.\n\n"
                + table.render()
                + "\nAdd this URL and header to your AI app's MCP server settings (Streamable HTTP).\n");
        if (!connection.servers().isEmpty()) {
            var endpoints = new TextTable();
            connection.servers().forEach((name, url) -> endpoints.row("  " + name, url));
            text.append("Each running server also has its own address:\n").append(endpoints.render());
        }
        return text.append("Keep the token to yourself: anyone who has it can use your servers.\n")
                .toString();
    }

    /** Only a promise that something happens: the engine says when the browser is open, or cannot be. */
    static String signingIn(String companyAddress) {
        return companyAddress == null ? "Signing in...\n" : "Signing in to " + companyAddress + "...\n";
    }

    /**
     * An address goes on a line of its own, so that it can be copied whole; a message that ends
     * with it ("Open this address yourself: https://...") does not repeat it.
     */
    static String notice(SignInNotice notice) {
        String message = notice.message() == null ? "" : notice.message().strip();
        String address = notice.address();
        if (address == null || address.isBlank()) {
            return message + "\n";
        }
        if (message.endsWith(address)) {
            message = message.substring(0, message.length() - address.length()).stripTrailing();
        }
        return message.isEmpty() ? address + "\n" : message + "\n" + address + "\n";
    }

    static String signedIn(UserView user) {
        return "Signed in as " + describe(user) + ".\n";
    }

    static String signedOut() {
        return "Signed out.\n";
    }

    private static String describe(UserView user) {
        String who = user.name() != null && !user.name().isBlank()
                ? user.name()
                : user.email() != null && !user.email().isBlank() ? user.email() : "an unnamed user";
        return user.roles().isEmpty() ? who + " (no roles)" : who + " (roles: " + String.join(", ", user.roles()) + ")";
    }

    private static String describe(ServerView server) {
        if (server.title() != null && !server.title().isBlank()) {
            return server.title();
        }
        String description =
                server.description() == null ? "" : server.description().strip();
        return description.length() <= DESCRIPTION_WIDTH
                ? description
                : description.substring(0, DESCRIPTION_WIDTH - 3).stripTrailing() + "...";
    }

    private static Comparator<String> byImportance() {
        return Comparator.<String>comparingInt(state -> {
                    int rank = STATE_ORDER.indexOf(state);
                    return rank < 0 ? STATE_ORDER.size() : rank;
                })
                .thenComparing(Comparator.naturalOrder());
    }
}
