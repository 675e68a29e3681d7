package dev.airlock.runtime.gateway;

import dev.airlock.runtime.activity.ActivityLog;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import dev.airlock.runtime.server.ServerConnection;
import java.net.BindException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/** The local gateway AI apps talk to: Streamable HTTP on 127.0.0.1 only. */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    public static final String HOST = "127.0.0.1";
    // generous: a tool call may legitimately run for a long time without sending anything
    private static final long IDLE_TIMEOUT_MS = 60 * 60 * 1000;
    /** Connections the OS holds for the gateway to accept, beyond the default of 50. */
    private static final int ACCEPT_QUEUE = 1024;
    /** HTTP requests handled at once, waiting calls and open streams included. */
    static final int MAX_CONCURRENT_REQUESTS = 16_384;

    private static final String TOOLS_CHANGED = "notifications/tools/list_changed";

    private final GatewaySettings settings;
    private final ServerRoutes routes;
    private final ClientTokens tokens;
    private final SessionRegistry sessions;
    private final ActivityLog activity;
    private final CallInspection inspection;
    private final ToolGuards toolGuards;
    private final AtomicReference<Map<String, ServerConnection>> lastRunning = new AtomicReference<>(Map.of());
    private Server server;
    private Thread idleSweeper;
    private volatile int port;

    /**
     * A gateway that inspects calls with the built-in rules and Airlock's safe defaults.
     *
     * @param activity where every call through the gateway is recorded when it ends
     */
    public Gateway(GatewaySettings settings, ServerRoutes routes, ClientTokens tokens, ActivityLog activity) {
        this(settings, routes, tokens, activity, CallInspection.builtIn(), ToolGuards.withDefaults());
    }

    /**
     * @param activity where every call through the gateway is recorded when it ends
     * @param inspection the rules and policies calls are inspected with
     */
    public Gateway(
            GatewaySettings settings,
            ServerRoutes routes,
            ClientTokens tokens,
            ActivityLog activity,
            CallInspection inspection) {
        this(settings, routes, tokens, activity, inspection, ToolGuards.withDefaults());
    }

    /**
     * @param activity where every call through the gateway is recorded when it ends
     * @param inspection the rules and policies calls are inspected with
     * @param toolGuards the company's tool policy and the user's trusted tools, per server
     */
    public Gateway(
            GatewaySettings settings,
            ServerRoutes routes,
            ClientTokens tokens,
            ActivityLog activity,
            CallInspection inspection,
            ToolGuards toolGuards) {
        this.inspection = inspection;
        this.toolGuards = toolGuards;
        this.settings = settings;
        this.routes = routes;
        this.tokens = tokens;
        this.sessions = new SessionRegistry(settings.maxSessions(), GatewaySettings.MAX_SESSIONS_PER_CLIENT);
        this.activity = activity;
    }

    public synchronized void start() throws GatewayStartException {
        var threads = new QueuedThreadPool();
        threads.setName("gateway");
        var virtualThreads = new VirtualThreadPool();
        virtualThreads.setName("gateway-request");
        // each waiting call holds one: Jetty's default of 200 would let 200 calls to a stuck server
        // stop every other call through the gateway
        virtualThreads.setMaxThreads(MAX_CONCURRENT_REQUESTS);
        threads.setVirtualThreadsExecutor(virtualThreads);
        // Buffers are not pooled: a pooled buffer released twice can be handed to two connections at
        // once, and one AI app would read another's request (seen while fuzzing; ADR 0019). A fresh
        // buffer per use costs little at a desktop's load and cannot carry bytes across connections.
        server = new Server(threads, null, new ByteBufferPool.NonPooling());
        // what Jetty refuses itself gets a JSON-RPC error too, not an HTML page
        server.setErrorHandler(new JsonErrorHandler());
        var http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        var connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(HOST);
        connector.setPort(settings.port());
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        // many AI-app connections may open at once (a bridge reconnecting, an agent fanning out): a
        // short accept queue would drop their SYNs and make them wait seconds for a retry
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        server.addConnector(connector);
        server.setHandler(new McpHandler(
                routes,
                new RequestGuard(tokens, () -> port),
                sessions,
                settings.maxBodyBytes(),
                settings.callQuietLimit(),
                settings.listTimeout(),
                new CallRecorder(activity),
                inspection,
                toolGuards,
                new AggregateRouter(routes, settings.listTimeout(), toolGuards)));
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly();
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new GatewayStartException(
                        "Port %d on %s is already in use by another program. Close that program, or choose another port for Airlock's gateway."
                                .formatted(settings.port(), HOST),
                        e);
            }
            throw new GatewayStartException("Airlock's gateway could not start: " + e.getMessage(), e);
        }
        port = connector.getLocalPort();
        lastRunning.set(Map.copyOf(routes.running()));
        idleSweeper = Thread.ofVirtual().name("gateway-idle-sessions").start(this::sweepIdleSessions);
        LOG.info("Gateway listening on {}", baseUrl());
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT} */
    public String baseUrl() {
        return "http://%s:%d".formatted(HOST, port);
    }

    /** The URL of one server's MCP endpoint. */
    public String serverUrl(String shortName) {
        return baseUrl() + "/mcp/" + shortName;
    }

    /** Delivers a server's own notification to the streams of its sessions. */
    public void broadcast(ServerConnection connection, ObjectNode notification) {
        if (connection != null) {
            if (TOOLS_CHANGED.equals(JsonRpc.method(notification))) {
                toolGuards.listChanged(connection); // before the apps hear it and ask again
            }
            sessions.broadcast(connection, notification);
        }
    }

    /**
     * Reviews a server's tools now, as if an AI app had asked for them, so that what is hidden and
     * why is known (and told) before any app asks. Failures are logged: the next list or call tries
     * again.
     */
    public void reviewTools(ServerConnection connection) {
        if (!ServerLists.offers(connection, ServerLists.TOOLS)) {
            return;
        }
        try {
            toolGuards.tools(
                    connection, System.nanoTime() + settings.listTimeout().toNanos());
        } catch (ServerLists.ListFailedException e) {
            LOG.info("Could not review the tools of {} yet: {}", connection.name(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Trusts a tool of a running server that Airlock hid as new, changed or renamed, reviews the
     * server's tools again, and tells the AI apps on it that its list changed.
     *
     * @return false when the server's latest review holds nothing the user can approve by that name
     */
    public boolean approveTool(String server, String tool) {
        Optional<ServerConnection> connection = toolGuards.approve(server, tool);
        connection.ifPresent(approved -> {
            reviewTools(approved);
            sessions.broadcast(approved, JsonRpc.notification(TOOLS_CHANGED, null));
        });
        return connection.isPresent();
    }

    /**
     * A server's state changed. When that changes which server processes run, every session of
     * {@code /mcp} hears that its tools, prompts and resources changed.
     */
    public void serversChanged() {
        Map<String, ServerConnection> now = Map.copyOf(routes.running());
        toolGuards.retain(now.values());
        // a restarted server counts as a change: its process, and maybe its tools, are new
        if (!now.equals(lastRunning.getAndSet(now))) {
            sessions.allListsChanged();
        }
    }

    /** Ends the sessions whose server process has stopped. */
    public void closeStaleSessions() {
        sessions.closeStale();
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** Ends, once a minute, the sessions AI apps have left behind without ending them. */
    private void sweepIdleSessions() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                return;
            }
            int closed = sessions.closeIdle(GatewaySettings.SESSION_IDLE_LIMIT);
            if (closed > 0) {
                LOG.info(
                        "Ended {} session(s) unused for {} minutes",
                        closed,
                        GatewaySettings.SESSION_IDLE_LIMIT.toMinutes());
            }
        }
    }

    @Override
    public synchronized void close() {
        if (idleSweeper != null) {
            idleSweeper.interrupt();
        }
        sessions.closeAll("Airlock is shutting down");
        stopQuietly();
    }

    private void stopQuietly() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.debug("Stopping the gateway failed", e);
            }
        }
    }
}
