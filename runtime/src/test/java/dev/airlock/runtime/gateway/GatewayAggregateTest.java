package dev.airlock.runtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.airlock.runtime.activity.ActivityLog;
import dev.airlock.runtime.control.ActivityView;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import dev.airlock.runtime.server.ServerConnection;
import dev.airlock.runtime.server.ServerState;
import dev.airlock.runtime.testing.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /mcp}, the endpoint for all running servers, with scripted MCP servers behind it: {@code
 * weather} (tools over two pages, a prompt, resources and a template), {@code notes} (one tool, one
 * resource) and {@code mute}, which started but never answers a list.
 */
@Timeout(60)
class GatewayAggregateTest {

    private static final String LONG_TOOL = "x".repeat(121); // "weather." + 121 = 129 characters

    @TempDir
    Path dir;

    private final ActivityLog log = new ActivityLog();
    private final FixedRoutes routes = new FixedRoutes();
    private final BlockingQueue<ObjectNode> toMute = new LinkedBlockingQueue<>();
    private ServerConnection weather;
    private ServerConnection notes;
    private ServerConnection mute;
    private Gateway gateway;
    private ClientTokens tokens;
    private String token;

    @BeforeEach
    void start() throws Exception {
        weather = scripted("weather", this::weather);
        notes = scripted("notes", this::notes);
        mute = scripted("mute", message -> {
            if (!"notifications/initialized".equals(JsonRpc.method(message))) {
                toMute.add(message);
            }
            return null;
        });
        routes.put("weather", new ServerState.Running(weather))
                .put("mute", new ServerState.Running(mute))
                .put("notes", new ServerState.Running(notes))
                .put("paused", new ServerState.Off());
        tokens = new ClientTokens(dir.resolve("client-tokens.json"));
        token = tokens.issue("claude-desktop");
        gateway = new Gateway(
                new GatewaySettings(
                        0,
                        GatewaySettings.DEFAULT_MAX_BODY_BYTES,
                        16,
                        Duration.ofSeconds(1),
                        GatewaySettings.DEFAULT_CALL_QUIET_LIMIT),
                routes,
                tokens,
                log);
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private ObjectNode weather(ObjectNode request) {
        String cursor = request.path("params").path("cursor").asString(null);
        return switch (JsonRpc.method(request)) {
            case "tools/list" ->
                cursor == null
                        ? json("{\"tools\":[" + tool("forecast") + "," + tool(LONG_TOOL) + "],\"nextCursor\":\"p2\"}")
                        : json("{\"tools\":[" + tool("alerts") + "]}");
            case "prompts/list" -> json("{\"prompts\":[{\"name\":\"daily\"}]}");
            case "resources/list" -> json("{\"resources\":[{\"uri\":\"weather://today\",\"name\":\"today\"}]}");
            case "resources/templates/list" ->
                json("{\"resourceTemplates\":[{\"uriTemplate\":\"weather://city/{name}\",\"name\":\"city\"}]}");
            default -> echo("weather", request);
        };
    }

    private ObjectNode notes(ObjectNode request) {
        return switch (JsonRpc.method(request)) {
            case "tools/list" -> json("{\"tools\":[" + tool("write") + "]}");
            case "resources/list" -> json("{\"resources\":[{\"uri\":\"notes://inbox\",\"name\":\"inbox\"}]}");
            case "prompts/list" -> json("{\"prompts\":[]}");
            case "resources/templates/list" -> json("{\"resourceTemplates\":[]}");
            default -> echo("notes", request);
        };
    }

    /** What a server answers to a call: which server, method and name or URI it saw. */
    private static ObjectNode echo(String server, ObjectNode request) {
        JsonNode params = request.path("params");
        String what = params.has("uri")
                ? params.path("uri").asString()
                : params.path("name").asString();
        ObjectNode result = JsonRpc.object();
        result.putArray("content")
                .addObject()
                .put("type", "text")
                .put("text", server + " " + JsonRpc.method(request) + " " + what);
        return result;
    }

    @Test
    void initializeIsAnsweredByTheGatewayForAllServers() throws Exception {
        var reply = RawHttp.send(gateway.port(), "POST", "/mcp", headers(null), initializeBody());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Mcp-Session-Id")).isNotBlank();
        JsonNode result = Json.mapper().readTree(reply.body()).path("result");
        assertThat(result.path("serverInfo").path("name").asString()).isEqualTo("airlock");
        assertThat(result.path("protocolVersion").asString()).isEqualTo("2025-06-18");
        for (String feature : List.of("tools", "prompts", "resources")) {
            assertThat(result.path("capabilities")
                            .path(feature)
                            .path("listChanged")
                            .asBoolean())
                    .as(feature)
                    .isTrue();
        }
        assertThat(result.path("capabilities").has("logging")).isFalse();
    }

    @Test
    void toolsOfEveryRunningServerAreListedWithTheirServersNameWhileASilentServerIsLeftOut() throws Exception {
        String session = initialize();

        JsonNode result = result(post(session, request(1, "tools/list", "{}")));

        assertThat(names(result.path("tools"))).containsExactly("weather.forecast", "weather.alerts", "notes.write");
        assertThat(result.has("nextCursor")).isFalse();
        assertThat(result.path("tools").get(0).path("description").asString()).isEqualTo("forecast, as scripted");
        // the mute server was asked, did not answer in time, and was told the gateway stopped waiting
        assertThat(toMute.poll(10, TimeUnit.SECONDS).path("method").asString()).isEqualTo("tools/list");
        assertThat(toMute.poll(10, TimeUnit.SECONDS).path("method").asString()).isEqualTo("notifications/cancelled");
    }

    @Test
    void aCallGoesToTheServerItsNameStartsWithUnderTheToolsOwnName() throws Exception {
        String session = initialize();

        JsonNode weatherAnswer = result(post(session, toolCall(7, "weather.forecast")));
        JsonNode notesAnswer = result(post(session, toolCall("n", "notes.write")));

        assertThat(text(weatherAnswer)).isEqualTo("weather tools/call forecast");
        assertThat(text(notesAnswer)).isEqualTo("notes tools/call write");
        List<ActivityView> calls = awaitCalls(3); // newest first, after initialize
        assertThat(calls.get(1).server()).isEqualTo("weather");
        assertThat(calls.get(1).target()).isEqualTo("forecast");
        assertThat(calls.get(0).server()).isEqualTo("notes");
        assertThat(calls.get(0).outcome()).isEqualTo("ok");
    }

    @Test
    void aCallToAnUnknownServerOrWithoutAServerIsAnsweredWithASentence() throws Exception {
        String session = initialize();

        JsonNode unknown = Json.mapper()
                .readTree(post(session, toolCall(2, "nowhere.forecast")).body());
        JsonNode bare =
                Json.mapper().readTree(post(session, toolCall(3, "forecast")).body());
        JsonNode off = Json.mapper()
                .readTree(post(session, toolCall(4, "paused.anything")).body());

        assertThat(unknown.path("id").asInt()).isEqualTo(2);
        assertThat(unknown.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(unknown.path("error").path("message").asString())
                .isEqualTo("There is no server named 'nowhere'. Run `airlock servers` to see the names.");
        assertThat(bare.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(bare.path("error").path("message").asString()).contains("{server}.{tool}");
        assertThat(off.path("error").path("code").asInt()).isEqualTo(JsonRpc.SERVER_UNAVAILABLE);
        assertThat(off.path("error").path("message").asString())
                .isEqualTo(
                        "The server 'paused' is turned off. Turn it on in Airlock (or with `airlock enable paused`).");
    }

    @Test
    void aServerTurnedOffIsAnnouncedOnTheStreamAndItsToolsAreGone() throws Exception {
        String session = initialize();
        var stream = openStream(session);
        var announced = stream.firstWith("notifications/tools/list_changed");

        routes.put("notes", new ServerState.Off());
        gateway.serversChanged();

        assertThat(announced.get(10, TimeUnit.SECONDS).has("id")).isFalse();
        assertThat(names(result(post(session, request(5, "tools/list", "{}"))).path("tools")))
                .containsExactly("weather.forecast", "weather.alerts");
        stream.close();
    }

    @Test
    void aServersOwnListChangeReachesTheStream() throws Exception {
        String session = initialize();
        var stream = openStream(session);
        var announced = stream.firstWith("notifications/prompts/list_changed");

        weather.onMessage("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/prompts/list_changed\"}"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(announced.get(10, TimeUnit.SECONDS).path("method").asString())
                .isEqualTo("notifications/prompts/list_changed");
        stream.close();
    }

    @Test
    void aServerStoppingFailsOnlyItsOwnCallsAndTheSessionGoesOn() throws Exception {
        String session = initialize();

        notes.onClosed("it was stopped");
        gateway.closeStaleSessions();
        JsonNode gone =
                Json.mapper().readTree(post(session, toolCall(8, "notes.write")).body());
        JsonNode stillThere = result(post(session, toolCall(9, "weather.alerts")));

        assertThat(gone.path("error").path("code").asInt()).isEqualTo(JsonRpc.SERVER_UNAVAILABLE);
        assertThat(gone.path("error").path("message").asString()).startsWith("The server 'notes' stopped");
        assertThat(text(stillThere)).isEqualTo("weather tools/call alerts");
    }

    @Test
    void promptsAreNamedAndRoutedLikeTools() throws Exception {
        String session = initialize();

        JsonNode listed = result(post(session, request(1, "prompts/list", "{}")));
        JsonNode got = result(post(session, request(2, "prompts/get", "{\"name\":\"weather.daily\"}")));

        assertThat(names(listed.path("prompts"))).containsExactly("weather.daily");
        assertThat(text(got)).isEqualTo("weather prompts/get daily");
    }

    @Test
    void resourcesKeepTheirUrisAndAReadGoesToTheServerThatListedIt() throws Exception {
        String session = initialize();

        // read before any list: the gateway gathers the lists to find the server
        JsonNode inbox = result(post(session, request(1, "resources/read", "{\"uri\":\"notes://inbox\"}")));
        JsonNode listed = result(post(session, request(2, "resources/list", "{}")));
        JsonNode templates = result(post(session, request(3, "resources/templates/list", "{}")));
        JsonNode city = result(post(session, request(4, "resources/read", "{\"uri\":\"weather://city/paris\"}")));
        JsonNode unknown = Json.mapper()
                .readTree(post(session, request(5, "resources/read", "{\"uri\":\"other://x\"}"))
                        .body());

        assertThat(text(inbox)).isEqualTo("notes resources/read notes://inbox");
        List<String> uris = new ArrayList<>();
        listed.path("resources").forEach(r -> uris.add(r.path("uri").asString()));
        assertThat(uris).containsExactly("weather://today", "notes://inbox");
        assertThat(names(listed.path("resources"))).containsExactly("weather.today", "notes.inbox");
        assertThat(templates
                        .path("resourceTemplates")
                        .get(0)
                        .path("uriTemplate")
                        .asString())
                .isEqualTo("weather://city/{name}");
        assertThat(text(city)).isEqualTo("weather resources/read weather://city/paris");
        assertThat(unknown.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
    }

    @Test
    void pingIsAnsweredAndOtherMethodsAreRefusedWithASentence() throws Exception {
        String session = initialize();

        JsonNode ping =
                Json.mapper().readTree(post(session, request(1, "ping", "{}")).body());
        JsonNode other = Json.mapper()
                .readTree(post(session, request(2, "logging/setLevel", "{\"level\":\"info\"}"))
                        .body());

        assertThat(ping.path("result").isObject()).isTrue();
        assertThat(other.path("error").path("code").asInt()).isEqualTo(JsonRpc.METHOD_NOT_FOUND);
        assertThat(other.path("error").path("message").asString()).contains("/mcp/{server}");
    }

    @Test
    void aSessionOfMcpBelongsToItsTokenAndItsAddress() throws Exception {
        String session = initialize();
        String other = tokens.issue("cursor");

        var elsewhere = RawHttp.send(
                gateway.port(),
                "POST",
                "/mcp/weather",
                headers(session),
                request(1, "ping", "{}").getBytes(StandardCharsets.UTF_8));
        var headers = headers(session);
        headers.put("Authorization", "Bearer " + other);
        var foreign = RawHttp.send(
                gateway.port(),
                "POST",
                "/mcp",
                headers,
                request(1, "ping", "{}").getBytes(StandardCharsets.UTF_8));

        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(foreign.status()).isEqualTo(404);
    }

    // --- scripted servers -------------------------------------------------------------------------------

    /**
     * A server whose answers come from {@code script} (null: never answer), on a thread of its own as
     * a container's reader would. It answers initialize with the tools, prompts and resources
     * capabilities. Its own notifications go to the gateway, as the engine passes them on.
     */
    private ServerConnection scripted(String name, Function<ObjectNode, ObjectNode> script) throws Exception {
        var connection = new CompletableFuture<ServerConnection>();
        var server = new ServerConnection(
                name,
                bytes -> {
                    ObjectNode message = (ObjectNode) Json.mapper().readTree(bytes);
                    Thread.ofVirtual().start(() -> {
                        ObjectNode result = "initialize".equals(JsonRpc.method(message))
                                ? json("{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{},"
                                        + "\"prompts\":{},\"resources\":{}},\"serverInfo\":{\"name\":\"" + name
                                        + "\",\"version\":\"1\"}}")
                                : script.apply(message);
                        if (message.has("id") && result != null) {
                            connection
                                    .join()
                                    .onMessage(
                                            Json.mapper().writeValueAsBytes(JsonRpc.result(message.get("id"), result)));
                        }
                    });
                    return true;
                },
                // as the engine does: a server's own notifications go to the gateway's sessions
                notification -> gateway.broadcast(connection.join(), notification));
        connection.complete(server);
        server.initialize(Duration.ofSeconds(10));
        return server;
    }

    private static String tool(String name) {
        return "{\"name\":\"" + name + "\",\"description\":\"" + name + ", as scripted\",\"inputSchema\":{"
                + "\"type\":\"object\"}}";
    }

    // --- the AI app's side ------------------------------------------------------------------------------

    /** The session's GET stream, read on a thread of its own. */
    private final class EventStream {
        private final HttpResponse<Stream<String>> response;
        private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

        EventStream(HttpResponse<Stream<String>> response) {
            this.response = response;
            Thread.ofVirtual()
                    .start(() -> response.body()
                            .filter(line -> line.startsWith("data: "))
                            .forEach(line -> events.add(Json.mapper().readTree(line.substring("data: ".length())))));
        }

        CompletableFuture<JsonNode> firstWith(String method) {
            return CompletableFuture.supplyAsync(() -> {
                while (true) {
                    try {
                        JsonNode event = events.take();
                        if (method.equals(event.path("method").asString(null))) {
                            return event;
                        }
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
        }

        void close() {
            response.body().close();
        }
    }

    private EventStream openStream(String session) throws Exception {
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/mcp"))
                                .header("Authorization", "Bearer " + token)
                                .header("Mcp-Session-Id", session)
                                .header("Accept", "text/event-stream")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        return new EventStream(response);
    }

    private String initialize() throws Exception {
        var reply = RawHttp.send(gateway.port(), "POST", "/mcp", headers(null), initializeBody());
        assertThat(reply.status()).isEqualTo(200);
        return reply.header("Mcp-Session-Id");
    }

    private static byte[] initializeBody() {
        return ("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"claude-ai\",\"version\":\"1.0\"}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String request(Object id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + Json.mapper().writeValueAsString(id) + ",\"method\":\"" + method
                + "\",\"params\":" + params + "}";
    }

    private static String toolCall(Object id, String tool) {
        return request(id, "tools/call", "{\"name\":\"" + tool + "\",\"arguments\":{}}");
    }

    private RawHttp.Reply post(String session, String body) throws Exception {
        return RawHttp.send(gateway.port(), "POST", "/mcp", headers(session), body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode result(RawHttp.Reply reply) {
        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = Json.mapper().readTree(reply.body());
        assertThat(body.has("error")).as(reply.body()).isFalse();
        return body.path("result");
    }

    private static String text(JsonNode result) {
        return result.path("content").get(0).path("text").asString();
    }

    private static List<String> names(JsonNode items) {
        List<String> names = new ArrayList<>();
        items.forEach(item -> names.add(item.path("name").asString()));
        return names;
    }

    private List<ActivityView> awaitCalls(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> log.recent(count + 1).size() >= count);
        return log.recent(count + 1);
    }

    private Map<String, String> headers(String session) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Host", "127.0.0.1:" + gateway.port());
        headers.put("Authorization", "Bearer " + token);
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
        if (session != null) {
            headers.put("Mcp-Session-Id", session);
        }
        return headers;
    }

    private static ObjectNode json(String text) {
        return (ObjectNode) Json.mapper().readTree(text);
    }
}
