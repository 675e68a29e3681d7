package dev.airlock.runtime.container;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container engine, connected on first use and again after it went away (Docker Desktop quit,
 * the engine restarted). Each new connection first sweeps what dead instances left behind.
 */
public final class EngineConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EngineConnection.class);

    private final Map<String, String> env;
    private final InstanceIdentity identity;
    private ContainerEngine engine;
    private String lastProblem;

    public EngineConnection(Map<String, String> env, InstanceIdentity identity) {
        this.env = Map.copyOf(env);
        this.identity = identity;
    }

    /** The engine, connecting (and sweeping) if there is no live connection. */
    public synchronized ContainerEngine get() throws EngineUnavailableException {
        if (engine != null && engine.ping()) {
            return engine;
        }
        if (engine != null) {
            engine.close();
            engine = null;
        }
        try {
            ContainerEngine connected = ContainerEngine.connect(env);
            List<String> swept = new OrphanSweeper(connected, identity).sweep();
            if (!swept.isEmpty()) {
                LOG.info("Removed {} container(s) left by Airlock instances that are no longer running", swept.size());
            }
            engine = connected;
            lastProblem = null;
            return engine;
        } catch (EngineUnavailableException e) {
            lastProblem = e.getMessage();
            throw e;
        }
    }

    /** For status displays: the engine in use, or why there is none. */
    public synchronized String describe() {
        if (engine != null) {
            return engine.description();
        }
        return lastProblem != null ? "not reachable: " + lastProblem : "not connected yet";
    }

    public InstanceIdentity identity() {
        return identity;
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
