package dev.airlock.runtime.gateway;

import dev.airlock.runtime.catalog.ServerPolicy;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import dev.airlock.runtime.server.ServerConnection;
import dev.airlock.runtime.tools.CallDecision;
import dev.airlock.runtime.tools.Limits;
import dev.airlock.runtime.tools.ToolGuard;
import dev.airlock.runtime.tools.ToolListReview;
import dev.airlock.runtime.tools.TrustedTools;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link ToolGuard} of each running server process (ADR 0021, wired in as ADR 0023): every
 * {@code tools/list} an AI app asks for, at a server's own address or at {@code /mcp}, is the
 * server's whole list as the guard let it through; every {@code tools/call} is checked against the
 * guard's latest review before it is forwarded.
 *
 * <p>The gateway asks the server for its list itself, all pages of it, so the guard always judges
 * the whole list, and a call that comes before any list (an app that remembers tool names, a
 * stateless request) is checked against a list fetched for it. When the server says its list
 * changed, the next call waits for a fresh review: a tool the server has just redefined is never
 * called on the strength of its old definition.
 *
 * <p>A guard belongs to one server process: a restart, which a changed catalog entry (new pins, a
 * new allow list) causes, brings a new guard with the entry's policy.
 */
public final class ToolGuards {

    private static final Logger LOG = LoggerFactory.getLogger(ToolGuards.class);

    /** Builds the guard of a server process that has just started, with its catalog entry's policy. */
    @FunctionalInterface
    public interface Factory {
        ToolGuard create(ServerConnection connection);
    }

    /** Hears each review: what AI apps now see of a server's tools, and what was hidden and why. */
    @FunctionalInterface
    public interface Listener {
        void reviewed(String server, ToolListReview review);
    }

    private final Factory factory;
    private final Map<ServerConnection, Guarded> guards = new ConcurrentHashMap<>();
    private volatile Listener listener = (server, review) -> {};

    /** One server process's guard, and whether its latest review still holds. */
    private static final class Guarded {
        final ToolGuard guard;
        /** Bumped when the server says its list changed, or the user approved a tool. */
        final AtomicLong changes = new AtomicLong();

        volatile long reviewedAt = -1;
        final ReentrantLock reviewing = new ReentrantLock();

        Guarded(ToolGuard guard) {
            this.guard = guard;
        }

        boolean current() {
            return reviewedAt == changes.get();
        }
    }

    public ToolGuards(Factory factory) {
        this.factory = Objects.requireNonNull(factory);
    }

    /**
     * The company's default tool policy (no allow list, no pins, poisoning warned about) with trust on
     * first use kept in memory: for a gateway without a catalog or a state directory.
     */
    public static ToolGuards withDefaults() {
        return new ToolGuards(connection -> new ToolGuard(
                connection.name(), ServerPolicy.DEFAULT.tools(), TrustedTools.inMemory(), Limits.DEFAULT));
    }

    public void listener(Listener listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    private Guarded guarded(ServerConnection connection) {
        return guards.computeIfAbsent(connection, c -> new Guarded(factory.create(c)));
    }

    /**
     * The server's tools as the guard lets AI apps see them: its whole list, reviewed now.
     *
     * @param deadline when to stop waiting for the server, in {@link System#nanoTime()}
     */
    List<ObjectNode> tools(ServerConnection connection, long deadline)
            throws ServerLists.ListFailedException, InterruptedException {
        Guarded guarded = guarded(connection);
        guarded.reviewing.lockInterruptibly();
        try {
            return review(connection, guarded, deadline);
        } finally {
            guarded.reviewing.unlock();
        }
    }

    private List<ObjectNode> review(ServerConnection connection, Guarded guarded, long deadline)
            throws ServerLists.ListFailedException, InterruptedException {
        long changes = guarded.changes.get();
        List<ObjectNode> offered = ServerLists.all(connection, ServerLists.TOOLS, deadline);
        ObjectNode list = JsonRpc.object();
        list.putArray("tools").addAll(offered);
        ToolListReview review = guarded.guard.review(list);
        guarded.reviewedAt = changes;
        if (!review.hidden().isEmpty()) {
            LOG.info(
                    "Hid {} of the {} tools of {}: {}",
                    review.hidden().size(),
                    offered.size(),
                    connection.name(),
                    review.hidden().stream()
                            .map(h -> McpHandler.printable(h.tool()) + " (" + h.reason() + ")")
                            .toList());
        }
        try {
            listener.reviewed(connection.name(), review);
        } catch (RuntimeException e) {
            LOG.warn("A listener failed on the review of {}'s tools", connection.name(), e);
        }
        var kept = new ArrayList<ObjectNode>();
        review.result().path("tools").forEach(tool -> kept.add((ObjectNode) tool));
        return kept;
    }

    /**
     * Whether a {@code tools/call} may go to the server; reviews the server's list first when no
     * review holds. A server whose list cannot be had gets no calls: nothing is let through unchecked.
     */
    CallDecision check(ServerConnection connection, JsonNode params, long deadline) throws InterruptedException {
        if (connection.isClosed()) {
            // nothing reaches a stopped server either way, and its own error says so more plainly
            return new CallDecision.Allowed(null);
        }
        Guarded guarded = guarded(connection);
        if (!guarded.current()) {
            guarded.reviewing.lockInterruptibly();
            try {
                if (!guarded.current()) {
                    review(connection, guarded, deadline);
                }
            } catch (ServerLists.ListFailedException e) {
                JsonNode name = params == null ? null : params.get("name");
                return new CallDecision.Denied(
                        name != null && name.isString() ? name.asString() : null,
                        "Airlock did not send the call because it could not check it: the server '%s' did not give"
                                        .formatted(connection.name())
                                + " its list of tools (" + e.getMessage() + "). Try again in a moment.",
                        JsonRpc.SERVER_UNAVAILABLE);
            } finally {
                guarded.reviewing.unlock();
            }
        }
        return guarded.guard.check(params);
    }

    /** The server said its list of tools changed: the next call waits for a fresh review. */
    void listChanged(ServerConnection connection) {
        Guarded guarded = guards.get(connection);
        if (guarded != null) {
            guarded.changes.incrementAndGet();
        }
    }

    /**
     * Trusts what the latest review of {@code server}'s tools held back as new, changed or renamed.
     *
     * @return the server process whose AI apps must hear that the list changed; empty when there was
     *     nothing the user could approve under that name
     */
    Optional<ServerConnection> approve(String server, String tool) {
        for (var entry : guards.entrySet()) {
            if (entry.getKey().name().equals(server) && !entry.getKey().isClosed()) {
                Guarded guarded = entry.getValue();
                if (guarded.guard.approve(tool)) {
                    guarded.changes.incrementAndGet();
                    LOG.info("The user approved the tool {} of {}", McpHandler.printable(tool), server);
                    return Optional.of(entry.getKey());
                }
            }
        }
        return Optional.empty();
    }

    /** Forgets the guards of server processes that no longer run. */
    void retain(Collection<ServerConnection> running) {
        guards.keySet().removeIf(connection -> !running.contains(connection));
    }
}
