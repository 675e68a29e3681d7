package dev.airlock.demo;

import atlantafx.base.theme.PrimerLight;
import dev.airlock.app.desktop.AppDesktopSettings;
import dev.airlock.app.desktop.DesktopWindow;
import dev.airlock.app.platform.theme.Theme;
import dev.airlock.app.platform.tray.Tray;
import dev.airlock.app.platform.tray.Trays;
import dev.airlock.runtime.auth.OidcSettings;
import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.company.CompanySetup;
import dev.airlock.runtime.demo.DemoCompany;
import dev.airlock.runtime.engine.AirlockEngine;
import dev.airlock.runtime.engine.EngineOptions;
import dev.airlock.runtime.secrets.SecretStores;
import dev.airlock.runtime.state.StateDirectory;
import dev.airlock.ui.shell.ShellViewModel;
import dev.airlock.ui.tray.TrayController;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Walks the real desktop app through its screens with the demo organization and captures each one
 * (dev/screenshot.sh runs it under Xvfb with a window manager and a tray host). Development only.
 *
 * <p>Usage: {@code ScreenshotTour OUTPUT_DIR}. Needs a Docker engine, the local Node base image
 * (dev/images/build.sh) and the X tools {@code import} and {@code xdotool}.
 */
public final class ScreenshotTour {

    private static final Duration PATIENCE = Duration.ofMinutes(4);

    private final Path out;
    private DesktopWindow window;
    private Stage stage;

