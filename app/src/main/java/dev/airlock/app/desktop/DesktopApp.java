package dev.airlock.app.desktop;

import dev.airlock.app.cli.Cli;
import dev.airlock.app.daemon.Daemon;
import dev.airlock.app.daemon.DaemonException;
import dev.airlock.app.daemon.DaemonOptions;
import dev.airlock.app.platform.SingleInstance;
import dev.airlock.app.platform.autostart.AutoStartException;
import dev.airlock.app.platform.autostart.AutoStarts;
import dev.airlock.app.platform.theme.Theme;
import dev.airlock.app.platform.theme.ThemeDetectors;
import dev.airlock.app.platform.theme.ThemePreference;
import dev.airlock.app.platform.tray.Tray;
import dev.airlock.app.platform.tray.Trays;
import dev.airlock.app.platform.window.ScreenArea;
import dev.airlock.app.platform.window.WindowBounds;
import dev.airlock.app.platform.window.WindowStateStore;
import dev.airlock.runtime.control.ControlClient;
import dev.airlock.runtime.control.EngineStatus;
import dev.airlock.runtime.demo.DemoOrganization;
import dev.airlock.runtime.settings.SettingKey;
import dev.airlock.runtime.settings.Settings;
import dev.airlock.runtime.settings.SettingsStore;
import dev.airlock.runtime.state.StateDirectory;
import dev.airlock.ui.activity.FindingNotifier;
import dev.airlock.ui.settings.DesktopSettings;
import dev.airlock.ui.shell.ShellViewModel;
import dev.airlock.ui.tools.HiddenToolNotifier;
import dev.airlock.ui.tray.TrayController;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop app. Startup is explicit: the engine first (so the command line reaches it, and a
 * second launch hands over to the first instance), then the JavaFX toolkit, the window and the tray.
 * With a tray, closing the window keeps Airlock running there; without one, the window is the app
 * and closing it quits.
 */
