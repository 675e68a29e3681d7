package dev.airlock.runtime.gateway;

import dev.airlock.runtime.activity.Outcome;
import dev.airlock.runtime.server.ServerConnection;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.ObjectNode;

/** The gateway's open sessions, by id. Ids are 128 random bits: unguessable, so they cannot be hijacked. */
final class SessionRegistry {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
    private final int maxSessions;

    SessionRegistry(int maxSessions) {
        this.maxSessions = maxSessions;
    }

    String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Adds a session; false when the gateway already holds its maximum. */
    boolean add(ClientSession session) {
        if (sessions.size() >= maxSessions) {
            return false;
        }
        sessions.put(session.id(), session);
        return true;
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

    /** Sends a server's notification to the GET streams of every session on that server process. */
    void broadcast(ServerConnection connection, ObjectNode notification) {
        for (ClientSession session : sessions.values()) {
            if (session.connection() == connection) {
                session.push(notification.deepCopy());
            }
        }
    }

    /** Ends the sessions whose server process has gone. */
    void closeStale() {
        sessions.values().removeIf(session -> {
            if (session.connection().isClosed()) {
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
