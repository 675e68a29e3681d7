package dev.airlock.runtime.gateway;

import dev.airlock.runtime.AirlockVersion;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import dev.airlock.runtime.server.ServerConnection;
import dev.airlock.runtime.server.ServerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The requests of {@code /mcp}, the endpoint for all running servers. Lists are gathered from every
 * running server at once, on virtual threads, and answered as one page; tools and prompts are named
 * {@code {server}.{name}}, and a call is routed by the part of its name before the first '.'.
 * Resource URIs stay as they are and are routed by the lists (see {@link ResourceRoutes}). A server
 * that fails or does not answer in time is left out of a list, and the log says why.
 */
final class AggregateRouter {

    private static final Logger LOG = LoggerFactory.getLogger(AggregateRouter.class);

    /** The name {@code /mcp} gives itself in {@code initialize}, and records its own answers under. */
    static final String NAME = "airlock";

    /** MCP's rule for tool names. */
    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    /** A server's part of a list may come in at most this many pages; the rest is left out. */
    private static final int MAX_PAGES = 100;

    /** What to do with a request: answer it here, or pass it on to one server (already renamed). */
    sealed interface Route {
        record Answer(ObjectNode response) implements Route {}

        record Forward(String server, ServerConnection connection) implements Route {}
    }

    /** One kind of list: its method, the capability a server declares for it, and the member holding it. */
    private record ListKind(String method, String capability, String member) {}

    private static final ListKind TOOLS = new ListKind("tools/list", "tools", "tools");
    private static final ListKind PROMPTS = new ListKind("prompts/list", "prompts", "prompts");
    private static final ListKind RESOURCES = new ListKind("resources/list", "resources", "resources");
    private static final ListKind TEMPLATES =
            new ListKind("resources/templates/list", "resources", "resourceTemplates");

    private final ServerRoutes routes;
    private final Duration listTimeout;

    AggregateRouter(ServerRoutes routes, Duration listTimeout) {
        this.routes = routes;
        this.listTimeout = listTimeout;
    }

    /** The answer to {@code initialize} at {@code /mcp}, for a session speaking {@code version}. */
    static ObjectNode initializeResult(String version) {
        ObjectNode result = JsonRpc.object();
        result.put("protocolVersion", version);
        ObjectNode capabilities = result.putObject("capabilities");
        for (String feature : List.of("tools", "prompts", "resources")) {
            capabilities.putObject(feature).put("listChanged", true);
        }
        ObjectNode info = result.putObject("serverInfo");
        info.put("name", NAME);
        info.put("version", AirlockVersion.current());
        result.put(
                "instructions",
                "The tools and prompts of every server Airlock runs for you, each named {server}.{name}.");
        return result;
    }

    /**
     * Decides a request of a {@code /mcp} session. A request to be forwarded is renamed in place: it
     * carries the server's own tool or prompt name.
     */
    Route route(ResourceRoutes resources, ObjectNode request) throws InterruptedException {
        JsonNode id = request.get("id");
        String method = JsonRpc.method(request);
        return switch (method) {
            case "ping" -> new Route.Answer(JsonRpc.result(id, JsonRpc.object()));
            case "tools/list" -> new Route.Answer(JsonRpc.result(id, tools()));
            case "prompts/list" -> new Route.Answer(JsonRpc.result(id, prompts()));
            case "resources/list" -> new Route.Answer(JsonRpc.result(id, resources(resources)));
            case "resources/templates/list" -> new Route.Answer(JsonRpc.result(id, templates(resources)));
            case "tools/call" -> byName(request, "tool");
            case "prompts/get" -> byName(request, "prompt");
            case "resources/read" -> byUri(request, resources);
            default ->
                new Route.Answer(JsonRpc.error(
                        id,
                        JsonRpc.METHOD_NOT_FOUND,
                        "Airlock's address for all servers does not offer '%s'. Use the server's own address, /mcp/{server}, for it."
                                .formatted(McpHandler.printable(method))));
        };
    }

    // --- lists ----------------------------------------------------------------------------------------

