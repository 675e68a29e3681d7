package dev.airlock.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.airlock.app.desktop.AppDesktopSettings;
import dev.airlock.app.desktop.DesktopWindow;
import dev.airlock.runtime.auth.OidcSettings;
import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.company.CompanySetup;
import dev.airlock.runtime.container.Labels;
import dev.airlock.runtime.demo.DemoCompany;
import dev.airlock.runtime.engine.AirlockEngine;
import dev.airlock.runtime.engine.EngineOptions;
import dev.airlock.runtime.secrets.MemorySecretStore;
import dev.airlock.runtime.secrets.SecretStore;
import dev.airlock.runtime.secrets.SecretStoreException;
import dev.airlock.runtime.state.StateDirectory;
import dev.airlock.runtime.testing.DockerCli;
import dev.airlock.runtime.testing.McpClients;
import dev.airlock.runtime.testing.TestImages;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The desktop window, driven the way a newcomer uses it, against a real engine, the demo
 * organization and real containers; only the browser is scripted. JavaFX runs headless (Monocle).
 */
@ExtendWith(ApplicationExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the order a newcomer goes in
class DesktopWindowIT {

    /** A well-known fake of the shape of an API key: never a real credential. */
    private static final String FAKE_KEY = "wk_EXAMPLE_not_a_real_key_0000";

    /** The keychain interface, recording what reaches it (the store itself is in memory here). */
    static final class RecordingSecretStore implements SecretStore {
        private final MemorySecretStore store = new MemorySecretStore();
        final Map<String, String> written = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Optional<String> get(String key) throws SecretStoreException {
            return store.get(key);
        }

        @Override
        public void put(String key, String value) throws SecretStoreException {
            written.put(key, value);
            store.put(key, value);
        }

        @Override
        public void delete(String key) throws SecretStoreException {
            store.delete(key);
        }

        @Override
        public boolean persistent() {
            return false;
        }

        @Override
        public String description() {
            return store.description();
        }
    }

    private static final RecordingSecretStore SECRETS = new RecordingSecretStore();
    private static EmbeddedDemoOrganization demo;
    private static AirlockEngine engine;
    private static Path stateDir;
    private DesktopWindow window;

    @BeforeAll
    static void startEngine() throws Exception {
        TestImages.ensureBuilt();
        demo = new EmbeddedDemoOrganization();
        DemoCompany company = demo.start();
        stateDir = Files.createTempDirectory("airlock-window-it");
        engine = AirlockEngine.start(new EngineOptions(
                Catalog.EMPTY,
                Optional.of(new CompanySetup(
                        company.name(),
                        company.registryUrl(),
                        new OidcSettings(company.issuer(), company.clientId(), company.scopes(), null, null))),
                StateDirectory.at(stateDir).create(),
                0,
                System.getenv(),
                EngineOptions.DEFAULT_READY_TIMEOUT,
                company.npmBuild(),
                SECRETS,
                ScriptedDemoBrowser.alex(),
                Optional.empty()));
    }

    @AfterAll
    static void stop() {
        engine.close();
        demo.close();
        for (String id : DockerCli.containersWithLabel(Labels.STATE_DIR, stateDir.toString())) {
            DockerCli.run("rm", "-f", id);
        }
    }

    @AfterEach
    void closeWindow() throws Exception {
        window.close();
        FxToolkit.cleanupStages(); // the next test opens its own window: no leftovers for lookups to find
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        window = new DesktopWindow(
                engine,
                engine.activityFeed(),
                null,
                AppDesktopSettings.forThisComputer(StateDirectory.at(stateDir), System.getenv()),
                Executors.newVirtualThreadPerTaskExecutor());
        stage.setScene(window.scene());
        stage.setWidth(1000);
        stage.setHeight(900);
        stage.show();
    }

    @Test
    @Order(1)
    void onboardingThenDemoSignInThenATurnedOnToolShowsOn(FxRobot robot) {
        robot.clickOn("Get started");
        await().atMost(Duration.ofSeconds(10)).until(() -> visible(robot, "Sign in"));
        robot.clickOn("Sign in");

        await().atMost(Duration.ofSeconds(60)).until(() -> visible(robot, "See my tools"));
        assertThat(text(robot, ".title-2")).isEqualTo("Welcome, Alex Rivera! You are in the engineering team.");
        robot.clickOn("See my tools");

        await().atMost(Duration.ofSeconds(10)).until(() -> visible(robot, "Everything (demo)"));
        assertThat(visible(robot, "Memory (demo)")).isFalse(); // the sales team's, not Alex's
        ToggleSwitch everything = robot.lookup((Node node) -> node instanceof ToggleSwitch t
                        && t.getAccessibleText() != null
                        && t.getAccessibleText().equals("Turn on Everything (demo)"))
                .queryAs(ToggleSwitch.class);
        robot.clickOn(everything);

        // built from npm the first time: give it time (over three minutes on a busy two-core machine)
        await().atMost(Duration.ofMinutes(8))
                .until(() -> robot.lookup(".tool-state-on").tryQuery().isPresent());
        assertThat(robot.lookup(".tool-state-on").queryAs(Labeled.class).getText())
                .isEqualTo("On");
        assertThat(engine.servers().stream()
                        .filter(s -> s.shortName().equals("everything"))
                        .findFirst()
                        .orElseThrow()
                        .state())
                .isEqualTo("running");
    }

    @Test
    @Order(2)
    void callsFromAnAiAppShowUpInActivity(FxRobot robot) throws Exception {
        signedInWithEverythingOn(robot);
        String token = engine.issueClientToken("window-it").bearerToken();
        try (var client = McpClients.connect(engine.gateway().serverUrl("everything"), token, "claude-desktop")) {
            client.initialize();
            client.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", "seen in Activity")));
        }

        robot.clickOn("Activity");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> robot.lookup(".table-row-cell").queryAll().stream()
                        .anyMatch(row -> row.lookupAll(".table-cell").stream()
                                .anyMatch(cell -> cell instanceof Labeled l && "echo".equals(l.getText()))));
        var table = robot.lookup(".table-view").queryAs(javafx.scene.control.TableView.class);
        robot.interact(() -> table.getSelectionModel().selectFirst());
        var details = robot.lookup((Node node) ->
                        node instanceof TextArea area && area.getText().contains("seen in Activity"))
                .tryQuery();
        assertThat(details).isPresent();
        assertThat(robot.lookup((Node node) -> node instanceof Labeled l && "claude-desktop".equals(l.getText()))
                        .tryQuery())
                .isPresent();
    }

    @Test
    @Order(3)
    void theSecretDialogStoresTheKeyInTheKeychainAndNeverShowsItAgain(FxRobot robot) {
        signedInWithEverythingOn(robot);
        await().atMost(Duration.ofSeconds(10)).until(() -> visible(robot, "Needs your Weather API key"));

        pressOnCard(robot, "Add…");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> robot.lookup("#secret-value").tryQuery().isPresent());
        assertThat(visible(robot, "Weather (demo) needs your Weather API key")).isTrue();
        robot.clickOn("#secret-value").write(FAKE_KEY);
        robot.clickOn("Save in keychain");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> visible(robot, "your Weather API key is saved in your keychain."));
        // the engine also keeps the refresh token and the cache's key there; the tool's secret is the one
        assertThat(SECRETS.written.entrySet())
                .filteredOn(e -> e.getKey().startsWith("airlock.server-secret."))
                .extracting(Map.Entry::getValue)
                .containsExactly(FAKE_KEY);
        assertThat(robot.lookup((Node node) -> showsText(node, FAKE_KEY)).tryQuery())
                .isEmpty();

        // replacing opens an empty field: the stored value is never put back on screen
        pressOnCard(robot, "Replace…");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> robot.lookup("#secret-value").tryQuery().isPresent());
        assertThat(robot.lookup("#secret-value").queryAs(TextInputControl.class).getText())
                .isEmpty();
        assertThat(robot.lookup((Node node) -> showsText(node, FAKE_KEY)).tryQuery())
                .isEmpty();
        robot.clickOn("Cancel");
    }

    @Test
    @Order(4)
    void settingsChangeTheLookAtOnceAndSayWhyStartAtLoginIsNotOffered(FxRobot robot) throws Exception {
        signedInWithEverythingOn(robot);
        // at the foot of the list, below the fold of the headless screen: pressed, not clicked
        robot.interact(() -> robot.lookup(
                        (Node node) -> node instanceof ToggleButton b && "Settings".equals(b.getText()))
                .queryAs(ToggleButton.class)
                .fire());
        await().atMost(Duration.ofSeconds(5)).until(() -> visible(robot, "Start Airlock when I log in"));

        @SuppressWarnings("unchecked")
        ComboBox<String> look = robot.lookup(
                        (Node node) -> node instanceof ComboBox<?> c && "Look".equals(c.getAccessibleText()))
                .queryAs(ComboBox.class);
        robot.interact(() -> look.setValue("dark"));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> new PrimerDark().getUserAgentStylesheet().equals(Application.getUserAgentStylesheet()));
        assertThat(Files.readString(stateDir.resolve("settings.json"))).contains("dark");
        // run from a build: start at login is not offered, and the screen says why
        assertThat(robot.lookup("Start Airlock when I log in")
                        .queryAs(CheckBox.class)
                        .isDisabled())
                .isTrue();
        assertThat(robot.lookup((Node node) -> node instanceof Labeled l
                                && l.getText() != null
                                && l.getText().startsWith("Start at login needs Airlock as installed"))
                        .tryQuery())
                .isPresent();
    }

    @Test
    @Order(5)
    void aToolThatChangedSinceLastTimeIsHiddenUntilThePersonAllowsIt(FxRobot robot) throws Exception {
        signedInWithEverythingOn(robot);
        // as if the server's update had changed echo's description since the person last used it
        engine.disable("everything");
        PretendedToolChange.of(stateDir, "everything", "echo");
        engine.enable("everything");

        String sentence = "The tool 'echo' of Everything (demo) changed its description since you last used it."
                + " Airlock hid it until you approve the change.";
        await().atMost(Duration.ofSeconds(30)).until(() -> visible(robot, sentence));
        assertThat(robot.lookup((Node node) -> node instanceof ButtonBase b
                                && "Approve the tool echo of Everything (demo)".equals(b.getAccessibleText()))
                        .tryQuery())
                .isPresent();

        pressOnCard(robot, "Approve");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> visible(robot, "AI apps can use echo of Everything (demo) again."));
        assertThat(visible(robot, sentence)).isFalse();
        assertThat(engine.servers().stream()
                        .filter(server -> server.shortName().equals("everything"))
                        .findFirst()
                        .orElseThrow()
                        .tools()
                        .visible())
                .contains("echo");
    }

    /**
     * Presses a button on a tool card. The cards are rebuilt whenever the engine reports, so a
     * button found a moment ago may have left the window (a click would then miss): press the one
     * on screen now.
     */
    private static void pressOnCard(FxRobot robot, String text) {
        java.util.function.Predicate<Node> current = node ->
                node instanceof ButtonBase b && text.equals(b.getText()) && b.getScene() != null && b.isVisible();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> robot.lookup(current::test).tryQuery().isPresent());
        ButtonBase button = robot.lookup(current::test).queryAs(ButtonBase.class);
        // later, not waited for: the button may open a dialog that waits for the person
        javafx.application.Platform.runLater(button::fire);
    }

    /** Signs in through onboarding and turns Everything on, unless an earlier test already did. */
    private void signedInWithEverythingOn(FxRobot robot) {
        if (engine.status().user() == null) {
            onboardingThenDemoSignInThenATurnedOnToolShowsOn(robot);
            return;
        }
        robot.interact(() -> window.shell().finishOnboarding());
        await().atMost(Duration.ofSeconds(10)).until(() -> visible(robot, "Everything (demo)"));
        if (!engine.servers().stream()
                .anyMatch(s -> s.shortName().equals("everything") && s.state().equals("running"))) {
            robot.clickOn(robot.lookup((Node node) ->
                            node instanceof ToggleSwitch t && "Turn on Everything (demo)".equals(t.getAccessibleText()))
                    .queryAs(ToggleSwitch.class));
            await().atMost(Duration.ofMinutes(8))
                    .until(() -> robot.lookup(".tool-state-on").tryQuery().isPresent());
        }
    }

    private static boolean showsText(Node node, String text) {
        return (node instanceof Labeled l && l.getText() != null && l.getText().contains(text))
                || (node instanceof TextInputControl t
                        && t.getText() != null
                        && t.getText().contains(text));
    }

    private static boolean visible(FxRobot robot, String text) {
        return robot.lookup((Node node) -> node instanceof Labeled l && text.equals(l.getText()) && shown(node))
                .tryQuery()
                .isPresent();
    }

    private static String text(FxRobot robot, String style) {
        return robot.lookup(style).queryAllAs(Labeled.class).stream()
                .filter(DesktopWindowIT::shown)
                .map(Labeled::getText)
                .findFirst()
                .orElse("");
    }

    /** Visible on screen: the node and every node around it (hidden pages stay in the scene). */
    private static boolean shown(Node node) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }
}
