package dev.airlock.ui.main;

import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The main window's content, bound to its view model. */
public final class MainView {

    private final BorderPane root;

    public MainView(MainViewModel model, ResourceBundle strings) {
        var headline = new Label();
        headline.textProperty().bind(model.headlineProperty());
        headline.getStyleClass().add("title-2");
        headline.setAccessibleRole(AccessibleRole.TEXT);

        var user = new Label();
        user.textProperty().bind(model.userProperty());
        user.getStyleClass().add("text-muted");

        var signIn = new Button(strings.getString("main.signIn"));
        signIn.getStyleClass().add("accent");
        signIn.setDefaultButton(true);
        signIn.visibleProperty().bind(model.canSignInProperty());
        signIn.managedProperty().bind(signIn.visibleProperty());
        signIn.disableProperty().bind(model.busyProperty());
        signIn.setOnAction(event -> model.signIn());

        var signOut = new Button(strings.getString("main.signOut"));
        signOut.visibleProperty().bind(model.signedInProperty());
        signOut.managedProperty().bind(signOut.visibleProperty());
        signOut.disableProperty().bind(model.busyProperty());
        signOut.setOnAction(event -> model.signOut());

        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var titles = new VBox(2, headline, user);
        var header = new HBox(12, titles, spacer, signIn, signOut);
        header.setAlignment(Pos.CENTER_LEFT);

        var detail = new Label();
        detail.textProperty().bind(model.detailProperty());
        detail.setWrapText(true);
        detail.setMaxWidth(Double.MAX_VALUE);
        detail.setMinHeight(Region.USE_PREF_SIZE); // wrap onto more lines rather than cut the sentence

        var servers = new ListView<>(model.servers());
        servers.setAccessibleText("Your approved AI tools");
        servers.setCellFactory(list -> new ServerCell(model, strings));
        servers.visibleProperty().bind(Bindings.isNotEmpty(model.servers()));
        servers.managedProperty().bind(servers.visibleProperty());
        VBox.setVgrow(servers, Priority.ALWAYS);

        var copy = new Button(strings.getString("main.copy"));
        copy.setMinWidth(Region.USE_PREF_SIZE);
        copy.disableProperty()
                .bind(model.busyProperty()
                        .or(Bindings.createBooleanBinding(
                                () -> model.servers().stream().noneMatch(MainViewModel.ServerRow::on),
                                model.servers())));
        copy.setOnAction(event -> model.copyConnection(text -> {
            var content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        }));

        var message = new Label();
        message.textProperty().bind(model.messageProperty());
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.getStyleClass().add("text-muted");
        HBox.setHgrow(message, Priority.ALWAYS);
        var footer = new HBox(12, copy, message);
        footer.setAlignment(Pos.CENTER_LEFT);

        root = new BorderPane(new VBox(12, detail, servers), header, null, footer, null);
        BorderPane.setMargin(header, new Insets(0, 0, 12, 0));
        BorderPane.setMargin(footer, new Insets(12, 0, 0, 0));
        root.setPadding(new Insets(20, 24, 20, 24));
    }

    public Parent root() {
        return root;
    }

    /** A server: its name, what it does, its state, and a switch. */
    private static final class ServerCell extends ListCell<MainViewModel.ServerRow> {
        private final MainViewModel model;
        private final ResourceBundle strings;
        private final Label title = new Label();
        private final Label description = new Label();
        private final Label state = new Label();
        private final ToggleButton toggle = new ToggleButton();
        private final HBox content;

        ServerCell(MainViewModel model, ResourceBundle strings) {
            this.model = model;
            this.strings = strings;
            title.getStyleClass().add("text-bold");
            description.setWrapText(true);
            description.getStyleClass().add("text-muted");
            state.setWrapText(true);
            var text = new VBox(2, title, description, state);
            HBox.setHgrow(text, Priority.ALWAYS);
            text.setMaxWidth(Double.MAX_VALUE);
            toggle.setMinWidth(64);
            toggle.disableProperty().bind(model.busyProperty());
            content = new HBox(12, text, toggle);
            content.setAlignment(Pos.CENTER_LEFT);
            content.setPadding(new Insets(6, 4, 6, 4));
        }

        @Override
        protected void updateItem(MainViewModel.ServerRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            title.setText(row.title());
            description.setText(row.description());
            // on and off are what the switch says; the line is for anything more
            String line = row.detail() == null ? row.stateText() : row.stateText() + ": " + row.detail();
            boolean worthSaying = row.detail() != null
                    || !(row.stateText().equals(strings.getString("state.off"))
                            || row.stateText().equals(strings.getString("state.running")));
            state.setText(line);
            state.setVisible(worthSaying);
            state.setManaged(worthSaying);
            toggle.setSelected(row.on());
            toggle.setVisible(row.canSwitch());
            toggle.setText(strings.getString(row.on() ? "main.on" : "main.off"));
            toggle.setAccessibleText((row.on() ? "Turn off " : "Turn on ") + row.title());
            toggle.setOnAction(event -> model.setOn(row.shortName(), toggle.isSelected()));
            setGraphic(content);
        }
    }
}
