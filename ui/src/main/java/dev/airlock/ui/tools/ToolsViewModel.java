package dev.airlock.ui.tools;

import dev.airlock.runtime.control.ClientConnection;
import dev.airlock.runtime.control.EngineControl;
import dev.airlock.runtime.control.ServerView;
import dev.airlock.runtime.json.Json;
import dev.airlock.ui.common.Background;
import dev.airlock.ui.common.Problem;
import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.collections.transformation.FilteredList;
import tools.jackson.databind.node.ObjectNode;

/** "My tools": the approved tools as cards, with their switches, secrets and connections. */
public final class ToolsViewModel {

    /** More tools than this, and a search box helps. */
    public static final int SEARCH_FROM = 7;

    private final ResourceBundle strings;
    private final EngineControl engine;
    private final Background background;
    private final PermissionDescriptions descriptions;
    private final ObservableList<ToolCard> cards = FXCollections.observableArrayList();
    private final FilteredList<ToolCard> visible = new FilteredList<>(cards);
    private final StringProperty search = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ObjectProperty<Problem> problem = new SimpleObjectProperty<>();
    private final ObservableSet<String> working = FXCollections.observableSet();

    public ToolsViewModel(ResourceBundle strings, EngineControl engine, Background background) {
        this.strings = strings;
        this.engine = engine;
        this.background = background;
        this.descriptions = new PermissionDescriptions(strings);
        search.addListener((property, old, text) -> visible.setPredicate(card -> card.matches(text)));
    }

    /** Every approved tool. */
    public ObservableList<ToolCard> cards() {
        return cards;
    }

    /** The tools that match the search. */
    public ObservableList<ToolCard> visibleCards() {
        return visible;
    }

    public StringProperty searchProperty() {
        return search;
    }

    /** Whether there are enough tools for a search box to help. */
    public BooleanBinding searchUseful() {
        return Bindings.size(cards).greaterThanOrEqualTo(SEARCH_FROM);
    }

    /** The outcome of the last action, in a sentence. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The last thing that went wrong, with its details; null when all is well. */
    public ObjectProperty<Problem> problemProperty() {
        return problem;
    }

    /** The tools with an action under way: their switches wait for it. */
    public ObservableSet<String> working() {
        return working;
    }

    /** Shows the engine's servers; the order is the company's. */
    public void show(List<ServerView> servers) {
        cards.setAll(servers.stream()
                .map(server -> ToolCard.of(server, descriptions, strings))
                .toList());
    }

    /** Turns a tool on or off. Starting may take a minute the first time (its image is prepared). */
    public void setOn(String tool, boolean on) {
        act(
                tool,
                MessageFormat.format(strings.getString(on ? "tools.turningOn" : "tools.turningOff"), title(tool)),
                () -> on ? engine.enable(tool) : engine.disable(tool),
                view -> MessageFormat.format(
                        strings.getString(on ? "tools.turnedOn" : "tools.turnedOff"), view.title()));
    }

    /** Stores a secret in the keychain; the value is handed over once and not kept here. */
    public void storeSecret(String tool, String name, String value) {
        act(
                tool,
                strings.getString("tools.savingSecret"),
                () -> engine.setSecret(tool, name, value),
                view -> strings.getString("tools.secretSaved"));
    }

    public void removeSecret(String tool, String name) {
        act(
                tool,
                strings.getString("tools.removingSecret"),
                () -> engine.removeSecret(tool, name),
                view -> strings.getString("tools.secretRemoved"));
    }

    /** Lets AI apps use a tool Airlock hid because it is new or changed: the user trusts it as it is now. */
    public void approveTool(String server, String tool) {
        act(
                server,
                MessageFormat.format(strings.getString("tools.approving"), tool),
                () -> engine.approveTool(server, tool),
                view -> MessageFormat.format(strings.getString("tools.approved"), tool, view.title()));
    }

    /**
     * Puts what an AI app needs into the clipboard: for one tool, or (null) for all of them.
     */
    public void copyConnection(String tool, Consumer<String> clipboard) {
        background.run(
                () -> engine.issueClientToken("desktop"),
                connection -> {
                    clipboard.accept(connectionText(connection, tool));
                    message.set(strings.getString("tools.copied"));
                    problem.set(null);
                },
                problem::set);
    }

    /**
     * The {@code mcpServers} block that Claude Code, Cursor and other AI apps read from their MCP
     * settings: the Streamable HTTP address and the header with the gateway token, for one tool
     * (its own address) or, with {@code only} null, for all of them (the gateway's {@code /mcp},
     * which follows the tools as they are turned on and off).
     */
    static String connectionText(ClientConnection connection, String only) {
        ObjectNode servers = Json.mapper().createObjectNode();
        if (only == null) {
            // one entry for every tool that is on, now and later: the gateway's address for all
            ObjectNode entry = servers.putObject("airlock");
            entry.put("type", "http");
            entry.put("url", connection.url());
            ObjectNode headers = entry.putObject("headers");
            connection.headers().forEach(headers::put);
        }
        connection.servers().forEach((server, url) -> {
            if (only != null && only.equals(server)) {
                ObjectNode entry = servers.putObject(server);
                entry.put("type", "http");
                entry.put("url", url);
                ObjectNode headers = entry.putObject("headers");
                connection.headers().forEach(headers::put);
            }
        });
        ObjectNode settings = Json.mapper().createObjectNode();
        settings.set("mcpServers", servers);
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(settings) + "\n";
    }

    private void act(
            String tool,
            String working,
            Background.Call<ServerView> call,
            java.util.function.Function<ServerView, String> done) {
        this.working.add(tool);
        message.set(working);
        background.run(
                call,
                view -> {
                    this.working.remove(tool);
                    replace(view);
                    message.set(done.apply(view));
                    problem.set(
                            view.state().equals("failed")
                                    ? ServerFailures.explain(
                                            ToolCard.of(view, descriptions, strings)
                                                    .title(),
                                            view.detail(),
                                            strings)
                                    : null);
                },
                failure -> {
                    this.working.remove(tool);
                    message.set("");
                    problem.set(failure);
                });
    }

    private void replace(ServerView view) {
        for (int i = 0; i < cards.size(); i++) {
            if (cards.get(i).shortName().equals(view.shortName())) {
                cards.set(i, ToolCard.of(view, descriptions, strings));
                return;
            }
        }
    }

    private String title(String tool) {
        return cards.stream()
                .filter(card -> card.shortName().equals(tool))
                .map(ToolCard::title)
                .findFirst()
                .orElse(tool);
    }
}
