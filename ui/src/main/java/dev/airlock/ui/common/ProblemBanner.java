package dev.airlock.ui.common;

import java.util.ResourceBundle;
import javafx.beans.property.ObjectProperty;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A problem as people see it: one sentence with the next step, and the technical detail hidden
 * behind "Show details" (for IT, or for a support ticket).
 */
public final class ProblemBanner extends VBox {

    public ProblemBanner(ObjectProperty<Problem> problem, ResourceBundle strings) {
        super(4);
        getStyleClass().add("problem-banner");
        var sentence = new Label();
        sentence.setWrapText(true);
        sentence.setMinHeight(Region.USE_PREF_SIZE);
        sentence.getStyleClass().add("problem-sentence");
        sentence.setAccessibleRole(AccessibleRole.TEXT);
        var toggle = new Hyperlink(strings.getString("shell.details"));
        var detail = new TextArea();
        detail.setEditable(false);
        detail.setWrapText(true);
        detail.setPrefRowCount(4);
        detail.setVisible(false);
        detail.setManaged(false);
        detail.setAccessibleText(strings.getString("shell.details"));
        toggle.setOnAction(event -> {
            boolean show = !detail.isVisible();
            detail.setVisible(show);
            detail.setManaged(show);
            toggle.setText(strings.getString(show ? "shell.hideDetails" : "shell.details"));
        });
        getChildren().addAll(sentence, toggle, detail);
        Runnable update = () -> {
            Problem current = problem.get();
            setVisible(current != null);
            setManaged(current != null);
            if (current != null) {
                sentence.setText(current.sentence());
                detail.setText(current.detail() == null ? "" : current.detail());
                toggle.setVisible(current.detail() != null && !current.detail().isBlank());
                toggle.setManaged(toggle.isVisible());
            }
        };
        problem.addListener((property, old, now) -> update.run());
        update.run();
    }
}
