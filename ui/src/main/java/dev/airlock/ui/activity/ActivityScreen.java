package dev.airlock.ui.activity;

import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Function;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;

/** The live feed of what AI apps did through Airlock. */
public final class ActivityScreen {

    private final BorderPane root = new BorderPane();
    private final Timeline ticker;

    public ActivityScreen(ActivityViewModel model, ResourceBundle strings) {
        var title = new Label(strings.getString("shell.activity"));
        title.getStyleClass().add("title-3");
        var servers = new ComboBox<>(model.servers());
        servers.setAccessibleText(strings.getString("activity.filterServer"));
        servers.setConverter(labels(strings.getString("activity.allServers"), model::serverName));
        servers.valueProperty().bindBidirectional(model.serverFilterProperty());
        var outcomes = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(
                List.of(ActivityViewModel.ALL, "ok", "error", "failed", "cancelled", "blocked")));
        outcomes.setAccessibleText(strings.getString("activity.filterOutcome"));
        outcomes.setConverter(new StringConverter<>() {
            @Override
            public String toString(String outcome) {
                return outcome == null || outcome.isEmpty()
                        ? strings.getString("activity.allOutcomes")
                        : strings.getString("activity.outcome." + outcome);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        outcomes.valueProperty().bindBidirectional(model.outcomeFilterProperty());
        var header = new HBox(12, title, servers, outcomes);
        header.setAlignment(Pos.CENTER_LEFT);

        var table = new TableView<>(model.shown());
        table.setAccessibleText(strings.getString("shell.activity"));
        table.setPlaceholder(new Label(strings.getString("activity.empty")));
        table.getColumns().add(column(strings.getString("activity.time"), ActivityRow::time, 80));
        table.getColumns().add(column(strings.getString("activity.app"), ActivityRow::app, 140));
        table.getColumns().add(column(strings.getString("activity.server"), ActivityRow::server, 160));
        table.getColumns().add(column(strings.getString("activity.tool"), ActivityRow::tool, 140));
        TableColumn<ActivityRow, String> outcome =
                column(strings.getString("activity.outcome"), ActivityRow::outcome, 95);
        outcome.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                getStyleClass()
                        .removeAll(
                                "outcome-ok",
                                "outcome-error",
                                "outcome-failed",
                                "outcome-cancelled",
                                "outcome-blocked");
                ActivityRow row =
                        empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : text);
                if (row != null) {
                    getStyleClass().add("outcome-" + row.call().outcome());
                }
            }
        });
        table.getColumns().add(outcome);
        table.getColumns().add(column(strings.getString("activity.duration"), ActivityRow::duration, 75));
        TableColumn<ActivityRow, String> badge =
                column(strings.getString("activity.findings"), ActivityRow::badge, 170);
        badge.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                boolean shown = !empty && text != null && !text.isEmpty();
                setText(shown ? text : null);
                getStyleClass().remove("finding-badge");
                if (shown) {
                    getStyleClass().add("finding-badge");
                }
            }
        });
        table.getColumns().add(badge);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        model.selectedProperty().bind(table.getSelectionModel().selectedItemProperty());

        var details = new TextArea();
        details.setEditable(false);
        details.setWrapText(false);
        details.setAccessibleText(strings.getString("activity.details"));
        details.getStyleClass().add("monospace");
        details.textProperty().bind(model.detailsProperty());
        var detailsLabel = new Label(strings.getString("activity.details"));
        var detailsPane = new VBox(6, detailsLabel, details);
        VBox.setVgrow(details, javafx.scene.layout.Priority.ALWAYS);

        var split = new SplitPane(table, detailsPane);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.62);
        root.setTop(header);
        root.setCenter(split);
        BorderPane.setMargin(split, new Insets(12, 0, 0, 0));
        root.setPadding(new Insets(20, 24, 20, 24));

        // batch the live feed into the table a few times a second: never one update per call
        ticker = new Timeline(new KeyFrame(Duration.millis(250), event -> model.flush()));
        ticker.setCycleCount(Animation.INDEFINITE);
        ticker.play();
    }

    public Parent root() {
        return root;
    }

    public void stop() {
        ticker.stop();
    }

    private static TableColumn<ActivityRow, String> column(
            String name, Function<ActivityRow, String> value, double width) {
        var column = new TableColumn<ActivityRow, String>(name);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 75)); // a narrow window cuts text, never a whole heading
        return column;
    }

    private static StringConverter<String> labels(String all, Function<String, String> names) {
        return new StringConverter<>() {
            @Override
            public String toString(String value) {
                return value == null || value.isEmpty() ? all : names.apply(value);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        };
    }
}
