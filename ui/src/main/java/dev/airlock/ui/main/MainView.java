package dev.airlock.ui.main;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.AccessibleRole;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The main window's content, bound to its view model. */
public final class MainView {

    private final VBox root;

    public MainView(MainViewModel model) {
        var headline = new Label();
        headline.textProperty().bind(model.headlineProperty());
        headline.getStyleClass().add("title-2");
        headline.setAccessibleRole(AccessibleRole.TEXT);

        var detail = new Label();
        detail.textProperty().bind(model.detailProperty());
        detail.setWrapText(true);

        var servers = new ListView<>(model.servers());
        servers.setFocusTraversable(true);
        servers.setAccessibleText("Approved servers");
        servers.visibleProperty().bind(Bindings.isNotEmpty(model.servers()));
        servers.managedProperty().bind(servers.visibleProperty());
        VBox.setVgrow(servers, Priority.ALWAYS);

        root = new VBox(12, headline, detail, servers);
        root.setPadding(new Insets(24));
    }

    public Parent root() {
        return root;
    }
}
