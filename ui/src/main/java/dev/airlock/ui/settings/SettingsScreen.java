package dev.airlock.ui.settings;

import dev.airlock.ui.common.ProblemBanner;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The Settings screen: the look and start at login. */
public final class SettingsScreen {

    private final VBox root = new VBox(16);

    public SettingsScreen(SettingsViewModel model, ResourceBundle strings) {
        var title = new Label(strings.getString("shell.settings"));
        title.getStyleClass().add("title-3");

        var themeLabel = new Label(strings.getString("settings.theme"));
        themeLabel.getStyleClass().add("title-4");
        var theme = new ComboBox<>(FXCollections.observableArrayList(SettingsViewModel.THEMES));
        theme.setConverter(new StringConverter<>() {
            @Override
            public String toString(String value) {
                return value == null ? "" : model.themeLabel(value);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        theme.valueProperty().bindBidirectional(model.themeProperty());
        theme.disableProperty().bind(model.themeLockedProperty());
        theme.setAccessibleText(strings.getString("settings.theme"));
        themeLabel.setLabelFor(theme);
        var themeNote = muted(strings.getString("settings.managed"));
        themeNote.visibleProperty().bind(model.themeLockedProperty());
        themeNote.managedProperty().bind(themeNote.visibleProperty());

        var startAtLogin = new CheckBox(strings.getString("settings.startAtLogin"));
        startAtLogin.selectedProperty().bindBidirectional(model.startAtLoginProperty());
        startAtLogin
                .disableProperty()
                .bind(model.startAtLoginChangeableProperty().not());
        var startNote = muted("");
        startNote.textProperty().bind(model.startAtLoginNoteProperty());
        startNote.visibleProperty().bind(Bindings.isNotEmpty(model.startAtLoginNoteProperty()));
        startNote.managedProperty().bind(startNote.visibleProperty());
        var startHint = muted(strings.getString("settings.startAtLoginHint"));

        var message = new Label();
        message.textProperty().bind(model.messageProperty());
        message.getStyleClass().add("muted");

        root.getChildren()
                .addAll(
                        title,
                        new ProblemBanner(model.problemProperty(), strings),
                        new VBox(6, themeLabel, theme, themeNote),
                        new VBox(6, startAtLogin, startHint, startNote),
                        message);
        root.setPadding(new Insets(20, 24, 20, 24));
    }

    public Parent root() {
        return root;
    }

    private static Label muted(String text) {
        var label = new Label(text);
        label.setWrapText(true);
        label.setMaxWidth(600); // a comfortable line, however wide the window
        label.getStyleClass().add("muted");
        return label;
    }
}
