package dev.airlock.app.platform.theme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.settings.LinuxPolicyFile;
import dev.airlock.runtime.settings.SettingKey;
import dev.airlock.runtime.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The setting ui.theme, as the user or the company set it. */
class ThemePreferenceTest {

    @TempDir
    Path dir;

    private SettingsStore store() {
        return new SettingsStore(new LinuxPolicyFile(dir.resolve("policy.json")), dir.resolve("settings.json"));
    }

    @Test
    void bySystemByDefault() {
        assertThat(ThemePreference.of(store().settings())).isEqualTo(ThemePreference.SYSTEM);
    }

    @Test
    void theUsersChoiceIsSavedAndRead() throws Exception {
        store().set(SettingKey.UI_THEME, ThemePreference.DARK.wireName());

        assertThat(ThemePreference.of(store().settings())).isEqualTo(ThemePreference.DARK);
    }

    @Test
    void theCompanysChoiceWinsInAnyCase() throws Exception {
        store().set(SettingKey.UI_THEME, "dark");
        Files.writeString(dir.resolve("policy.json"), "{\"ui\": {\"theme\": \"LIGHT\"}}");

        var settings = store().settings();

        assertThat(ThemePreference.of(settings)).isEqualTo(ThemePreference.LIGHT);
        assertThat(settings.locked(SettingKey.UI_THEME)).isTrue();
    }

    @Test
    void anythingElseFollowsTheSystem() {
        assertThat(ThemePreference.parse("purple")).isEqualTo(ThemePreference.SYSTEM);
        assertThat(ThemePreference.parse(null)).isEqualTo(ThemePreference.SYSTEM);
        assertThat(ThemePreference.parse(" Dark ")).isEqualTo(ThemePreference.DARK);
    }

    @Test
    void onlySystemAsksTheOperatingSystem() {
        var asked = new AtomicInteger();

        assertThat(ThemePreference.SYSTEM.resolve(() -> {
                    asked.incrementAndGet();
                    return Theme.DARK;
                }))
                .isEqualTo(Theme.DARK);
        assertThat(ThemePreference.LIGHT.resolve(() -> {
                    asked.incrementAndGet();
                    return Theme.DARK;
                }))
                .isEqualTo(Theme.LIGHT);
        assertThat(ThemePreference.DARK.resolve(() -> Theme.LIGHT)).isEqualTo(Theme.DARK);
        assertThat(asked).hasValue(1);
    }
}
