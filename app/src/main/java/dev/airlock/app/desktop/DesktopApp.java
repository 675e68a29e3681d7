package dev.airlock.app.desktop;

import atlantafx.base.theme.PrimerLight;
import dev.airlock.app.cli.Cli;
import dev.airlock.app.daemon.Daemon;
import dev.airlock.app.daemon.DaemonException;
import dev.airlock.app.daemon.DaemonOptions;
import dev.airlock.runtime.state.StateDirectory;
import dev.airlock.ui.main.MainView;
import dev.airlock.ui.main.MainViewModel;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop app: the engine plus a window. Startup is explicit: the engine starts first (so the
 * command line can reach it), then the JavaFX toolkit, then the window. Closing the window stops
 * the servers and exits; the tray comes later.
 */
public final class DesktopApp {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopApp.class);

    private DesktopApp() {}

    /** @param demo whether to run the demo organization instead of the user's company */
    public static void launch(boolean demo) {
        Map<String, String> env = System.getenv();
        StateDirectory dir = StateDirectory.resolve(null, env).create();
        System.setProperty(Cli.LOG_DIR_PROPERTY, dir.logs().toString()); // before anything logs
        if (!hasDisplay(env)) {
            System.err.println("airlock: Airlock's window needs a desktop session, and none was found (no DISPLAY)."
                    + " To run without a window, use `airlock daemon`.");
            System.exit(1);
        }
        Daemon.Running running = null;
        String problem = null;
        try {
            running = new Daemon(new DaemonOptions(null, null, dir, null, demo), env).start();
        } catch (DaemonException e) {
            if (e.code().equals("already_running")) {
                // bringing the other window to the front comes with the tray
                System.out.println("Airlock is already running.");
                System.exit(0);
            }
            LOG.warn("The engine could not start: {}", e.getMessage(), e.getCause());
            problem = e.getMessage();
        }
        Daemon.Running engine = running;
        if (engine != null) {
            // quitting by signal or logout must stop the servers just as closing the window does
            Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "airlock-shutdown"));
        }
        String startProblem = problem;
        try {
            Platform.startup(() -> showWindow(engine, startProblem));
        } catch (RuntimeException e) {
            System.err.println("airlock: The window could not open: " + e.getMessage());
            if (engine != null) {
                engine.close();
            }
            System.exit(1);
        }
    }

    private static void showWindow(Daemon.Running engine, String problem) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        ResourceBundle strings = ResourceBundle.getBundle("dev.airlock.ui.strings", Locale.getDefault());
        Executor background = Executors.newVirtualThreadPerTaskExecutor();
        var model = new MainViewModel(strings, engine == null ? null : engine.engine(), Platform::runLater, background);
        if (engine != null) {
            model.refresh();
            // the engine changes on its own too (a server stops, the catalog refreshes)
            var poll = new Timeline(new KeyFrame(Duration.seconds(2), event -> model.refresh()));
            poll.setCycleCount(Animation.INDEFINITE);
            poll.play();
        } else {
            model.showProblem(problem);
        }
        var stage = new Stage();
        stage.setTitle(strings.getString("app.name"));
        stage.setScene(new Scene(new MainView(model, strings).root(), 720, 520));
        stage.setOnHidden(event -> {
            if (engine != null) {
                engine.close();
            }
            Platform.exit();
            System.exit(0);
        });
        stage.show();
    }

    private static boolean hasDisplay(Map<String, String> env) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return true;
        }
        return env.containsKey("DISPLAY") || env.containsKey("WAYLAND_DISPLAY");
    }
}
