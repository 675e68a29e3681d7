package dev.airlock.ui.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.airlock.runtime.control.CompanyView;
import dev.airlock.runtime.control.ControlException;
import dev.airlock.runtime.control.InMemoryEngineControl;
import dev.airlock.runtime.control.SignInNotice;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The main window's behaviour without a screen: engine calls and UI updates run inline, so each
 * action's outcome is visible as soon as it returns.
 */
class MainViewModelTest {

    private static final Executor INLINE = Runnable::run;
    private static final CompanyView EXAMPLE = new CompanyView(
            "Example Corp", "https://registry.example.com", null, null, "Sign in with your Example Corp account.");

    private final ResourceBundle strings = ResourceBundle.getBundle("dev.airlock.ui.strings");
    private final InMemoryEngineControl engine = new InMemoryEngineControl();
    private final MainViewModel model = new MainViewModel(strings, engine, INLINE, INLINE);

    @Test
    void startsOutSayingItIsStarting() {
        assertThat(model.headlineProperty().get()).isEqualTo("Airlock is starting…");
    }

    @Test
    void withoutACompanyItSaysWhatHappensNextAndOffersNoSignIn() {
        model.refresh();

        assertThat(model.headlineProperty().get()).isEqualTo("Airlock is running");
        assertThat(model.detailProperty().get()).startsWith("Your company has not set up Airlock");
        assertThat(model.canSignInProperty().get()).isFalse();
    }

    @Test
    void signingInShowsWhatAirlockWaitsForThenWhoIsSignedIn() {
        engine.company(EXAMPLE)
                .signInNotices(new SignInNotice(
                        "Airlock could not open your web browser. Open this address yourself:",
                        "https://login.example.com/a"));
        var messages = new ArrayList<String>();
        model.messageProperty().addListener((property, old, now) -> messages.add(now));
        model.refresh();
        assertThat(model.headlineProperty().get()).isEqualTo("Example Corp");
        assertThat(model.canSignInProperty().get()).isTrue();

        model.signIn();

        assertThat(messages)
                .contains(
                        "Opening your company's sign-in page in your browser…",
                        "Airlock could not open your web browser. Open this address yourself: https://login.example.com/a");
        assertThat(model.messageProperty().get())
                .isEqualTo("Welcome, Ada Lovelace. Turn on a tool to use it from your AI apps.");
        assertThat(model.userProperty().get()).isEqualTo("Signed in as Ada Lovelace (admin, engineering)");
        assertThat(model.signedInProperty().get()).isTrue();
        assertThat(model.canSignInProperty().get()).isFalse();
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void aFailedSignInSaysWhyAndLetsTheUserTryAgain() {
        engine.company(EXAMPLE)
                .signInFails(new ControlException(
                        "sign_in_timed_out", "Sign-in timed out: Airlock waited 5 minutes for you to sign in."));
        model.refresh();

        model.signIn();

        assertThat(model.messageProperty().get())
                .isEqualTo("Sign-in timed out: Airlock waited 5 minutes for you to sign in.");
        assertThat(model.canSignInProperty().get()).isTrue();
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void serversAreListedWithTheirStateAndOnlyRunnableOnesCanBeSwitched() {
        model.refresh();

        assertThat(model.servers())
                .extracting(
                        MainViewModel.ServerRow::shortName,
                        MainViewModel.ServerRow::stateText,
                        MainViewModel.ServerRow::canSwitch)
                .containsExactly(
                        tuple("everything", "Off", true),
                        tuple("memory", "Off", true),
                        tuple("weather", "Not available", false),
                        tuple("broken", "Off", true));
        assertThat(model.servers().get(2).detail()).contains("pinned image digest");
    }

    @Test
    void turningAServerOnAndOffSaysSo() {
        model.refresh();

        model.setOn("everything", true);
        assertThat(model.messageProperty().get()).isEqualTo("Everything is on.");
        assertThat(model.servers().getFirst().on()).isTrue();
        assertThat(model.servers().getFirst().stateText()).isEqualTo("On");

        model.setOn("everything", false);
        assertThat(model.messageProperty().get()).isEqualTo("Everything is off.");
        assertThat(model.servers().getFirst().on()).isFalse();
    }

    @Test
    void aServerThatFailsToStartShowsItNeedsAttention() {
        model.refresh();

        model.setOn("broken", true);

        var broken = model.servers().get(3);
        assertThat(broken.stateText()).isEqualTo("Needs attention");
        assertThat(broken.detail()).isEqualTo("The container exited at start-up (exit code 1).");
    }

    @Test
    void theConnectionForAiAppsHasEachServersAddressAndTheToken() {
        model.refresh();
        var clipboard = new ArrayList<String>();

        model.copyConnection(clipboard::add);

        assertThat(clipboard)
                .singleElement()
                .asString()
                .contains("everything")
                .contains("URL: " + InMemoryEngineControl.GATEWAY + "/mcp/everything")
                .contains("Authorization: Bearer tok-desktop-1");
        assertThat(model.messageProperty().get()).isEqualTo("Copied. Paste it into your AI app's MCP server settings.");
    }

    @Test
    void aProblemReplacesTheListWithTheReason() {
        model.refresh();
        model.showProblem("Port 47200 is already in use.");

        assertThat(model.headlineProperty().get()).isEqualTo("Airlock could not start");
        assertThat(model.detailProperty().get()).isEqualTo("Port 47200 is already in use.");
        assertThat(model.servers()).isEmpty();
        assertThat(List.of(model.canSignInProperty().get())).containsExactly(false);
    }
}
