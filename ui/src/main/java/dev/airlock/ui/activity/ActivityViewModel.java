package dev.airlock.ui.activity;

import dev.airlock.runtime.activity.ActivityFeed;
import dev.airlock.runtime.control.ActivityView;
import dev.airlock.runtime.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.UnaryOperator;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import tools.jackson.core.JacksonException;

/**
 * The live feed of calls through the gateway. Calls arrive on the gateway's threads into a queue;
 * {@link #flush()}, called a few times a second on the UI thread, moves them into the list in one
 * change, so hundreds of calls a second cost the UI one update per tick. The list keeps the newest
 * {@link #MAX_ROWS}.
 */
public final class ActivityViewModel implements AutoCloseable {

    public static final int MAX_ROWS = 2000;
    /** The filter value that lets everything through. */
    public static final String ALL = "";

    private final ResourceBundle strings;
    private final ActivityFeed feed;
    private final UnaryOperator<String> serverNames;
    private final ConcurrentLinkedQueue<ActivityView> arrived = new ConcurrentLinkedQueue<>();
    private final ObservableList<ActivityRow> rows = FXCollections.observableArrayList();
    private final FilteredList<ActivityRow> shown = new FilteredList<>(rows);
    private final ObservableList<String> servers = FXCollections.observableArrayList(ALL);
    private final ObjectProperty<String> serverFilter = new SimpleObjectProperty<>(ALL);
    private final ObjectProperty<String> outcomeFilter = new SimpleObjectProperty<>(ALL);
    private final ObjectProperty<ActivityRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
    private AutoCloseable subscription;

    public ActivityViewModel(ResourceBundle strings, ActivityFeed feed) {
        this(strings, feed, UnaryOperator.identity());
    }

    /**
     * @param serverNames a server's name as its card shows it ("Everything (demo)"), from its
     *     short name ("everything"); called on the UI thread
     */
    public ActivityViewModel(ResourceBundle strings, ActivityFeed feed, UnaryOperator<String> serverNames) {
        this.strings = strings;
        this.feed = feed;
        this.serverNames = serverNames;
        serverFilter.addListener((property, old, value) -> refilter());
        outcomeFilter.addListener((property, old, value) -> refilter());
        selected.addListener((property, old, row) -> details.set(row == null ? "" : details(row.call())));
    }

    /** Loads the recent calls and starts listening for new ones. */
    public void start() {
        List<ActivityView> recent = feed.recent(MAX_ROWS);
        rows.setAll(recent.stream()
                .map(call -> ActivityRow.of(call, strings, serverNames))
                .toList());
        updateServers();
        subscription = feed.subscribe(arrived::add);
    }

    /** Moves what arrived since the last call into the list, newest first. Runs on the UI thread. */
    public void flush() {
        if (arrived.isEmpty()) {
            return;
        }
        var batch = new ArrayList<ActivityRow>();
        ActivityView call;
        while ((call = arrived.poll()) != null) {
            batch.add(ActivityRow.of(call, strings, serverNames));
        }
        java.util.Collections.reverse(batch);
        if (batch.size() >= MAX_ROWS) {
            rows.setAll(batch.subList(0, MAX_ROWS));
        } else {
            var next = new ArrayList<ActivityRow>(Math.min(MAX_ROWS, batch.size() + rows.size()));
            next.addAll(batch);
            next.addAll(rows.subList(0, Math.min(rows.size(), MAX_ROWS - batch.size())));
            rows.setAll(next);
        }
        updateServers();
    }

    /** The calls that pass the filters, newest first. */
    public ObservableList<ActivityRow> shown() {
        return shown;
    }

    /** Every call kept, newest first. */
    public ObservableList<ActivityRow> rows() {
        return rows;
    }

    /** A server's name as people see it, for the filter's labels. */
    public String serverName(String server) {
        return server == null || server.equals(ALL) ? server : serverNames.apply(server);
    }

    /** The servers seen (short names), for the filter; the first entry ({@link #ALL}) means all. */
    public ObservableList<String> servers() {
        return servers;
    }

    public ObjectProperty<String> serverFilterProperty() {
        return serverFilter;
    }

    /** An outcome ({@code ok}, {@code error}, {@code failed}, {@code cancelled}) or {@link #ALL}. */
    public ObjectProperty<String> outcomeFilterProperty() {
        return outcomeFilter;
    }

    public ObjectProperty<ActivityRow> selectedProperty() {
        return selected;
    }

    /** What was asked and what came back, for the selected call. */
    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    private void refilter() {
        String server = serverFilter.get();
        String outcome = outcomeFilter.get();
        shown.setPredicate(row -> (server == null
                        || server.equals(ALL)
                        || server.equals(row.call().server()))
                && (outcome == null
                        || outcome.equals(ALL)
                        || outcome.equals(row.call().outcome())));
    }

    private void updateServers() {
        var names = new TreeSet<String>();
        rows.forEach(row -> names.add(row.call().server()));
        names.removeIf(Objects::isNull);
        var next = new ArrayList<String>();
        next.add(ALL);
        next.addAll(names);
        if (!next.equals(servers)) {
            servers.setAll(next);
        }
    }

    private String details(ActivityView call) {
        List<String> findings = new FindingWords(strings).details(call);
        return strings.getString("activity.details.request") + "\n" + pretty(call.request()) + "\n\n"
                + strings.getString("activity.details.response") + "\n" + pretty(call.response())
                + (findings.isEmpty()
                        ? ""
                        : "\n\n" + strings.getString("activity.details.findings") + "\n" + String.join("\n", findings));
    }

    private static String pretty(String json) {
        if (json == null || json.isBlank()) {
            return "—";
        }
        try {
            return Json.mapper()
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(Json.mapper().readTree(json));
        } catch (JacksonException e) {
            return json; // shortened text is no longer valid JSON: show it as it is
        }
    }

    @Override
    public void close() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                // closing a subscription cannot fail in a way worth telling anyone
            }
        }
    }
}
