package dev.airlock.ui.onboarding;

import dev.airlock.runtime.control.EngineControl;
import dev.airlock.runtime.control.EngineStatus;
import dev.airlock.runtime.control.UserView;
import dev.airlock.ui.common.Background;
import dev.airlock.ui.common.Problem;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * First run: welcome, then the company (set by IT, typed by the user, or the demo organization),
 * then sign-in in the browser, then back in the app with the user's name and team.
 */
public final class OnboardingViewModel {

    /** Where the user is in onboarding. */
    public enum Step {
        WELCOME,
        COMPANY,
        SIGN_IN,
        WAITING,
        DONE
    }

    private final ResourceBundle strings;
    private final EngineControl engine;
    private final Background background;
    private final Runnable tryDemo;
    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.WELCOME);
    private final StringProperty companyAddress = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper companyName = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper companyKnown = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper waitingFor = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper welcome = new ReadOnlyStringWrapper("");
    private final ObjectProperty<Problem> problem = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper demoAvailable = new ReadOnlyBooleanWrapper();

    /**
     * @param tryDemo starts the demo organization in place of a company; null where this build has none
     */
    public OnboardingViewModel(ResourceBundle strings, EngineControl engine, Background background, Runnable tryDemo) {
        this.strings = strings;
        this.engine = engine;
        this.background = background;
        this.tryDemo = tryDemo;
        demoAvailable.set(tryDemo != null);
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** What the user types on the company step. */
    public StringProperty companyAddressProperty() {
        return companyAddress;
    }

    /** The company's name once it is known, for "Sign in with your … account". */
    public ReadOnlyStringProperty companyNameProperty() {
        return companyName.getReadOnlyProperty();
    }

    /** Whether IT (or an earlier run) set the company, so the user need not type it. */
    public ReadOnlyBooleanProperty companyKnownProperty() {
        return companyKnown.getReadOnlyProperty();
    }

    /** While waiting for the browser: what the user should do there. */
    public ReadOnlyStringProperty waitingForProperty() {
        return waitingFor.getReadOnlyProperty();
    }

    /** "Welcome, Alex Rivera" with the team, once signed in. */
    public ReadOnlyStringProperty welcomeProperty() {
        return welcome.getReadOnlyProperty();
    }

    public ObjectProperty<Problem> problemProperty() {
        return problem;
    }

    public ReadOnlyBooleanProperty demoAvailableProperty() {
        return demoAvailable.getReadOnlyProperty();
    }

    /** Keeps the company part current with the engine. */
    public void show(EngineStatus status) {
        boolean known = status.company() != null;
        companyKnown.set(known);
        companyName.set(known ? status.company().name() : "");
        if (step.get() == Step.COMPANY && known) {
            step.set(Step.SIGN_IN);
        }
    }

    /** From the welcome page: to the company, or straight to sign-in when the company is known. */
    public void start() {
        problem.set(null);
        step.set(companyKnown.get() ? Step.SIGN_IN : Step.COMPANY);
    }

    /** The user typed the company address: Airlock looks the company up, then signs in. */
    public void continueWithAddress() {
        String address =
                companyAddress.get() == null ? "" : companyAddress.get().strip();
        if (address.isEmpty()) {
            problem.set(new Problem(strings.getString("onboarding.addressMissing"), null));
            return;
        }
        signIn(address);
    }

    /** The user chose to try the demo organization instead of a company. */
    public void tryTheDemo() {
        if (tryDemo != null) {
            problem.set(null);
            tryDemo.run();
        }
    }

    /** Signs in to the known company in the browser. */
    public void signIn() {
        signIn(null);
    }

    private void signIn(String address) {
        problem.set(null);
        step.set(Step.WAITING);
        waitingFor.set(strings.getString("onboarding.opening"));
        background.run(
                () -> engine.signIn(
                        address,
                        notice -> background.onUi(() -> waitingFor.set(
                                notice.address() == null
                                        ? notice.message()
                                        : notice.message() + "\n" + notice.address()))),
                this::signedIn,
                failure -> {
                    problem.set(failure);
                    step.set(address != null || !companyKnown.get() ? Step.COMPANY : Step.SIGN_IN);
                });
    }

    private void signedIn(UserView user) {
        String team = user.roles().isEmpty() ? strings.getString("main.noRoles") : String.join(", ", user.roles());
        welcome.set(MessageFormat.format(strings.getString("onboarding.welcome"), user.name(), team));
        step.set(Step.DONE);
    }
}