    private ObjectNode tools() throws InterruptedException {
        return listed(TOOLS, (server, tool) -> {
            JsonNode name = tool.get("name");
            String renamed = name != null && name.isString() ? server + "." + name.asString() : null;
            if (renamed == null || !TOOL_NAME.matcher(renamed).matches()) {
                LOG.warn(
                        "Left the tool {} of {} out of /mcp: as {}.NAME it would not be a valid MCP tool name",
                        name,
                        server,
                        server);
                return null;
            }
            tool.put("name", renamed);
            return tool;
        });
    }

    private ObjectNode prompts() throws InterruptedException {
        return listed(PROMPTS, (server, prompt) -> {
            JsonNode name = prompt.get("name");
            if (name == null || !name.isString() || name.asString().isEmpty()) {
                LOG.warn("Left a prompt of {} out of /mcp: it has no name", server);
                return null;
            }
            prompt.put("name", server + "." + name.asString());
            return prompt;
        });
    }

    private ObjectNode resources(ResourceRoutes routesOfSession) throws InterruptedException {
        var byUri = new LinkedHashMap<String, String>();
        ObjectNode result = listed(RESOURCES, (server, resource) -> {
            JsonNode uri = resource.get("uri");
            if (uri == null || !uri.isString()) {
                LOG.warn("Left a resource of {} out of /mcp: it has no URI", server);
                return null;
            }
            String other = byUri.putIfAbsent(uri.asString(), server);
            if (other != null) {
                LOG.warn("Left the resource {} of {} out of /mcp: {} lists the same URI", uri, server, other);
                return null;
            }
            prefixName(resource, server);
            return resource;
        });
        routesOfSession.resources(byUri);
        return result;
    }

    private ObjectNode templates(ResourceRoutes routesOfSession) throws InterruptedException {
        var byStart = new LinkedHashMap<String, String>();
        ObjectNode result = listed(TEMPLATES, (server, template) -> {
            JsonNode uriTemplate = template.get("uriTemplate");
            if (uriTemplate == null || !uriTemplate.isString()) {
                LOG.warn("Left a resource template of {} out of /mcp: it has no uriTemplate", server);
                return null;
            }
            String text = uriTemplate.asString();
            int brace = text.indexOf('{');
            String start = brace < 0 ? text : text.substring(0, brace);
            if (!start.isEmpty()) {
                byStart.putIfAbsent(start, server);
            }
            prefixName(template, server);
            return template;
        });
        routesOfSession.templates(byStart);
        return result;
    }

    private static void prefixName(ObjectNode item, String server) {
        JsonNode name = item.get("name");
        if (name != null && name.isString()) {
            item.put("name", server + "." + name.asString());
        }
    }

    /**
     * One page holding every running server's items of a kind, each passed through {@code rename},
     * which returns null to leave an item out.
     */
    private ObjectNode listed(ListKind kind, BiFunction<String, ObjectNode, ObjectNode> rename)
            throws InterruptedException {
        ArrayNode items = JsonRpc.object().arrayNode();
        for (var part : gather(kind).entrySet()) {
            for (ObjectNode item : part.getValue()) {
                ObjectNode renamed = rename.apply(part.getKey(), item);
                if (renamed != null) {
                    items.add(renamed);
                }
            }
        }
        ObjectNode result = JsonRpc.object();
        result.set(kind.member(), items);
        return result;
    }

