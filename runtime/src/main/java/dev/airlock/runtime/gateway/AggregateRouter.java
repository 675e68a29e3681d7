package dev.airlock.runtime.gateway;

import dev.airlock.runtime.AirlockVersion;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import dev.airlock.runtime.server.ServerConnection;
import dev.airlock.runtime.server.ServerState;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    /** What to do with a request: answer it here, or pass it on to one server (already renamed). */
    sealed interface Route {
        record Answer(ObjectNode response) implements Route {}

        record Forward(String server, ServerConnection connection) implements Route {}
    }

    private final ServerRoutes routes;
    private final Duration listTimeout;
    private final ToolGuards guards;

    AggregateRouter(ServerRoutes routes, Duration listTimeout, ToolGuards guards) {
        this.routes = routes;
        this.listTimeout = listTimeout;
        this.guards = guards;
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
        return listed(ServerLists.TOOLS, (server, tool) -> {
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
        return listed(ServerLists.PROMPTS, (server, prompt) -> {
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
        ObjectNode result = listed(ServerLists.RESOURCES, (server, resource) -> {
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
        ObjectNode result = listed(ServerLists.TEMPLATES, (server, template) -> {
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
    private ObjectNode listed(ServerLists.Kind kind, BiFunction<String, ObjectNode, ObjectNode> rename)
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
    private SequencedMap<String, List<ObjectNode>> gather(ServerLists.Kind kind) throws InterruptedException {
        long deadline = System.nanoTime() + listTimeout.toNanos();
        var parts = new LinkedHashMap<String, Future<List<ObjectNode>>>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var server : routes.running().entrySet()) {
                String name = server.getKey();
                ServerConnection connection = server.getValue();
                if (name.contains(".")) {
                    LOG.warn("Left {} out of /mcp: a '.' in its name would make its tools' names ambiguous", name);
                } else if (ServerLists.offers(connection, kind)) {
                    // tools as the guard lets them through; the other lists as the server gives them
                    parts.put(
                            name,
                            threads.submit(() -> kind == ServerLists.TOOLS
                                    ? guards.tools(connection, deadline)
                                    : ServerLists.all(connection, kind, deadline)));
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