    private ScreenshotTour(Path out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "screenshots").toAbsolutePath();
        Files.createDirectories(out);
        try {
            new ScreenshotTour(out).run();
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1); // the JavaFX thread would keep a failed tour alive
        }
        System.exit(0);
    }

    private void run() throws Exception {
        var demo = new EmbeddedDemoOrganization();
        DemoCompany company = demo.start();
        Path state = Files.createTempDirectory("airlock-tour");
        var engine = AirlockEngine.start(new EngineOptions(
                Catalog.EMPTY,
                Optional.of(new CompanySetup(
                        company.name(),
                        company.registryUrl(),
                        new OidcSettings(company.issuer(), company.clientId(), company.scopes(), null, null))),
                StateDirectory.at(state).create(),
                0,
                System.getenv(),
                EngineOptions.DEFAULT_READY_TIMEOUT,
                company.npmBuild(),
                SecretStores.choose().store(), // dev/screenshot.sh starts a throw-away keychain
                ScriptedDemoBrowser.alex(),
                Optional.empty()));
        try {
            tour(engine, state);
        } finally {
            engine.close();
            demo.close();
        }
    }

    private void tour(AirlockEngine engine, Path state) throws Exception {
        var started = new CountDownLatch(1);
        Platform.startup(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            window = new DesktopWindow(
                    engine,
                    engine.activityFeed(),
                    null,
                    AppDesktopSettings.forThisComputer(StateDirectory.at(state), System.getenv()),
                    Executors.newVirtualThreadPerTaskExecutor());
            stage = new Stage();
            stage.setTitle("Airlock");
            if (DesktopWindow.logo() != null) {
                stage.getIcons().add(DesktopWindow.logo());
            }
            stage.setScene(window.scene());
            stage.setX(40);
            stage.setY(36);
            stage.setWidth(1000);
            stage.setHeight(740);
            stage.show();
            started.countDown();
        });
        started.await();
        Platform.setImplicitExit(false);
        Tray tray = startTray(engine);

        waitFor("the welcome page", () -> shown("Get started"));
        capture("01-onboarding-welcome.png", "Airlock");
        click("Get started");
        waitFor("the sign-in page", () -> shown("Sign in"));
        capture("02-onboarding-sign-in.png", "Airlock");
        click("Sign in");
        waitFor("the welcome after sign-in", () -> shown("See my tools"));
        capture("03-onboarding-signed-in.png", "Airlock");
        click("See my tools");

        waitFor("the tools", () -> shown("Everything (demo)"));
        engine.enable("everything"); // the switch does this too; here it can take minutes the first time
        waitFor(
                "Everything to show On",
                () -> onFx(() -> window.scene().getRoot().lookupAll(".tool-state-on").stream()
                        .anyMatch(ScreenshotTour::isShown)));
        capture("04-my-tools.png", "Airlock");

        clickLater("Add…");
        waitFor(
                "the secret dialog",
                () -> onFx(() -> Window.getWindows().stream().anyMatch(w -> w != stage && w.isShowing())));
        onFx(() -> {
            // a well-known fake value: the field shows only dots
            ((TextInputControl) dialogRoot().lookup(".password-field")).setText("not-a-real-weather-key");
            return null;
        });
        Thread.sleep(500);
        capture("05-secret-dialog.png", "A tool needs a secret");
        onFx(() -> {
            nodes(dialogRoot()).stream()
                    .filter(node -> node instanceof Button b && "Cancel".equals(b.getText()))
                    .map(Button.class::cast)
                    .findFirst()
                    .orElseThrow()
                    .fire();
            return null;
        });
        waitFor(
                "the secret dialog to close",
                () -> onFx(() -> Window.getWindows().stream().noneMatch(w -> w != stage && w.isShowing())));

        callTools(engine);
        onFx(() -> {
            window.shell().screenProperty().set(ShellViewModel.Screen.ACTIVITY);
            return null;
        });
        waitFor(
                "calls in Activity",
                () -> onFx(() -> window.scene().getRoot().lookupAll(".table-row-cell").stream()
                        .anyMatch(row -> row.lookupAll(".table-cell").stream()
                                .anyMatch(cell -> cell instanceof Labeled l && "echo".equals(l.getText())))));
        onFx(() -> {
            var table = (TableView<?>) window.scene().getRoot().lookup(".table-view");
            table.getSelectionModel().selectFirst();
            return null;
        });
        Thread.sleep(500);
        capture("06-activity.png", "Airlock");

        openTrayMenu();
        captureScreen("07-tray-menu.png", "620x360+660+0"); // the menu, under the tray at the top right
        run("xdotool", "key", "Escape");
        Thread.sleep(500);

        click("Settings");
        waitFor("the settings", () -> shown("Start Airlock when I log in"));
        capture("08-settings.png", "Airlock");

        onFx(() -> {
            DesktopWindow.applyTheme(Theme.DARK); // what choosing Dark in Settings does
            window.shell().screenProperty().set(ShellViewModel.Screen.TOOLS);
            return null;
        });
        waitFor("the tools in the dark look", () -> shown("Everything (demo)"));
        capture("09-my-tools-dark.png", "Airlock");

        // a tool that changed since last time: hidden, with the reason and Allow on its card
        onFx(() -> {
            DesktopWindow.applyTheme(Theme.LIGHT);
            return null;
        });
        engine.disable("everything");
        PretendedToolChange.of(state, "everything", "echo");
        engine.enable("everything");
        waitFor("the changed tool on its card", () -> shown("Approve"));
        capture("10-tool-changed.png", "Airlock");
        tray.close();
        Platform.exit();
    }

    private Node dialogRoot() {
        return Window.getWindows().stream()
                .filter(w -> w != stage && w.isShowing())
                .findFirst()
                .orElseThrow()
                .getScene()
                .getRoot();
    }

    private Tray startTray(AirlockEngine engine) throws InterruptedException {
        var strings = window.strings();
        TrayController[] controller = new TrayController[1];
        Tray tray = Trays.forThisDesktop(id -> controller[0].handle(id));
        controller[0] = new TrayController(
                strings,
                engine,
                new TrayController.Host() {
                    @Override
                    public void openWindow() {}

                    @Override
                    public void openActivity() {}

                    @Override
                    public void quit() {}

                    @Override
                    public void tell(String message) {}
                },
                tray::update);
        if (!tray.show(controller[0].initialMenu())) {
            System.err.println("No tray host answered: the tray menu cannot be captured.");
        }
        Thread.ofVirtual().start(() -> {
            while (true) {
                controller[0].show(engine.status());
                try {
                    TimeUnit.SECONDS.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        return tray;
    }

    /** AI apps' calls, so that Activity has something to show. */
    private static void callTools(AirlockEngine engine) throws Exception {
        String token = engine.issueClientToken("claude-desktop").headers().get("Authorization");
        URI url = URI.create(engine.gateway().serverUrl("everything"));
        var transport = HttpClientStreamableHttpTransport.builder(url.getScheme() + "://" + url.getAuthority())
                .endpoint(url.getPath())
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", token))
                .build();
        try (var client = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation("claude-ai", "1.0")) // as Claude Desktop names itself
                .requestTimeout(Duration.ofSeconds(30))
                .build()) {
            client.initialize();
            client.callTool(new McpSchema.CallToolRequest("get-sum", Map.of("a", 19, "b", 23)));
            try {
                client.callTool(new McpSchema.CallToolRequest("no-such-tool", Map.of()));
            } catch (io.modelcontextprotocol.spec.McpError refused) {
                // the gateway refuses a tool the server does not list: Activity shows the call as blocked
            }
            client.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", "Summarise this week's tickets")));
            // a made-up key, as an AI app might paste one from a config file: Activity shows it hidden
            client.callTool(new McpSchema.CallToolRequest(
                    "echo",
                    Map.of(
                            "message",
                            "Deploy with aws_secret_access_key = " + "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "zDEMOKEY01")));
        }
    }

    /** Opens the tray icon's menu with a real click, as a person would. */
    private static void openTrayMenu() throws Exception {
        String trayer = run("xdotool", "search", "--onlyvisible", "--class", "trayer")
                .lines()
                .findFirst()
                .orElseThrow();
        String geometry = run("xdotool", "getwindowgeometry", "--shell", trayer);
        Map<String, Integer> g = new java.util.HashMap<>();
        for (String line : geometry.lines().toList()) {
            String[] kv = line.split("=");
            if (kv.length == 2 && kv[1].matches("\\d+")) {
                g.put(kv[0], Integer.parseInt(kv[1]));
            }
        }
        int x = g.get("X") + g.get("WIDTH") - g.get("HEIGHT") / 2 - 2;
        int y = g.get("Y") + g.get("HEIGHT") / 2;
        run("xdotool", "mousemove", String.valueOf(x), String.valueOf(y), "click", "3");
        Thread.sleep(800);
        // away from the icon, so that its tooltip goes and does not cover the menu
        run("xdotool", "mousemove", "200", "780");
        Thread.sleep(1200);
    }

    private void capture(String file, String windowTitle) throws Exception {
        Path target = out.resolve(file);
        String id = run("xdotool", "search", "--onlyvisible", "--name", "^" + windowTitle + "$")
                .lines()
                .reduce((first, last) -> last)
                .orElseThrow(() -> new IllegalStateException("No window named " + windowTitle));
        // -frame keeps the title bar: the screenshot looks like the window a person sees
        run("import", "-frame", "-window", id, target.toString());
        System.out.println("wrote " + target);
    }

    /** A part of the screen ({@code WIDTHxHEIGHT+X+Y}), for what is not one window. */
    private void captureScreen(String file, String area) throws Exception {
        Path target = out.resolve(file);
        run("import", "-window", "root", "-crop", area, "+repage", target.toString());
        System.out.println("wrote " + target);
    }

    private void click(String text) throws Exception {
        onFx(() -> {
            button(text).fire();
            return null;
        });
    }

    /** For a button that opens a modal dialog: fired later, so this thread is not held by it. */
    private void clickLater(String text) {
        Platform.runLater(() -> button(text).fire());
    }

    private ButtonBase button(String text) {
        return nodes(window.scene().getRoot()).stream()
                .filter(node -> node instanceof ButtonBase b && text.equals(b.getText()) && isShown(node))
                .map(ButtonBase.class::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No button " + text));
    }

    private boolean shown(String text) {
        return onFx(() -> nodes(window.scene().getRoot()).stream()
                .anyMatch(node -> node instanceof Labeled l && text.equals(l.getText()) && isShown(node)));
    }

    /** Every node under this one (a lookup by style class misses what has none). */
    private static List<Node> nodes(Node top) {
        var all = new java.util.ArrayList<Node>();
        var pending = new java.util.ArrayDeque<Node>();
        pending.add(top);
        while (!pending.isEmpty()) {
            Node node = pending.poll();
            all.add(node);
            if (node instanceof javafx.scene.Parent parent) {
                pending.addAll(parent.getChildrenUnmodifiable());
            }
            if (node instanceof javafx.scene.control.ScrollPane scroll && scroll.getContent() != null) {
                pending.add(scroll.getContent());
            }
        }
        return all;
    }

    private static boolean isShown(Node node) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Gave up waiting for " + what);
            }
            Thread.sleep(200);
        }
        Thread.sleep(400); // let the frame after the change be drawn before capturing it
    }

    private static <T> T onFx(Supplier<T> action) {
        var result = new java.util.concurrent.CompletableFuture<T>();
        Platform.runLater(() -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.join();
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
