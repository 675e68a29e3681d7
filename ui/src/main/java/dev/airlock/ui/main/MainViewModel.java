package dev.airlock.ui.main;

import dev.airlock.runtime.control.ClientConnection;
import dev.airlock.runtime.control.ControlException;
import dev.airlock.runtime.control.EngineControl;
import dev.airlock.runtime.control.EngineStatus;
import dev.airlock.runtime.control.ServerView;
import dev.airlock.runtime.control.UserView;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the main window shows and what it can do, as properties only: testable without a screen.
 * Engine calls run on the background executor; results are applied on the UI executor (the FX
 * thread in the app), so the window never freezes.
 */
public final class MainViewModel {

    /** One server as the window lists it. */
    public record ServerRow(
            String shortName,
            String title,
            String description,
            String stateText,
            String detail,
            boolean on,
            boolean canSwitch) {}

    private final ResourceBundle strings;
    private final EngineControl engine;
    private final Executor ui;
    private final Executor background;
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper user = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canSignIn = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper signedIn = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ObservableList<ServerRow> servers = FXCollections.observableArrayList();

    /**
     * @param engine null when the engine could not start (the window then only explains why)
     * @param ui runs a change of the view's state (the FX thread)
     * @param background runs engine calls, which may take minutes (sign-in, image builds)
     */
    public MainViewModel(ResourceBundle strings, EngineControl engine, Executor ui, Executor background) {
        this.strings = strings;
        this.engine = engine;
        this.ui = ui;
        this.background = background;
        headline.set(strings.getString("main.starting"));
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** "Signed in as …", or empty. */
    public ReadOnlyStringProperty userProperty() {
        return user.getReadOnlyProperty();
    }

    /** The outcome of the last action (or what sign-in waits for), for a status line. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canSignInProperty() {
        return canSignIn.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty signedInProperty() {
        return signedIn.getReadOnlyProperty();
    }

    /** True while an action runs; buttons are disabled meanwhile. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ObservableList<ServerRow> servers() {
        return servers;
    }

    /** Reads the engine's state again. */
    public void refresh() {
        if (engine == null) {
            return;
        }
        background.execute(() -> {
            EngineStatus status = engine.status();
            ui.execute(() -> show(status));
        });
    }

    /** Shows the engine's state. */
    public void show(EngineStatus status) {
        headline.set(
                status.company() == null
                        ? strings.getString("main.running")
                        : MessageFormat.format(
                                strings.getString("main.company"),
                                status.company().name()));
        UserView who = status.user();
        signedIn.set(who != null);
        canSignIn.set(status.company() != null && who == null);
        user.set(
                who == null
                        ? ""
                        : MessageFormat.format(
                                strings.getString("main.signedInAs"),
                                who.name(),
                                who.roles().isEmpty()
                                        ? strings.getString("main.noRoles")
                                        : String.join(", ", who.roles())));
        if (status.company() == null) {
            detail.set(strings.getString("main.noCompany"));
        } else if (status.company().message() != null) {
            detail.set(status.company().message());
        } else if (status.servers().isEmpty()) {
            detail.set(strings.getString("main.noServers"));
        } else {
            detail.set(strings.getString("main.serversIntro"));
        }
        servers.setAll(status.servers().stream().map(this::row).toList());
    }

    /** The engine could not start: one sentence, with what to do. */
    public void showProblem(String problem) {
        headline.set(strings.getString("main.problem"));
        detail.set(problem);
        canSignIn.set(false);
        servers.clear();
    }

    /** Signs in through the browser; the status line says what Airlock waits for. */
    public void signIn() {
        run(strings.getString("main.signingIn"), () -> {
            UserView who = engine.signIn(
                    null,
                    notice -> ui.execute(() -> message.set(
                            notice.address() == null ? notice.message() : notice.message() + " " + notice.address())));
            return MessageFormat.format(strings.getString("main.welcome"), who.name());
        });
    }

    public void signOut() {
        run(strings.getString("main.signingOut"), () -> {
            engine.signOut();
            return strings.getString("main.signedOut");
        });
    }

    /** Turns a server on or off. */
    public void setOn(String server, boolean on) {
        run(MessageFormat.format(strings.getString(on ? "main.turningOn" : "main.turningOff"), server), () -> {
            ServerView view = on ? engine.enable(server) : engine.disable(server);
            return MessageFormat.format(strings.getString(on ? "main.turnedOn" : "main.turnedOff"), view.title());
        });
    }

    /**
     * Issues a token for AI apps and hands the connection, as text for the clipboard, to
     * {@code clipboard} (on the UI executor).
     */
    public void copyConnection(Consumer<String> clipboard) {
        run(strings.getString("main.copying"), () -> {
            ClientConnection connection = engine.issueClientToken("desktop");
            String text = connectionText(connection);
            ui.execute(() -> clipboard.accept(text));
            return strings.getString("main.copied");
        });
    }

    /** An AI app's MCP settings entry for each running server: URL and header. */
    static String connectionText(ClientConnection connection) {
        var text = new StringBuilder();
        connection.servers().forEach((name, url) -> {
            text.append(name).append('\n').append("  URL: ").append(url).append('\n');
            connection
                    .headers()
                    .forEach((header, value) -> text.append("  ")
                            .append(header)
                            .append(": ")
                            .append(value)
                            .append('\n'));
        });
        return text.toString();
    }

    @FunctionalInterface
    private interface Action {
        String run() throws ControlException;
    }

    private void run(String working, Action action) {
        if (engine == null) {
            return;
        }
        busy.set(true);
        message.set(working);
        background.execute(() -> {
            String outcome;
            try {
                outcome = action.run();
            } catch (ControlException e) {
                outcome = e.getMessage();
            }
            EngineStatus status = engine.status();
            String shown = outcome;
            ui.execute(() -> {
                show(status);
                message.set(shown);
                busy.set(false);
            });
        });
    }

    private ServerRow row(ServerView server) {
        String state = strings.getString("state." + server.state());
        boolean on = server.state().equals("running") || server.state().equals("starting");
        return new ServerRow(
                server.shortName(),
                server.title(),
                server.description(),
                state,
                server.detail(),
                on,
                !server.state().equals("unavailable"));
    }
}
