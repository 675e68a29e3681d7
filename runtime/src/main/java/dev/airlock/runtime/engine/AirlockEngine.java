package dev.airlock.runtime.engine;

import dev.airlock.runtime.AirlockVersion;
import dev.airlock.runtime.catalog.CatalogEntry;
import dev.airlock.runtime.container.EngineConnection;
import dev.airlock.runtime.container.EngineUnavailableException;
import dev.airlock.runtime.container.InstanceIdentity;
import dev.airlock.runtime.control.ClientConnection;
import dev.airlock.runtime.control.ControlException;
import dev.airlock.runtime.control.EngineControl;
import dev.airlock.runtime.control.EngineStatus;
import dev.airlock.runtime.control.ServerView;
import dev.airlock.runtime.gateway.ClientTokens;
import dev.airlock.runtime.gateway.Gateway;
import dev.airlock.runtime.gateway.GatewaySettings;
import dev.airlock.runtime.gateway.GatewayStartException;
import dev.airlock.runtime.server.ServerManager;
import dev.airlock.runtime.server.ServerState;
import dev.airlock.runtime.server.UnknownServerException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine as a whole: the catalog's servers, their containers, and the gateway in front of them.
 * The desktop app and {@code airlock daemon} both run one; the CLI reaches it over the control socket.
 */
public final class AirlockEngine implements EngineControl, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AirlockEngine.class);

    private final EngineOptions options;
    private final EngineConnection engines;
    private final ServerManager servers;
    private final ClientTokens tokens;
    private final Gateway gateway;

    private AirlockEngine(EngineOptions options) {
        this.options = options;
        var dir = options.stateDirectory();
        this.engines = new EngineConnection(options.environment(), InstanceIdentity.newInstance(dir.root()));
        this.servers = new ServerManager(options.catalog(), engines, dir, options.readyTimeout(), options.npmBuild());
        this.tokens = new ClientTokens(dir.clientTokens());
        this.gateway = new Gateway(GatewaySettings.onPort(options.gatewayPort()), servers::state, tokens);
    }

    /**
     * Starts the gateway, sweeps what dead instances left in the container engine, and turns on the
     * servers that were on last time. The caller holds the state directory's instance lock.
     */
    public static AirlockEngine start(EngineOptions options) throws GatewayStartException {
        var engine = new AirlockEngine(options);
        engine.servers.onNotification(engine.gateway::broadcast);
        engine.servers.addStateListener(change -> {
            if (!(change.state() instanceof ServerState.Running)) {
                engine.gateway.closeStaleSessions();
            }
        });
        engine.gateway.start();
        try {
            engine.engines.get(); // connects and sweeps now, rather than on the first switch
        } catch (EngineUnavailableException e) {
            LOG.warn("{} ({})", e.getMessage(), e.detail());
        }
        engine.servers.restoreEnabled();
        return engine;
    }

    public Gateway gateway() {
        return gateway;
    }

    public ServerManager serverManager() {
        return servers;
    }

    @Override
    public EngineStatus status() {
        return new EngineStatus(
                AirlockVersion.current(),
                options.stateDirectory().toString(),
                gateway.baseUrl(),
                engines.describe(),
                servers());
    }

    @Override
    public List<ServerView> servers() {
        return servers.states().stream()
                .map(e -> view(e.getKey(), e.getValue()))
                .toList();
    }

    @Override
    public ServerView enable(String server) throws ControlException {
        try {
            CatalogEntry entry = entry(server);
            ServerState state = servers.enable(server);
            return switch (state) {
                case ServerState.Running running -> view(entry, running);
                case ServerState.Unavailable unavailable ->
                    throw new ControlException("unavailable", unavailable.reason());
                case ServerState.Failed failed -> throw new ControlException("start_failed", failed.reason());
                default ->
                    throw new ControlException(
                            "start_failed", "%s was turned off while it was starting.".formatted(entry.title()));
            };
        } catch (UnknownServerException e) {
            throw new ControlException("not_found", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlException("interrupted", "Airlock is shutting down.");
        }
    }

    @Override
    public ServerView disable(String server) throws ControlException {
        try {
            CatalogEntry entry = entry(server);
            return view(entry, servers.disable(server));
        } catch (UnknownServerException e) {
            throw new ControlException("not_found", e.getMessage());
        }
    }

    @Override
    public ClientConnection issueClientToken(String clientName) throws ControlException {
        if (!ClientTokens.validName(clientName)) {
            throw new ControlException(
                    "bad_request",
                    "An AI app's name may use letters, digits, spaces, dots, dashes and underscores (at most 64).");
        }
        String token = tokens.issue(clientName);
        var running = new TreeMap<String, String>();
        for (ServerView server : servers()) {
            if (server.url() != null) {
                running.put(server.shortName(), server.url());
            }
        }
        return new ClientConnection(
                clientName, gateway.baseUrl() + "/mcp", Map.of("Authorization", "Bearer " + token), running);
    }

    private CatalogEntry entry(String server) throws UnknownServerException {
        return options.catalog().find(server).orElseThrow(() -> new UnknownServerException(server));
    }

    private ServerView view(CatalogEntry entry, ServerState state) {
        return new ServerView(
                entry.name(),
                entry.shortName(),
                entry.title(),
                entry.description(),
                entry.version(),
                state.label(),
                state.detail(),
                state instanceof ServerState.Running ? gateway.serverUrl(entry.shortName()) : null);
    }

    /** Stops the gateway and every server; what the user turned on stays on for next time. */
    @Override
    public void close() {
        gateway.close();
        servers.close();
        engines.close();
    }
}
