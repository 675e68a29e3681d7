package dev.airlock.app.desktop;

import dev.airlock.runtime.AirlockVersion;
import dev.airlock.runtime.activity.ActivityFeed;
import dev.airlock.runtime.control.ActivityView;
import dev.airlock.runtime.control.ClientConnection;
import dev.airlock.runtime.control.ControlException;
import dev.airlock.runtime.control.EngineControl;
import dev.airlock.runtime.control.EngineStatus;
import dev.airlock.runtime.control.ServerView;
import dev.airlock.runtime.control.SignInNotice;
import dev.airlock.runtime.control.UserView;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the window talks to when the engine could not start: every action answers with the reason,
 * so the window can still explain what went wrong and what to do.
 */
final class UnstartedEngine implements EngineControl {

    /** No calls happen without an engine. */
    static final ActivityFeed NO_ACTIVITY = new ActivityFeed() {
        @Override
        public List<ActivityView> recent(int limit) {
            return List.of();
        }

        @Override
        public AutoCloseable subscribe(Consumer<ActivityView> listener) {
            return () -> {};
        }
    };

    private final String problem;

    UnstartedEngine(String problem) {
        this.problem = problem == null ? "Airlock could not start." : problem;
    }

    @Override
    public EngineStatus status() {
        return new EngineStatus(AirlockVersion.current(), "", "", "not started", null, null, List.of(), List.of());
    }

    @Override
    public List<ServerView> servers() {
        return List.of();
    }

    @Override
    public ServerView enable(String server) throws ControlException {
        throw notStarted();
    }

    @Override
    public ServerView disable(String server) throws ControlException {
        throw notStarted();
    }

    @Override
    public ClientConnection issueClientToken(String clientName) throws ControlException {
        throw notStarted();
    }

    @Override
    public UserView signIn(String companyAddress, Consumer<SignInNotice> notices) throws ControlException {
        throw notStarted();
    }

    @Override
    public void signOut() throws ControlException {
        throw notStarted();
    }

    @Override
    public List<ActivityView> activity(int limit, String server) {
        return List.of();
    }

    @Override
    public ServerView setSecret(String server, String name, String value) throws ControlException {
        throw notStarted();
    }

    @Override
    public ServerView removeSecret(String server, String name) throws ControlException {
        throw notStarted();
    }

    @Override
    public ServerView approveTool(String server, String tool) throws ControlException {
        throw notStarted();
    }

    private ControlException notStarted() {
        return new ControlException("not_started", problem);
    }
}
