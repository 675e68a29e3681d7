package dev.airlock.ui.main;

import dev.airlock.runtime.control.EngineStatus;
import dev.airlock.runtime.control.ServerView;
import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** What the main window shows, as properties only: testable without a screen. */
public final class MainViewModel {

    private final ResourceBundle strings;
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper();
    private final ObservableList<String> servers = FXCollections.observableArrayList();

    public MainViewModel(ResourceBundle strings) {
        this.strings = strings;
        headline.set(strings.getString("main.starting"));
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ObservableList<String> servers() {
        return servers;
    }

    /** The engine is running: say so, and list the approved servers. */
    public void show(EngineStatus status) {
        headline.set(strings.getString("main.running"));
        if (status.servers().isEmpty()) {
            detail.set(strings.getString("main.noCompany"));
        } else {
            detail.set(strings.getString("main.serversIntro"));
        }
        servers.setAll(status.servers().stream().map(this::line).toList());
    }

    /** The engine could not start: one sentence, with what to do. */
    public void showProblem(String message) {
        headline.set(strings.getString("main.problem"));
        detail.set(message);
        servers.clear();
    }

    private String line(ServerView server) {
        String state = strings.getString("state." + server.state());
        return server.title() + " — " + state;
    }
}
