package dev.airlock.app.desktop;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.airlock.app.platform.theme.Theme;
import dev.airlock.runtime.activity.ActivityFeed;
import dev.airlock.runtime.control.EngineControl;
import dev.airlock.ui.activity.ActivityScreen;
import dev.airlock.ui.activity.ActivityViewModel;
import dev.airlock.ui.common.Background;
import dev.airlock.ui.onboarding.OnboardingView;
import dev.airlock.ui.onboarding.OnboardingViewModel;
import dev.airlock.ui.settings.DesktopSettings;
import dev.airlock.ui.settings.SettingsScreen;
import dev.airlock.ui.settings.SettingsViewModel;
import dev.airlock.ui.shell.ShellView;
import dev.airlock.ui.shell.ShellViewModel;
import dev.airlock.ui.tools.ToolCard;
import dev.airlock.ui.tools.ToolsView;
import dev.airlock.ui.tools.ToolsViewModel;
import java.io.InputStream;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.util.Duration;

/**
 * The main window's content, put together: view models on the engine, their views, and the tick
 * that keeps them current. The desktop app and the end-to-end UI tests build the same window.
 */
public final class DesktopWindow implements AutoCloseable {

    private final ResourceBundle strings = ResourceBundle.getBundle("dev.airlock.ui.strings", Locale.getDefault());
    private final ShellViewModel shell;
    private final ActivityViewModel activity;
    private final ActivityScreen activityScreen;
    private final Timeline refresh;
    private final Scene scene;

    /**
     * @param tryDemo switches to the demo organization; null where this build has none
     * @param settings what the Settings screen shows and changes
     * @param background where engine calls run (virtual threads)
     */
    public DesktopWindow(
            EngineControl engine, ActivityFeed feed, Runnable tryDemo, DesktopSettings settings, Executor background) {
        var async = new Background(javafx.application.Platform::runLater, background);
        var tools = new ToolsViewModel(strings, engine, async);
        var onboarding = new OnboardingViewModel(strings, engine, async, tryDemo);
        shell = new ShellViewModel(strings, engine, async, tools, onboarding);
        activity = new ActivityViewModel(
                strings,
                feed,
                server -> tools.cards().stream()
                        .filter(card -> card.shortName().equals(server))
                        .map(ToolCard::title)
                        .findFirst()
                        .orElse(server));
        activity.start();
        activityScreen = new ActivityScreen(activity, strings);
        var settingsModel = new SettingsViewModel(strings, settings, async);
        Consumer<String> clipboard = text -> {
            var content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        };
        var view = new ShellView(
                shell,
                strings,
                logo(),
                new OnboardingView(onboarding, strings, shell::finishOnboarding).root(),
                new ToolsView(tools, strings, () -> shell.companyProperty().get(), clipboard).root(),
                activityScreen.root(),
                new SettingsScreen(settingsModel, strings).root());
        shell.screenProperty().addListener((property, old, now) -> {
            if (now == ShellViewModel.Screen.SETTINGS) {
                settingsModel.load(); // what is set may have changed outside the window
            }
        });
        scene = new Scene(view.root(), 900, 640);
        scene.getStylesheets()
                .add(DesktopWindow.class
                        .getResource("/dev/airlock/ui/airlock.css")
                        .toExternalForm());
        shell.refresh();
        // the engine also changes on its own: a tool finishes starting, the catalog is refreshed
        refresh = new Timeline(new KeyFrame(Duration.seconds(1), event -> shell.refresh()));
        refresh.setCycleCount(Animation.INDEFINITE);
        refresh.play();
    }

    /** Shows every window in this look; on the JavaFX thread. */
    public static void applyTheme(Theme theme) {
        Application.setUserAgentStylesheet(
                theme == Theme.DARK
                        ? new PrimerDark().getUserAgentStylesheet()
                        : new PrimerLight().getUserAgentStylesheet());
    }

    public Scene scene() {
        return scene;
    }

    public ShellViewModel shell() {
        return shell;
    }

    public ResourceBundle strings() {
        return strings;
    }

    /** The engine could not start: the window shows why, and nothing else. */
    public void showStartProblem(String sentence, String detail) {
        shell.showStartProblem(sentence, detail);
    }

    /** The app icon, for the window and the header. */
    public static Image logo() {
        InputStream png = DesktopWindow.class.getResourceAsStream("/dev/airlock/icons/app-64.png");
        return png == null ? null : new Image(png);
    }

    @Override
    public void close() {
        refresh.stop();
        activityScreen.stop();
        activity.close();
    }
}