public final class DesktopApp {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopApp.class);

    private final StateDirectory dir;
    private final Map<String, String> env;
    private final ResourceBundle strings = ResourceBundle.getBundle("dev.airlock.ui.strings", Locale.getDefault());
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicBoolean quitting = new AtomicBoolean();
    private volatile Daemon.Running engine;
    private volatile DesktopWindow window;
    private volatile TrayController trayController;
    /** Tray notifications for calls in which Airlock hid or blocked something. */
    private FindingNotifier findingNotices;
    /** Tray notifications for tools Airlock hid because they are new, changed or not the pinned version. */
    private HiddenToolNotifier hiddenToolNotices;
    /** The engine whose calls {@link #findingNotices} hears, and how to stop hearing them. */
    private Daemon.Running noticed;

    private AutoCloseable noticeSubscription;
    private Stage stage;
    private Tray tray;

    private DesktopApp(StateDirectory dir, Map<String, String> env) {
        this.dir = dir;
        this.env = env;
    }

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
        new DesktopApp(dir, env).start(demo);
    }

    private void start(boolean demo) {
        String problem = null;
        try {
            engine = startEngine(demo);
        } catch (DaemonException e) {
            if (e.code().equals("already_running")) {
                // one Airlock per person: bring the running one to the front instead
                var handOver = new SingleInstance(new ControlClient(dir)).handOver();
                System.out.println(handOver.message());
                System.exit(handOver.exitCode());
            }
            LOG.warn("The engine could not start: {}", e.getMessage(), e.getCause());
            problem = e.getMessage();
        }
        Settings settings = SettingsStore.forThisComputer(dir, env).settings();
        Theme theme = ThemePreference.of(settings).resolve(ThemeDetectors.forThisComputer()::detect);
        applyStartAtLogin(settings);
        String startProblem = problem;
        try {
            Platform.startup(() -> showWindow(theme, demo, startProblem));
        } catch (RuntimeException e) {
            System.err.println("airlock: The window could not open: " + e.getMessage());
            stopEngine();
            System.exit(1);
        }
        // quitting by signal or logout must stop the tools just as Quit does
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopEngine, "airlock-shutdown"));
        background.execute(this::startTray);
    }

    private Daemon.Running startEngine(boolean demo) throws DaemonException {
        return new Daemon(new DaemonOptions(null, null, dir, null, demo), env).start(this::bringToFront);
    }

    private void showWindow(Theme theme, boolean demo, String problem) {
        DesktopWindow.applyTheme(theme);
        stage = new Stage();
        stage.setTitle(strings.getString("app.name"));
        Image logo = DesktopWindow.logo();
        if (logo != null) {
            stage.getIcons().add(logo);
        }
        openWindow(demo, problem);
        var bounds = new WindowStateStore(dir.root())
                .restore(Screen.getScreens().stream()
                        .map(screen -> screen.getVisualBounds())
                        .map(b -> new ScreenArea(b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight()))
                        .toList());
        stage.setX(bounds.x());
        stage.setY(bounds.y());
        stage.setWidth(bounds.width());
        stage.setHeight(bounds.height());
        stage.setMaximized(bounds.maximized());
        stage.setMinWidth(WindowStateStore.MIN_WIDTH);
        stage.setMinHeight(WindowStateStore.MIN_HEIGHT);
        stage.setOnCloseRequest(event -> {
            saveBounds();
            if (tray == null || !tray.isShowing()) {
                quit(); // no tray to live in: the window is the app
            }
        });
        stage.show();
    }

    /** Builds the window's content on the current engine (again, after switching to the demo). */
    private void openWindow(boolean demo, String problem) {
        if (window != null) {
            window.close();
        }
        Runnable tryDemo =
                demo || ServiceLoader.load(DemoOrganization.class).findFirst().isEmpty()
                        ? null
                        : () -> background.execute(this::switchToDemo);
        if (engine != null) {
            window = new DesktopWindow(
                    engine.engine(), engine.engine().activityFeed(), tryDemo, desktopSettings(), background);
        } else {
            window = new DesktopWindow(
                    new UnstartedEngine(problem), UnstartedEngine.NO_ACTIVITY, null, desktopSettings(), background);
            window.showStartProblem(problem, null);
        }
        stage.setScene(window.scene());
    }

    private DesktopSettings desktopSettings() {
        return AppDesktopSettings.forThisComputer(dir, env);
    }

    /** From onboarding: the demo organization takes the place of a company, for this run. */
    private void switchToDemo() {
        try {
            stopEngine();
            engine = startEngine(true);
            Platform.runLater(() -> openWindow(true, null));
            trayController = null;
        } catch (DaemonException e) {
            LOG.warn("The demo organization could not start: {}", e.getMessage(), e.getCause());
            Platform.runLater(() -> window.showStartProblem(e.getMessage(), e.code()));
        }
    }

    /** The tray, where the desktop has one; kept current from the engine's status. */
    private void startTray() {
        tray = Trays.forThisDesktop(actionId -> {
            TrayController controller = trayController;
            if (controller != null) {
                controller.handle(actionId);
            }
        });
        trayController = newTrayController();
        findingNotices = new FindingNotifier(strings);
        hiddenToolNotices = new HiddenToolNotifier(strings);
        boolean shown = tray.show(trayController.initialMenu());
        if (shown) {
            Platform.setImplicitExit(false);
        } else {
            LOG.info("This desktop has no tray: the window is the app, and closing it quits Airlock");
            Platform.runLater(() -> window.shell().noticeOnce(strings.getString("desktop.noTray")));
        }
        while (!quitting.get()) {
            try {
                TrayController controller = trayController;
                if (controller == null) {
                    controller = newTrayController();
                    trayController = controller;
                }
                Daemon.Running current = engine;
                listenForFindings(current);
                if (current != null) {
                    EngineStatus status = current.engine().status();
                    controller.show(status);
                    // at most one notification per round, however many calls ended since the last one
                    findingNotices
                            .next(name -> serverTitle(status, name))
                            .ifPresent(message -> tray.notify(strings.getString("tray.notify.title"), message));
                    hiddenToolNotices
                            .next(status)
                            .ifPresent(message -> tray.notify(strings.getString("tray.notify.title"), message));
                } else {
                    controller.showProblem();
                }
                TimeUnit.SECONDS.sleep(2);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.debug("Updating the tray failed", e);
            }
        }
    }

    /** Hears the calls of the engine running now; a new engine (the demo) replaces the old one's. */
    private void listenForFindings(Daemon.Running current) {
        if (current == noticed) {
            return;
        }
        if (noticeSubscription != null) {
            try {
                noticeSubscription.close();
            } catch (Exception e) {
                LOG.debug("Closing the findings subscription failed", e);
            }
            noticeSubscription = null;
        }
        noticed = current;
        if (current != null && tray.isShowing()) {
            noticeSubscription = current.engine().activityFeed().subscribe(findingNotices::offer);
        }
    }

    /** A server's name as its card shows it, from its short name. */
    private static String serverTitle(EngineStatus status, String shortName) {
        return status.servers().stream()
                .filter(server -> server.shortName().equals(shortName))
                .map(server -> server.title() == null || server.title().isBlank() ? shortName : server.title())
                .findFirst()
                .orElse(shortName);
    }

    private TrayController newTrayController() {
        Daemon.Running current = engine;
        return new TrayController(
                strings,
                current == null ? null : current.engine(),
                new TrayController.Host() {
                    @Override
                    public void openWindow() {
                        bringToFront();
                    }

                    @Override
                    public void openActivity() {
                        Platform.runLater(() -> {
                            window.shell().screenProperty().set(ShellViewModel.Screen.ACTIVITY);
                            bringToFront();
                        });
                    }

                    @Override
                    public void quit() {
                        Platform.runLater(DesktopApp.this::quit);
                    }

                    @Override
                    public void tell(String message) {
                        tray.notify(strings.getString("tray.notify.title"), message);
                    }
                },
                tray::update);
    }

    /** A second launch, or the tray, asks for the window. */
    private void bringToFront() {
        Platform.runLater(() -> {
            if (stage == null) {
                return;
            }
            stage.setIconified(false);
            stage.show();
            stage.toFront();
            stage.requestFocus();
        });
    }

    private void quit() {
        if (!quitting.compareAndSet(false, true)) {
            return;
        }
        saveBounds();
        if (tray != null) {
            tray.close();
        }
        stopEngine();
        Platform.exit();
        System.exit(0);
    }

    private void stopEngine() {
        Daemon.Running current = engine;
        engine = null;
        if (current != null) {
            current.close();
        }
    }

    private void saveBounds() {
        if (stage == null || stage.isIconified()) {
            return;
        }
        try {
            new WindowStateStore(dir.root())
                    .save(new WindowBounds(
                            stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized()));
        } catch (IOException e) {
            LOG.debug("Could not remember the window's place", e);
        }
    }

    private void applyStartAtLogin(Settings settings) {
        boolean wanted = settings.get(SettingKey.UI_START_AT_LOGIN)
                .value()
                .map(Boolean.class::cast)
                .orElse(false);
        background.execute(() -> {
            try {
                AutoStarts.forThisComputer().apply(wanted);
            } catch (AutoStartException e) {
                LOG.warn("Could not set Airlock to start at login: {}", e.getMessage());
            }
        });
    }

    private static boolean hasDisplay(Map<String, String> env) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return true;
        }
        return env.containsKey("DISPLAY") || env.containsKey("WAYLAND_DISPLAY");
    }
}
