package dev.airlock.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.runtime.control.ActivityView;
import dev.airlock.runtime.control.ClientConnection;
import dev.airlock.runtime.control.CompanyView;
import dev.airlock.runtime.control.ControlException;
import dev.airlock.runtime.control.EngineControl;
import dev.airlock.runtime.control.EngineStatus;
import dev.airlock.runtime.control.InMemoryEngineControl;
import dev.airlock.runtime.control.ServerView;
import dev.airlock.runtime.control.SignInNotice;
import dev.airlock.runtime.control.UserView;
import dev.airlock.ui.tray.TrayMenuItem.Action;
import dev.airlock.ui.tray.TrayMenuItem.Toggle;
import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What the tray's clicks do to the engine, and what the tray shows afterwards. */
class TrayControllerTest {

    private final ResourceBundle strings = ResourceBundle.getBundle("dev.airlock.ui.strings");
    private final InMemoryEngineControl engine = new InMemoryEngineControl();
    private final RecordingHost host = new RecordingHost();
    private final List<TrayMenu> shown = new CopyOnWriteArrayList<>();
    private final TrayController controller = new TrayController(strings, engine, host, shown::add);

    static final class RecordingHost implements TrayController.Host {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void openWindow() {
            calls.add("open");
        }

        @Override
        public void openActivity() {
            calls.add("activity");
        }

        @Override
        public void quit() {
            calls.add("quit");
        }

        @Override
        public void tell(String message) {
            calls.add("tell: " + message);
        }
    }

    private String state(String shortName) {
        return engine.servers().stream()
                .filter(server -> server.shortName().equals(shortName))
                .findFirst()
                .orElseThrow()
                .state();
    }

    private TrayMenu last() {
        return shown.getLast();
    }

    private static boolean offers(TrayMenu menu, String actionId) {
        return menu.items().stream()
                .anyMatch(item -> item instanceof Action action && action.id().equals(actionId));
    }

