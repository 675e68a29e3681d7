package dev.airlock.ui.secrets;

import java.util.ResourceBundle;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The dialog that asks for a secret; the typed value is masked and never shown again. */
public final class SecretDialog extends Dialog<ButtonType> {

    public SecretDialog(SecretDialogViewModel model, ResourceBundle strings, Window owner) {
        initOwner(owner);
        setTitle(strings.getString("secret.title"));
        setHeaderText(model.header());
        var explanation = new Label(model.explanation());
        explanation.setWrapText(true);
        explanation.setMinHeight(Region.USE_PREF_SIZE);
        explanation.setMaxWidth(420);
        var field = new PasswordField();
        field.setId("secret-value");
        field.setPromptText(strings.getString("secret.prompt"));
        field.setAccessibleText(model.header());
        field.textProperty().bindBidirectional(model.valueProperty());
        var content = new VBox(12, explanation, field);
        getDialogPane().setContent(content);
        var save = new ButtonType(strings.getString("secret.save"), ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(save, ButtonType.CANCEL);
        getDialogPane()
                .lookupButton(save)
                .disableProperty()
                .bind(model.canSave().not());
        setOnShown(event -> field.requestFocus());
        setResultConverter(button -> {
            if (button == save) {
                model.save();
            } else {
                model.cancel();
            }
            return button;
        });
    }
}
