package dev.airlock.ui.secrets;

import dev.airlock.runtime.control.SecretNeed;
import dev.airlock.ui.tools.ToolCard;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Asking the user for a secret a tool needs: what it is for and who asks for it. The value goes to
 * the keychain once and is then forgotten here: the dialog never shows a stored secret again, it
 * can only be replaced or removed.
 */
public final class SecretDialogViewModel {

    private final String header;
    private final String explanation;
    private final String name;
    private final StringProperty value = new SimpleStringProperty("");
    private final BiConsumer<String, String> store;

    /**
     * @param store receives the variable name and the value (the tools view model's storeSecret)
     */
    public SecretDialogViewModel(
            ResourceBundle strings,
            ToolCard tool,
            SecretNeed secret,
            String company,
            BiConsumer<String, String> store) {
        this.name = secret.name();
        this.store = store;
        this.header = MessageFormat.format(strings.getString("secret.header"), tool.title(), ToolCard.purpose(secret));
        this.explanation = MessageFormat.format(
                strings.getString(secret.stored() ? "secret.replaceExplanation" : "secret.explanation"),
                company,
                tool.title(),
                secret.name());
    }

    /** "Weather needs your Weather API key". */
    public String header() {
        return header;
    }

    /** Who asks for it, why, and where it is kept. */
    public String explanation() {
        return explanation;
    }

    /** What the user types; emptied when saved or cancelled. */
    public StringProperty valueProperty() {
        return value;
    }

    public BooleanBinding canSave() {
        return Bindings.createBooleanBinding(
                () -> value.get() != null && !value.get().isBlank(), value);
    }

    /** Hands the value to the keychain and forgets it. */
    public void save() {
        String typed = value.get();
        value.set("");
        if (typed != null && !typed.isBlank()) {
            store.accept(name, typed.strip());
        }
    }

    public void cancel() {
        value.set("");
    }
}
