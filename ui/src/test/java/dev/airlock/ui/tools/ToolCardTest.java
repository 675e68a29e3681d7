package dev.airlock.ui.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.control.PermissionsView;
import dev.airlock.runtime.control.SecretNeed;
import dev.airlock.runtime.control.ServerView;
import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/** How a card shows each state a server goes through. */
class ToolCardTest {

    private final ResourceBundle strings = ResourceBundle.getBundle("dev.airlock.ui.strings");
    private final PermissionDescriptions descriptions = new PermissionDescriptions(strings);

    @Test
    void offThenStartingWithProgressThenOn() {
        ToolCard off = card("off", null, List.of());
        assertThat(off.state()).isEqualTo(ToolCard.State.OFF);
        assertThat(off.stateText()).isEqualTo("Off");
        assertThat(off.switchedOn()).isFalse();
        assertThat(off.switchable()).isTrue();

        ToolCard starting = card("starting", "Building: Step 3/4 : RUN npm install", List.of());
        assertThat(starting.state()).isEqualTo(ToolCard.State.STARTING);
        assertThat(starting.stateText()).isEqualTo("Starting…");
        assertThat(starting.progress()).isEqualTo("Building: Step 3/4 : RUN npm install");
        assertThat(starting.switchedOn()).isTrue();

        ToolCard on = card("running", null, List.of());
        assertThat(on.state()).isEqualTo(ToolCard.State.ON);
        assertThat(on.stateText()).isEqualTo("On");
        assertThat(on.progress()).isNull();
        assertThat(on.switchedOn()).isTrue();
    }

    @Test
    void aFailedStartNeedsAttentionWithTheReasonAndTheSwitchOff() {
        ToolCard failed = card("failed", "Weather could not start: it stopped with exit code 1.", List.of());

        assertThat(failed.state()).isEqualTo(ToolCard.State.NEEDS_ATTENTION);
        assertThat(failed.stateText()).isEqualTo("Needs attention");
        assertThat(failed.reason())
                .isEqualTo("Weather could not start. Turn it on again; if it keeps failing, send the details to your"
                        + " IT team.");
        assertThat(failed.reasonDetail()).isEqualTo("Weather could not start: it stopped with exit code 1.");
        assertThat(failed.switchedOn()).isFalse();
    }

    @Test
    void theCommonFailuresEachGetASentenceWithANextStepAndKeepTheEnginesWordsAsDetail() {
        String pull = "Weather could not start: The server's image ghcr.io/example/weather:1 could not be downloaded:"
                + " manifest unknown";
        assertThat(card("failed", pull, List.of()).reason())
                .isEqualTo("Weather could not be downloaded. Check that you are connected to the internet (or your"
                        + " company network), then turn it on again.");
        assertThat(card("failed", pull, List.of()).reasonDetail()).isEqualTo(pull);

        assertThat(card(
                                "failed",
                                "Docker is not running. Start Docker Desktop (or your container engine), then try"
                                        + " again.",
                                List.of())
                        .reason())
                .startsWith("Docker is not running, so Weather cannot start.");
        assertThat(card(
                                "failed",
                                "Weather could not start: The server could not be built from its npm package: x.",
                                List.of())
                        .reason())
                .startsWith("Weather could not be prepared. Check that you are connected to the internet");
        assertThat(card("failed", "Weather stopped unexpectedly: exit code 137. Turn it on again.", List.of())
                        .reason())
                .isEqualTo("Weather stopped unexpectedly. Turn it on again to restart it.");
        assertThat(card("failed", null, List.of()).reasonDetail()).isNull();
    }

    @Test
    void waitingForASecretSaysWhatItNeedsAndKeepsTheSwitchOn() {
        var token = new SecretNeed("GITHUB_TOKEN", "your GitHub personal access token", true, false);
        ToolCard waiting = card("needs-secret", "Waiting for your GITHUB_TOKEN.", List.of(token));

        assertThat(waiting.state()).isEqualTo(ToolCard.State.NEEDS_ATTENTION);
        assertThat(waiting.needs(strings)).containsExactly("Needs your GitHub personal access token");
        assertThat(waiting.switchedOn()).isTrue();

        ToolCard stored = card("off", null, List.of(new SecretNeed("GITHUB_TOKEN", "", true, true)));
        assertThat(stored.needs(strings)).isEmpty();
        assertThat(ToolCard.purpose(stored.secrets().getFirst())).isEqualTo("GITHUB_TOKEN");
    }

    @Test
    void anUnavailableToolIsGreyedWithItsReasonAndCannotBeSwitched() {
        ToolCard unavailable = card("unavailable", "This server needs network access (api.github.com:443).", List.of());

        assertThat(unavailable.stateText()).isEqualTo("Not available");
        assertThat(unavailable.reason()).contains("needs network access");
        assertThat(unavailable.switchable()).isFalse();
        assertThat(unavailable.switchedOn()).isFalse();
    }

    @Test
    void theCardShowsItsPermissionsInPlainWords() {
        var view = new ServerView(
                "io.example/github",
                "github",
                "GitHub",
                "Issues and pull requests",
                "1.0",
                "off",
                null,
                null,
                new PermissionsView(false, List.of("api.github.com"), List.of(443), List.of(), List.of(), null),
                null,
                null);

        ToolCard card = ToolCard.of(view, descriptions, strings);

        assertThat(card.permissions())
                .containsExactly("Can connect to api.github.com (port 443)", "Cannot see your files");
        assertThat(card.initial()).isEqualTo("G");
    }

    private ToolCard card(String state, String detail, List<SecretNeed> secrets) {
        return ToolCard.of(
                new ServerView(
                        "io.example/weather",
                        "weather",
                        "Weather",
                        "Forecasts",
                        "1.0",
                        state,
                        detail,
                        null,
                        null,
                        secrets,
                        null),
                descriptions,
                strings);
    }
}
