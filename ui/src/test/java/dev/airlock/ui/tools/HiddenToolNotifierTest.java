package dev.airlock.ui.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.control.ControlException;
import dev.airlock.runtime.control.EngineStatus;
import dev.airlock.runtime.control.HiddenToolView;
import dev.airlock.runtime.control.InMemoryEngineControl;
import dev.airlock.runtime.control.ToolReviewView;
import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class HiddenToolNotifierTest {

    private final InMemoryEngineControl engine = new InMemoryEngineControl();
    private final HiddenToolNotifier notifier =
            new HiddenToolNotifier(ResourceBundle.getBundle("dev.airlock.ui.strings"));

    @Test
    void aChangedToolIsToldOnceWithWhatToDo() throws ControlException {
        engine.enable("everything");
        assertThat(notifier.next(status())).isEmpty();

        engine.toolReview("everything", review(changed("lookup", "a")));

        assertThat(notifier.next(status()))
                .contains("The tool 'lookup' of Everything changed its description since you last used it. Airlock hid"
                        + " it until you approve the change. Open Airlock to approve it.");
        assertThat(notifier.next(status())).isEmpty();
        // yet another definition is news again
        engine.toolReview("everything", review(changed("lookup", "b")));
        assertThat(notifier.next(status())).isPresent();
    }

    @Test
    void severalAtOnceAreOneNotificationAndTheAllowListIsNotNews() throws ControlException {
        engine.enable("everything");
        engine.toolReview(
                "everything",
                review(
                        changed("lookup", "a"),
                        changed("search", "a"),
                        new HiddenToolView("notes", "not-allowed", "Your company does not allow it.", false, "x")));

        assertThat(notifier.next(status()))
                .contains("Airlock hid 2 tools of Everything that are new or changed. Open Airlock to review them.");
    }

    @Test
    void theCompanysPinIsToldWithoutAnOfferToAllow() throws ControlException {
        engine.enable("everything");
        String sentence = "The tool 'admin' of Everything is not the version your company approved, so Airlock hid it."
                + " Your IT team can approve the new version.";
        engine.toolReview("everything", review(new HiddenToolView("admin", "not-pinned", sentence, false, "d")));

        assertThat(notifier.next(status())).contains(sentence);
    }

    private EngineStatus status() {
        return engine.status();
    }

    private static HiddenToolView changed(String tool, String digest) {
        return new HiddenToolView(
                tool,
                "changed",
                "The tool '" + tool + "' of Everything changed its description since you last used it. Airlock hid it"
                        + " until you approve the change.",
                true,
                "sha256:" + digest);
    }

    private static ToolReviewView review(HiddenToolView... hidden) {
        return new ToolReviewView(true, List.of("echo"), List.of(hidden), List.of(), null);
    }
}
