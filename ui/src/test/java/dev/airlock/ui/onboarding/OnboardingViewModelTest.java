package dev.airlock.ui.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.control.CompanyView;
import dev.airlock.runtime.control.ControlException;
import dev.airlock.runtime.control.InMemoryEngineControl;
import dev.airlock.runtime.control.SignInNotice;
import dev.airlock.ui.common.Background;
import java.util.ArrayList;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class OnboardingViewModelTest {

    private static final Executor INLINE = Runnable::run;
    private static final CompanyView EXAMPLE =
            new CompanyView("Example Corp", "https://tools.example.com", null, null, null);

    private final InMemoryEngineControl engine = new InMemoryEngineControl();
    private final ResourceBundle strings = ResourceBundle.getBundle("dev.airlock.ui.strings");
    private final Background background = new Background(INLINE, INLINE);
    private final ArrayList<String> demoRequests = new ArrayList<>();
    private final OnboardingViewModel onboarding =
            new OnboardingViewModel(strings, engine, background, () -> demoRequests.add("demo"));

    @Test
    void withoutACompanyTheUserTypesItsAddressThenSignsIn() {
        onboarding.show(engine.status());
        assertThat(onboarding.stepProperty().get()).isEqualTo(OnboardingViewModel.Step.WELCOME);

        onboarding.start();
        assertThat(onboarding.stepProperty().get()).isEqualTo(OnboardingViewModel.Step.COMPANY);

        onboarding.companyAddressProperty().set("  tools.example.com ");
        onboarding.continueWithAddress();

        assertThat(engine.signInAddresses()).containsExactly("tools.example.com");
        assertThat(onboarding.stepProperty().get()).isEqualTo(OnboardingViewModel.Step.DONE);
        assertThat(onboarding.welcomeProperty().get())
                .isEqualTo("Welcome, Ada Lovelace! You are in the admin, engineering team.");
    }

    @Test
    void anEmptyAddressIsExplainedNotSent() {
        onboarding.start();
        onboarding.continueWithAddress();

        assertThat(onboarding.problemProperty().get().sentence()).startsWith("Type your company's address first.");
        assertThat(engine.signInAddresses()).isEmpty();
        assertThat(onboarding.stepProperty().get()).isEqualTo(OnboardingViewModel.Step.COMPANY);
    }

    @Test
    void aCompanySetByItGoesStraightToSignInAndShowsWhatTheBrowserWaitsFor() {
        engine.company(EXAMPLE)
                .signInNotices(new SignInNotice("Your browser is open at your company's sign-in page.", null));
        var waiting = new ArrayList<String>();
        onboarding.waitingForProperty().addListener((property, old, now) -> waiting.add(now));
        onboarding.show(engine.status());
        assertThat(onboarding.companyNameProperty().get()).isEqualTo("Example Corp");

        onboarding.start();
        assertThat(onboarding.stepProperty().get()).isEqualTo(OnboardingViewModel.Step.SIGN_IN);
        onboarding.signIn();

        assertThat(waiting)
                .contains(
                        "Opening your company's sign-in page in your browser…",
                        "Your browser is open at your company's sign-in page.");
        assertThat(engine.signInAddresses()).containsExactly((String) null);
        assertThat(onboarding.stepProperty().get()).isEqualTo(OnboardingViewModel.Step.DONE);
    }

    @Test
    void aFailedSignInSaysWhyAndGoesBackToTheSignInStep() {
        engine.company(EXAMPLE)
                .signInFails(new ControlException("sign_in_denied", "Your company's sign-in service said no."));
        onboarding.show(engine.status());
        onboarding.start();

        onboarding.signIn();

        assertThat(onboarding.stepProperty().get()).isEqualTo(OnboardingViewModel.Step.SIGN_IN);
        assertThat(onboarding.problemProperty().get().sentence()).isEqualTo("Your company's sign-in service said no.");
        assertThat(onboarding.problemProperty().get().detail()).isEqualTo("Error code: sign_in_denied");
    }

    @Test
    void theDemoOrganizationIsOfferedWhereTheBuildHasOne() {
        assertThat(onboarding.demoAvailableProperty().get()).isTrue();
        onboarding.tryTheDemo();
        assertThat(demoRequests).containsExactly("demo");

        var withoutDemo = new OnboardingViewModel(strings, engine, background, null);
        assertThat(withoutDemo.demoAvailableProperty().get()).isFalse();
    }
}
