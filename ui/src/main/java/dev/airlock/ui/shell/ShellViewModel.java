package dev.airlock.ui.shell;

import dev.airlock.runtime.control.EngineControl;
import dev.airlock.runtime.control.EngineStatus;
import dev.airlock.runtime.control.UserView;
import dev.airlock.ui.common.Background;
import dev.airlock.ui.common.Problem;
import dev.airlock.ui.onboarding.OnboardingViewModel;
import dev.airlock.ui.tools.ToolsViewModel;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The window around the screens: which screen is showing, who is signed in to which company, and
 * the problems that concern the whole app (the container engine is not running, the engine could
 * not start).
 */
public final class ShellViewModel {

    /** The screens of the main window. */
    public enum Screen {
        ONBOARDING,
        TOOLS,
        ACTIVITY,
        SETTINGS
    }

    private final ResourceBundle strings;
    private final EngineControl engine;
    private final Background background;
    private final ToolsViewModel tools;
    private final OnboardingViewModel onboarding;
    private final ObjectProperty<Screen> screen = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper company = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper user = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private boolean noticeGiven;
    private final ReadOnlyBooleanWrapper signedIn = new ReadOnlyBooleanWrapper();
    private final ObjectProperty<Problem> problem = new SimpleObjectProperty<>();

    public ShellViewModel(
            ResourceBundle strings,
            EngineControl engine,
            Background background,
            ToolsViewModel tools,
            OnboardingViewModel onboarding) {
        this.strings = strings;
        this.engine = engine;
        this.background = background;
        this.tools = tools;
        this.onboarding = onboarding;
    }

    public ObjectProperty<Screen> screenProperty() {
        return screen;
    }

    public ToolsViewModel tools() {
        return tools;
    }

    public OnboardingViewModel onboarding() {
        return onboarding;
    }

    /** The company's name, or the app's when there is none. */
    public ReadOnlyStringProperty companyProperty() {
        return company.getReadOnlyProperty();
    }

    /** "Alex Rivera · engineering", or empty. */
    public ReadOnlyStringProperty userProperty() {
        return user.getReadOnlyProperty();
    }

    /** What the company side wants the user to know, such as a catalog shown from the cache. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** Something the user should know once, such as "this desktop has no tray"; empty when none. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Shows a notice, once per run: the next one is dropped, and {@link #dismissNotice()} hides it. */
    public void noticeOnce(String text) {
        if (!noticeGiven) {
            noticeGiven = true;
            notice.set(text);
        }
    }

    public void dismissNotice() {
        notice.set("");
    }

    public ReadOnlyBooleanProperty signedInProperty() {
        return signedIn.getReadOnlyProperty();
    }

    /** A problem that concerns the whole app; null when there is none. */
    public ObjectProperty<Problem> problemProperty() {
        return problem;
    }

    /** Reads the engine's state again, off the UI thread. */
    public void refresh() {
        background.run(engine::status, this::show, problem::set);
    }

    /** Shows the engine's state on every screen. */
    public void show(EngineStatus status) {
        company.set(
                status.company() == null
                        ? strings.getString("app.name")
                        : status.company().name());
        UserView who = status.user();
        signedIn.set(who != null);
        user.set(who == null ? "" : MessageFormat.format(strings.getString("shell.user"), who.name(), team(who)));
        note.set(
                status.company() == null || status.company().message() == null || who == null
                        ? ""
                        : status.company().message());
        problem.set(engineProblem(status));
        tools.show(status.servers());
        onboarding.show(status);
        boolean needsOnboarding =
                who == null && (status.company() != null || status.servers().isEmpty());
        if (screen.get() == null) {
            screen.set(needsOnboarding ? Screen.ONBOARDING : Screen.TOOLS);
        } else if (needsOnboarding && screen.get() != Screen.ONBOARDING) {
            screen.set(Screen.ONBOARDING); // signed out, or the company ended the session
        }
    }

    /** The engine could not start at all: the whole window is this problem. */
    public void showStartProblem(String sentence, String detail) {
        problem.set(new Problem(sentence, detail));
    }

    public void signOut() {
        background.run(
                () -> {
                    engine.signOut();
                    return engine.status();
                },
                status -> {
                    onboarding.start();
                    show(status);
                },
                problem::set);
    }

    /** Onboarding is done: on to the tools. */
    public void finishOnboarding() {
        screen.set(Screen.TOOLS);
    }

    private String team(UserView who) {
        return who.roles().isEmpty() ? strings.getString("main.noRoles") : String.join(", ", who.roles());
    }

    /**
     * Docker not running is what most often stops people: say it in their words. Else a company
     * policy that is not in force, which the person cannot fix but IT must hear about.
     */
    private Problem engineProblem(EngineStatus status) {
        String engineState = status.containerEngine();
        if (engineState != null && engineState.startsWith("not reachable")) {
            return new Problem(strings.getString("shell.dockerNotRunning"), engineState);
        }
        if (!status.policyProblems().isEmpty()) {
            // the person cannot fix it, but should know, and IT needs the details
            return new Problem(strings.getString("shell.policyProblem"), String.join("\n", status.policyProblems()));
        }
        return null;
    }
}
