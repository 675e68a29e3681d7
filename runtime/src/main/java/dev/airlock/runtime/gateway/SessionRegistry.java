package dev.airlock.runtime.gateway;

import dev.airlock.runtime.activity.Outcome;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import dev.airlock.runtime.server.ServerConnection;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.ObjectNode;

/** The gateway's open sessions, by id. Ids are 128 random bits: unguessable, so they cannot be hijacked. */
final class SessionRegistry {

    static final List<String> LIST_CHANGES = List.of(
            "notifications/tools/list_changed",
            "notifications/prompts/list_changed",
            "notifications/resources/list_changed");

    private final SecureRandom random = new SecureRandom();
    private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
    private final int maxSessions;
    private final int maxSessionsPerClient;

    /** Whether a new session was let in, and if not, which limit stopped it. */
    enum Admission {
        ADMITTED,
        GATEWAY_FULL,
        CLIENT_FULL
    }

    SessionRegistry(int maxSessions, int maxSessionsPerClient) {
        this.maxSessions = maxSessions;
        this.maxSessionsPerClient = maxSessionsPerClient;
    }

    String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Adds a session, unless the gateway holds its maximum or this AI app (its token) holds its own:
     * one app that leaks sessions cannot lock the others out.
     */
    synchronized Admission add(ClientSession session) {
        if (sessions.size() >= maxSessions) {
            return Admission.GATEWAY_FULL;
        }
        long mine = sessions.values().stream()
                .filter(s -> s.client().equals(session.client()))
                .count();
        if (mine >= maxSessionsPerClient) {
            return Admission.CLIENT_FULL;
        }
        sessions.put(session.id(), session);
        return Admission.ADMITTED;
    }

    /** Ends the sessions nobody has used for this long; how many. */
    int closeIdle(java.time.Duration limit) {
        long now = System.nanoTime();
        int[] closed = {0};
        sessions.values().removeIf(session -> {
            if (session.idleFor(limit, now)) {
                session.close("the session was not used for a long time", Outcome.CANCELLED);
                closed[0]++;
                return true;
            }
            return false;
        });
        return closed[0];
    }

    Optional<ClientSession> get(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(sessions.get(id));
    }

    Optional<ClientSession> remove(String id) {
        return Optional.ofNullable(sessions.remove(id));
    }

    int size() {
        return sessions.size();
    }

    /**
     * Sends a server's notification to the GET streams of every session on that server process. A
     * change of its tools, prompts or resources also reaches the sessions of {@code /mcp}, whose lists
     * hold them.
     */
    void broadcast(ServerConnection connection, ObjectNode notification) {
        boolean listChanged = LIST_CHANGES.contains(JsonRpc.method(notification));
        for (ClientSession session : sessions.values()) {
            if (session.isOn(connection)
                    || (listChanged && session.reach() instanceof ClientSession.Reach.AllServers)) {
                session.push(notification.deepCopy());
            }
        }
    }

    /** Tells every session of {@code /mcp} that its lists changed: a server started or stopped. */
    void allListsChanged() {
        for (ClientSession session : sessions.values()) {
            if (session.reach() instanceof ClientSession.Reach.AllServers) {
                for (String method : LIST_CHANGES) {
                    session.push(JsonRpc.notification(method, null));
                }
            }
        }
    }

    /** Ends the sessions whose server process has gone; sessions of {@code /mcp} go on. */
    void closeStale() {
        sessions.values().removeIf(session -> {
            if (session.reach() instanceof ClientSession.Reach.OneServer one
                    && one.connection().isClosed()) {
                session.close("the server stopped", Outcome.FAILED);
                return true;
            }
            return false;
        });
    }

    void closeAll(String why) {
        sessions.values().forEach(session -> session.close(why, Outcome.FAILED));
        sessions.clear();
    }
}
