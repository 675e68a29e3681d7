package dev.airlock.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.control.CompanyView;
import dev.airlock.runtime.control.EngineStatus;
import dev.airlock.runtime.control.InMemoryEngineControl;
import dev.airlock.ui.common.Background;
import dev.airlock.ui.onboarding.OnboardingViewModel;
import dev.airlock.ui.tools.ToolsViewModel;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class ShellViewModelTest {

    private static final Executor INLINE = Runnable::run;
    private final ResourceBundle strings = ResourceBundle.getBundle("dev.airlock.ui.strings");
    private final InMemoryEngineControl engine = new InMemoryEngineControl();
    private final Background background = new Background(INLINE, INLINE);
    private final ShellViewModel shell = new ShellViewModel(
            strings,
            engine,
            background,
            new ToolsViewModel(strings, engine, background),
            new OnboardingViewModel(strings, engine, background, null));

    @Test
    void notSignedInToACompanyStartsWithOnboardingThenShowsTheTools() {
        engine.company(new CompanyView("Example Corp", "https://tools.example.com", null, null, null));
        shell.refresh();
        assertThat(shell.screenProperty().get()).isEqualTo(ShellViewModel.Screen.ONBOARDING);
        assertThat(shell.companyProperty().get()).isEqualTo("Example Corp");

        shell.onboarding().start();
        shell.onboarding().signIn();
        shell.refresh();
        shell.finishOnboarding();

        assertThat(shell.screenProperty().get()).isEqualTo(ShellViewModel.Screen.TOOLS);
        assertThat(shell.userProperty().get()).isEqualTo("Ada Lovelace · admin, engineering");
        assertThat(shell.tools().cards()).hasSize(4);
    }

    @Test
    void aCatalogWithoutACompanyGoesStraightToTheTools() {
        shell.refresh(); // the test engine has servers but no company: a registry file

        assertThat(shell.screenProperty().get()).isEqualTo(ShellViewModel.Screen.TOOLS);
        assertThat(shell.companyProperty().get()).isEqualTo("Airlock");
    }

    @Test
    void signingOutReturnsToOnboarding() {
        engine.company(new CompanyView("Example Corp", "https://tools.example.com", null, null, null));
        shell.refresh();
        shell.onboarding().start();
        shell.onboarding().signIn();
        shell.refresh();
        shell.finishOnboarding();

        shell.signOut();

        assertThat(shell.signedInProperty().get()).isFalse();
        assertThat(shell.screenProperty().get()).isEqualTo(ShellViewModel.Screen.ONBOARDING);
        assertThat(shell.onboarding().stepProperty().get()).isEqualTo(OnboardingViewModel.Step.SIGN_IN);
    }

    @Test
    void dockerNotRunningIsSaidInPlainWordsWithTheDetailsAside() {
        shell.show(new EngineStatus(
                "dev",
                "/state",
                "http://127.0.0.1:1",
                "not reachable: Docker is not running.",
                null,
                null,
                List.of(),
                List.of()));

        assertThat(shell.problemProperty().get().sentence())
                .startsWith("Docker is not running, so your tools cannot start.");
        assertThat(shell.problemProperty().get().detail()).isEqualTo("not reachable: Docker is not running.");
    }

    @Test
    void aCompanyPolicyThatIsNotInForceIsSaidWithTheDetailsForIt() {
        String why = "Your company's inspection rules (/etc/airlock/rules.toml) are not used: line 3 is not TOML."
                + " Airlock's built-in rules stay in force.";
        shell.show(new EngineStatus(
                "dev", "/state", "http://127.0.0.1:1", "Docker 28", null, null, List.of(), List.of(why)));

        assertThat(shell.problemProperty().get().sentence())
                .isEqualTo("Part of your company's protection settings could not be used, so Airlock protects you"
                        + " with its own safe defaults instead. Please send the details to your IT team.");
        assertThat(shell.problemProperty().get().detail()).isEqualTo(why);
    }
}
