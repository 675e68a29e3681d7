package dev.airlock.runtime.gateway;

import dev.airlock.runtime.jsonrpc.JsonRpc;
import dev.airlock.runtime.server.ServerConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A server's whole list of one kind (tools, prompts, resources, templates), asked for by the gateway
 * itself and followed page by page, for {@code /mcp} and for the tool guard, which must see every
 * tool before it lets a call through.
 */
final class ServerLists {

    private static final Logger LOG = LoggerFactory.getLogger(ServerLists.class);

    /** A server's list may come in at most this many pages; the rest is left out. */
    static final int MAX_PAGES = 100;

    /** One kind of list: its method, the capability a server declares for it, and the member holding it. */
    record Kind(String method, String capability, String member) {}

    static final Kind TOOLS = new Kind("tools/list", "tools", "tools");
    static final Kind PROMPTS = new Kind("prompts/list", "prompts", "prompts");
    static final Kind RESOURCES = new Kind("resources/list", "resources", "resources");
    static final Kind TEMPLATES = new Kind("resources/templates/list", "resources", "resourceTemplates");

    private ServerLists() {}

    /** Whether the server declared the capability in its {@code initialize} result. */
    static boolean offers(ServerConnection connection, Kind kind) {
        ObjectNode init = connection.initializeResult();
        return init != null && init.path("capabilities").has(kind.capability());
    }

    /** The server's whole list of a kind, following its pages until {@code deadline} ({@link System#nanoTime()}). */
    static List<ObjectNode> all(ServerConnection connection, Kind kind, long deadline)
            throws ListFailedException, InterruptedException {
        var items = new ArrayList<ObjectNode>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ObjectNode params = JsonRpc.object();
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            JsonNode result = ask(connection, JsonRpc.request("airlock-list", kind.method(), params), deadline);
            for (JsonNode item : result.path(kind.member())) {
                if (item instanceof ObjectNode object) {
                    items.add(object);
                }
            }
            JsonNode next = result.get("nextCursor");
            if (next == null || !next.isString() || next.asString().isEmpty()) {
                return items;
            }
            cursor = next.asString();
        }
        LOG.warn("{} has more than {} pages of {}; the rest is left out", connection.name(), MAX_PAGES, kind.method());
        return items;
    }

    private static JsonNode ask(ServerConnection connection, ObjectNode request, long deadline)
            throws ListFailedException, InterruptedException {
        var answer = new CompletableFuture<ObjectNode>();
        long upstreamId = connection.send(request, new ServerConnection.Exchange() {
            @Override
            public void onRelated(ObjectNode message) {}

            @Override
            public void onResponse(ObjectNode response) {
                answer.complete(response);
            }
        });
        ObjectNode response;
        try {
            response = answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            connection.cancel(upstreamId, "Airlock stopped waiting for the list");
            throw new ListFailedException("it did not answer in time");
        } catch (ExecutionException e) {
            throw new ListFailedException(String.valueOf(e.getCause()));
        }
        if (response.get("result") instanceof ObjectNode result) {
            return result;
        }
        // the server's own words go into logs and into the error an AI app gets: printable, and short
        throw new ListFailedException("it answered with an error: "
                + McpHandler.printable(response.path("error").path("message").asString("none given")));
    }

    /** Why a server's list could not be had, in words that finish "… because ...". */
    static final class ListFailedException extends Exception {
        ListFailedException(String message) {
            super(message, null, false, false);
        }
    }
}