    /** Every running server's items of a kind, by server, in catalog order; servers that failed are left out. */
    private SequencedMap<String, List<ObjectNode>> gather(ListKind kind) throws InterruptedException {
        long deadline = System.nanoTime() + listTimeout.toNanos();
        var parts = new LinkedHashMap<String, Future<List<ObjectNode>>>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var server : routes.running().entrySet()) {
                String name = server.getKey();
                ServerConnection connection = server.getValue();
                if (name.contains(".")) {
                    LOG.warn("Left {} out of /mcp: a '.' in its name would make its tools' names ambiguous", name);
                } else if (offers(connection, kind.capability())) {
                    parts.put(name, threads.submit(() -> listAll(connection, kind, deadline)));
                }
            }
        } // every part ends by the deadline: listAll stops waiting then
        var gathered = new LinkedHashMap<String, List<ObjectNode>>();
        for (var part : parts.entrySet()) {
            try {
                gathered.put(part.getKey(), part.getValue().get());
            } catch (ExecutionException e) {
                LOG.warn(
                        "Left {} out of the /mcp {}: {}",
                        part.getKey(),
                        kind.method(),
                        e.getCause().getMessage());
            }
        }
        return gathered;
    }

    private static boolean offers(ServerConnection connection, String capability) {
        ObjectNode init = connection.initializeResult();
        return init != null && init.path("capabilities").has(capability);
    }

    /** A server's whole list of a kind, following its pages. */
    private static List<ObjectNode> listAll(ServerConnection connection, ListKind kind, long deadline)
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
        LOG.warn(
                "{} has more than {} pages of {}; the rest is left out of /mcp",
                connection.name(),
                MAX_PAGES,
                kind.method());
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
        throw new ListFailedException("it answered with an error: "
                + response.path("error").path("message").asString("none given"));
    }

    private static final class ListFailedException extends Exception {
        ListFailedException(String message) {
            super(message, null, false, false);
        }
    }

    // --- routing --------------------------------------------------------------------------------------

    /** {@code tools/call} and {@code prompts/get}: the server is the part of the name before the first '.'. */
    private Route byName(ObjectNode request, String what) {
        JsonNode id = request.get("id");
        JsonNode name = request.path("params").path("name");
        if (!name.isString()) {
            return new Route.Answer(JsonRpc.error(
                    id, JsonRpc.INVALID_PARAMS, "%s needs params.name.".formatted(JsonRpc.method(request))));
        }
        String full = name.asString();
        int dot = full.indexOf('.');
        if (dot <= 0 || dot == full.length() - 1) {
            return new Route.Answer(JsonRpc.error(
                    id,
                    JsonRpc.INVALID_PARAMS,
                    "There is no %s named '%s'. At this address, names are {server}.{%s}, as the list shows them."
                            .formatted(what, McpHandler.printable(full), what)));
        }
        Route route = toServer(id, full.substring(0, dot));
        if (route instanceof Route.Forward) {
            ((ObjectNode) request.get("params")).put("name", full.substring(dot + 1));
        }
        return route;
    }

    /** {@code resources/read}: the server that listed the URI; the lists are gathered again if none did. */
    private Route byUri(ObjectNode request, ResourceRoutes resources) throws InterruptedException {
        JsonNode id = request.get("id");
        JsonNode uri = request.path("params").path("uri");
        if (!uri.isString()) {
            return new Route.Answer(JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "resources/read needs params.uri."));
        }
        Optional<String> server = resources.serverFor(uri.asString());
        if (server.isEmpty()) {
            resources(resources);
            templates(resources);
            server = resources.serverFor(uri.asString());
        }
        if (server.isEmpty()) {
            return new Route.Answer(JsonRpc.error(
                    id,
                    JsonRpc.INVALID_PARAMS,
                    "No running server lists the resource '%s'. Read it at its server's own address, /mcp/{server}."
                            .formatted(McpHandler.printable(uri.asString()))));
        }
        return toServer(id, server.get());
    }

    private Route toServer(JsonNode id, String server) {
        Optional<ServerState> state = routes.lookup(server);
        if (state.isEmpty()) {
            return new Route.Answer(JsonRpc.error(
                    id,
                    JsonRpc.INVALID_PARAMS,
                    "There is no server named '%s'. Run `airlock servers` to see the names."
                            .formatted(McpHandler.printable(server))));
        }
        if (!(state.get() instanceof ServerState.Running running)) {
            return new Route.Answer(JsonRpc.error(
                    id, JsonRpc.SERVER_UNAVAILABLE, McpHandler.notRunning(McpHandler.printable(server), state.get())));
        }
        return new Route.Forward(running.connection().name(), running.connection());
    }
}
