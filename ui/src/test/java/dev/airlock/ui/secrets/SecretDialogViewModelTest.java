package dev.airlock.ui.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.control.SecretNeed;
import dev.airlock.runtime.control.ServerView;
import dev.airlock.ui.tools.PermissionDescriptions;
import dev.airlock.ui.tools.ToolCard;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class SecretDialogViewModelTest {

    private static final String FAKE_TOKEN = "ghp_EXAMPLEexampleEXAMPLEexample0000";
    private final ResourceBundle strings = ResourceBundle.getBundle("dev.airlock.ui.strings");
    private final List<String> stored = new ArrayList<>();

    @Test
    void saysWhatTheSecretIsForAndWhoAsksForIt() {
        var dialog = dialog(new SecretNeed("WEATHER_API_KEY", "your Weather API key", true, false));

        assertThat(dialog.header()).isEqualTo("Weather needs your Weather API key");
        assertThat(dialog.explanation())
                .startsWith("Example Corp set up Weather to use it.")
                .contains("keychain")
                .contains("never shown again");
    }

    @Test
    void theValueGoesToTheKeychainOnceAndIsForgotten() {
        var dialog = dialog(new SecretNeed("WEATHER_API_KEY", "your Weather API key", true, false));
        assertThat(dialog.canSave().get()).isFalse();

        dialog.valueProperty().set("  " + FAKE_TOKEN + "\n");
        assertThat(dialog.canSave().get()).isTrue();
        dialog.save();

        assertThat(stored).containsExactly("WEATHER_API_KEY=" + FAKE_TOKEN);
        assertThat(dialog.valueProperty().get()).isEmpty();
        assertThat(dialog.header() + dialog.explanation()).doesNotContain(FAKE_TOKEN);
    }

    @Test
    void cancellingForgetsWhatWasTyped() {
        var dialog = dialog(new SecretNeed("WEATHER_API_KEY", "", true, false));
        dialog.valueProperty().set(FAKE_TOKEN);

        dialog.cancel();

        assertThat(dialog.valueProperty().get()).isEmpty();
        assertThat(stored).isEmpty();
    }

    @Test
    void aStoredSecretIsOnlyReplacedNeverShown() {
        var dialog = dialog(new SecretNeed("WEATHER_API_KEY", "your Weather API key", true, true));

        assertThat(dialog.explanation()).startsWith("Type a new value to replace the one saved for Weather.");
        assertThat(dialog.valueProperty().get()).isEmpty();
    }

    private SecretDialogViewModel dialog(SecretNeed secret) {
        var view = new ServerView(
                "io.example/weather",
                "weather",
                "Weather",
                "Forecasts",
                "1.0",
                "off",
                null,
                null,
                null,
                List.of(secret),
                null);
        ToolCard card = ToolCard.of(view, new PermissionDescriptions(strings), strings);
        return new SecretDialogViewModel(
                strings, card, secret, "Example Corp", (name, value) -> stored.add(name + "=" + value));
    }
}