    private static Toggle toggle(TrayMenu menu, String shortName) {
        return menu.items().stream()
                .filter(item -> item instanceof Toggle toggle && toggle.id().equals("server:" + shortName))
                .map(Toggle.class::cast)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aSwitchTurnsAToolOnAndOffAndTheMenuFollows() {
        controller.show(engine.status());

        controller.handle("server:everything");

        assertThat(state("everything")).isEqualTo("running");
        assertThat(toggle(last(), "everything").selected()).isTrue();
        assertThat(last().icon()).isEqualTo(TrayIconState.RUNNING);

        controller.handle("server:everything");

        assertThat(state("everything")).isEqualTo("off");
        assertThat(toggle(last(), "everything").selected()).isFalse();
        assertThat(last().icon()).isEqualTo(TrayIconState.IDLE);
    }

    @Test
    void aToolThatFailsToStartShowsAsNeedingAttention() {
        controller.show(engine.status());

        controller.handle("server:broken");

        assertThat(state("broken")).isEqualTo("failed");
        assertThat(last().icon()).isEqualTo(TrayIconState.WARNING);
        assertThat(toggle(last(), "broken").selected()).isFalse();
    }

    @Test
    void anUnavailableToolIsNotAskedFor() {
        controller.show(engine.status());

        controller.handle("server:weather");

        assertThat(state("weather")).isEqualTo("unavailable");
        assertThat(host.calls).isEmpty();
    }

    @Test
    void pauseAllTurnsOffWhatWasOnAndResumeTurnsOnExactlyThose() throws Exception {
        engine.enable("everything");
        engine.enable("memory");
        engine.enable("broken"); // failed: not on, so not paused
        controller.show(engine.status());

        controller.handle(TrayMenus.PAUSE);

        assertThat(state("everything")).isEqualTo("off");
        assertThat(state("memory")).isEqualTo("off");
        assertThat(controller.isPaused()).isTrue();
        assertThat(controller.pausedTools()).containsExactly("everything", "memory");
        assertThat(offers(last(), TrayMenus.RESUME)).isTrue();
        assertThat(offers(last(), TrayMenus.PAUSE)).isFalse();

        controller.handle(TrayMenus.RESUME);

        assertThat(state("everything")).isEqualTo("running");
        assertThat(state("memory")).isEqualTo("running");
        assertThat(state("broken")).isEqualTo("failed");
        assertThat(controller.isPaused()).isFalse();
        assertThat(offers(last(), TrayMenus.PAUSE)).isTrue();
        assertThat(host.calls).isEmpty();
    }

    @Test
    void resumeLeavesAloneWhatWasOffBeforeThePause() throws Exception {
        engine.enable("everything");
        controller.show(engine.status());
        controller.handle(TrayMenus.PAUSE);

        controller.handle(TrayMenus.RESUME);

        assertThat(state("everything")).isEqualTo("running");
        assertThat(state("memory")).isEqualTo("off");
    }

    @Test
    void theMenuSaysResumeAsSoonAsPauseIsClicked() throws Exception {
        engine.enable("everything");
        controller.show(engine.status());
        shown.clear();

        controller.handle(TrayMenus.PAUSE);

        // the first menu shown already offers Resume, before the tools are off
        assertThat(offers(shown.getFirst(), TrayMenus.RESUME)).isTrue();
        assertThat(toggle(shown.getFirst(), "everything").selected()).isTrue();
    }

    @Test
    void pauseWithNothingOnDoesNothing() {
        controller.show(engine.status());

        controller.handle(TrayMenus.PAUSE);

        assertThat(controller.isPaused()).isFalse();
        assertThat(offers(last(), TrayMenus.PAUSE)).isTrue();
    }

    @Test
    void signingOutForgetsWhatWasPaused() throws Exception {
        var acme = new CompanyView("Acme", "https://registry.acme.example", null, null, null);
        engine.company(acme);
        engine.signIn(null, notice -> {});
        engine.enable("everything");
        controller.show(engine.status());
        controller.handle(TrayMenus.PAUSE);
        assertThat(controller.isPaused()).isTrue();

        engine.signOut();
        controller.show(engine.status());

        assertThat(controller.isPaused()).isFalse();
        assertThat(last().icon()).isEqualTo(TrayIconState.SIGNED_OUT);
    }

    @Test
    void whatCouldNotBeTurnedBackOnIsToldToThePerson() throws Exception {
        var flaky = new RefusingEngine(engine, "memory");
        var resumed = new TrayController(strings, flaky, host, shown::add);
        engine.enable("everything");
        engine.enable("memory");
        resumed.show(engine.status());
        resumed.handle(TrayMenus.PAUSE);

        resumed.handle(TrayMenus.RESUME);

        assertThat(state("everything")).isEqualTo("running");
        assertThat(state("memory")).isEqualTo("off");
        assertThat(host.calls).containsExactly("tell: Docker is not running. Start Docker Desktop, then try again.");
    }

    @Test
    void anUnexpectedFailureIsToldWithoutItsDetails() throws Exception {
        var exploding = new RefusingEngine(engine, "everything") {
            @Override
            public ServerView enable(String server) {
                throw new IllegalStateException("token ghp_secret rejected");
            }
        };
        var resumed = new TrayController(strings, exploding, host, shown::add);
        engine.enable("everything");
        resumed.show(engine.status());
        resumed.handle(TrayMenus.PAUSE);

        resumed.handle(TrayMenus.RESUME);

        assertThat(host.calls)
                .containsExactly("tell: Airlock could not turn everything on again. Open Airlock to see why.");
    }

    @Test
    void aRefusedSwitchIsToldToThePerson() {
        var refusing = new RefusingEngine(engine, "memory");
        var switching = new TrayController(strings, refusing, host, shown::add);
        switching.show(engine.status());

        switching.handle("server:memory");

        assertThat(host.calls).containsExactly("tell: Docker is not running. Start Docker Desktop, then try again.");
        assertThat(toggle(last(), "memory").selected()).isFalse();
    }

    @Test
    void openActivityAndQuitGoToTheHost() {
        controller.handle(TrayMenus.OPEN);
        controller.handle(TrayMenus.ACTIVITY);
        controller.handle(TrayMenus.QUIT);

        assertThat(host.calls).containsExactly("open", "activity", "quit");
    }

    @Test
    void withoutAnEngineOnlyOpenAndQuitDoAnything() {
        var noEngine = new TrayController(strings, null, host, shown::add);
        noEngine.showProblem();

        noEngine.handle(TrayMenus.PAUSE);
        noEngine.handle("server:everything");
        noEngine.handle(TrayMenus.OPEN);

        assertThat(host.calls).containsExactly("open");
        assertThat(last().icon()).isEqualTo(TrayIconState.WARNING);
    }

    @Test
    void anUnknownIdIsAProgrammingError() {
        assertThatThrownBy(() -> controller.handle("launch-missiles")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theInitialMenuSaysAirlockIsStarting() {
        assertThat(controller.initialMenu().items().getFirst())
                .isEqualTo(new TrayMenuItem.Label("Airlock is starting…"));
        assertThat(controller.pausedTools()).isEqualTo(Set.of());
    }

    /** The engine, except that turning some tools on is refused as a real engine refuses. */
    static class RefusingEngine implements EngineControl {
        private final EngineControl delegate;
        private final Set<String> refused;

        RefusingEngine(EngineControl delegate, String... refused) {
            this.delegate = delegate;
            this.refused = Set.of(refused);
        }

        @Override
        public ServerView enable(String server) throws ControlException {
            if (refused.contains(server)) {
                throw new ControlException(
                        "engine_unavailable", "Docker is not running. Start Docker Desktop, then try again.");
            }
            return delegate.enable(server);
        }

        @Override
        public EngineStatus status() {
            return delegate.status();
        }

        @Override
        public List<ServerView> servers() {
            return delegate.servers();
        }

        @Override
        public ServerView disable(String server) throws ControlException {
            return delegate.disable(server);
        }

        @Override
        public ClientConnection issueClientToken(String clientName) throws ControlException {
            return delegate.issueClientToken(clientName);
        }

        @Override
        public UserView signIn(String companyAddress, Consumer<SignInNotice> notices) throws ControlException {
            return delegate.signIn(companyAddress, notices);
        }

        @Override
        public void signOut() throws ControlException {
            delegate.signOut();
        }

        @Override
        public List<ActivityView> activity(int limit, String server) throws ControlException {
            return delegate.activity(limit, server);
        }

        @Override
        public ServerView setSecret(String server, String name, String value) throws ControlException {
            return delegate.setSecret(server, name, value);
        }

        @Override
        public ServerView removeSecret(String server, String name) throws ControlException {
            return delegate.removeSecret(server, name);
        }

        @Override
        public ServerView approveTool(String server, String tool) throws ControlException {
            return delegate.approveTool(server, tool);
        }
    }
}
