package dev.airlock.runtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.engine.AirlockEngine;
import dev.airlock.runtime.engine.EngineOptions;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.state.StateDirectory;
import dev.airlock.runtime.testing.RawHttp;
import dev.airlock.runtime.testing.TestCatalogs;
import dev.airlock.runtime.testing.TestImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Server messages that are not a plain reply: progress on a POST's SSE answer, and the GET stream. */
class GatewayStreamingIT {

    private static AirlockEngine engine;
    private static String token;
    private static int port;

    @BeforeAll
    static void startEngine() throws Exception {
        TestImages.ensureBuilt();
        engine = AirlockEngine.start(EngineOptions.of(
                new Catalog(List.of(TestCatalogs.everything())),
                StateDirectory.at(Files.createTempDirectory("airlock-streaming-it"))
                        .create(),
                0,
                System.getenv()));
        assertThat(engine.enable("everything").state()).isEqualTo("running");
        token = engine.issueClientToken("streaming-it").bearerToken();
        port = engine.gateway().port();
    }

    @AfterAll
    static void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void progressArrivesAsSseOnlyInTheSessionThatAskedForItEvenWithTheSameToken() throws Exception {
        String first = initialize();
        String second = initialize();
        // both sessions pick the same progress token and the same request id: the gateway must keep them apart
        var firstCall = CompletableFuture.supplyAsync(() -> longOperation(first));
        var secondCall = CompletableFuture.supplyAsync(() -> longOperation(second));

        for (RawHttp.Reply reply : List.of(firstCall.get(60, TimeUnit.SECONDS), secondCall.get(60, TimeUnit.SECONDS))) {
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("Content-Type")).startsWith("text/event-stream");
            List<JsonNode> events = events(reply.body());
            List<JsonNode> progress = events.stream()
                    .filter(e ->
                            "notifications/progress".equals(e.path("method").asString(null)))
                    .toList();
            // three steps: exactly this session's three progress reports, with its own token, then the result
            assertThat(progress).hasSize(3);
            assertThat(progress)
                    .allSatisfy(p -> assertThat(
                                    p.path("params").path("progressToken").asString())
                            .isEqualTo("same-token"));
            assertThat(progress)
                    .extracting(p -> p.path("params").path("progress").asInt())
                    .containsExactly(1, 2, 3);
            JsonNode last = events.getLast();
            assertThat(last.path("id").asInt()).isEqualTo(7);
            assertThat(last.path("result").path("content").get(0).path("text").asString())
                    .contains("Long running operation completed");
        }
    }

    @Test
    void getStreamCarriesTheServersOwnNotifications() throws Exception {
        String session = initialize();
        var http = HttpClient.newHttpClient();
        HttpResponse<Stream<String>> stream = http.send(
                HttpRequest.newBuilder(URI.create(engine.gateway().serverUrl("everything")))
                        .header("Authorization", "Bearer " + token)
                        .header("Mcp-Session-Id", session)
                        .header("Accept", "text/event-stream")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream");

        var received = CompletableFuture.supplyAsync(() -> stream.body()
                .filter(line -> line.startsWith("data: "))
                .map(line -> Json.mapper().readTree(line.substring("data: ".length())))
                .filter(message ->
                        "notifications/message".equals(message.path("method").asString(null)))
                .findFirst()
                .orElseThrow());
        // the reference server then logs every 5 seconds, on its own, not in reply to anything
        var reply = post(session, request(8, "logging/setLevel", "{\"level\":\"debug\"}"));
        assertThat(reply.status()).isEqualTo(200);
        reply = post(session, request(9, "tools/call", "{\"name\":\"toggle-simulated-logging\",\"arguments\":{}}"));
        assertThat(reply.status()).isEqualTo(200);

        JsonNode log = received.get(30, TimeUnit.SECONDS);
        assertThat(log.path("params").path("level").asString()).isNotBlank();
        assertThat(log.has("id")).isFalse();
        stream.body().close();
    }

    @Test
    void aSecondGetStreamOnOneSessionIsRefused() throws Exception {
        String session = initialize();
        var http = HttpClient.newHttpClient();
        var request = HttpRequest.newBuilder(URI.create(engine.gateway().serverUrl("everything")))
                .header("Authorization", "Bearer " + token)
                .header("Mcp-Session-Id", session)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        HttpResponse<Stream<String>> first = http.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(first.statusCode()).isEqualTo(200);

        HttpResponse<String> second = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(second.statusCode()).isEqualTo(409);
        first.body().close();
    }

    private static RawHttp.Reply longOperation(String session) {
        try {
            return post(
                    session,
                    "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{"
                            + "\"name\":\"trigger-long-running-operation\",\"arguments\":{\"duration\":1,\"steps\":3},"
                            + "\"_meta\":{\"progressToken\":\"same-token\"}}}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> events(String body) {
        var events = new ArrayList<JsonNode>();
        for (String line : body.split("\n")) {
            if (line.startsWith("data: ")) {
                events.add(Json.mapper().readTree(line.substring("data: ".length())));
            }
        }
        return events;
    }

    private static String request(int id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
    }

    private static String initialize() throws Exception {
        var reply = post(
                null,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"streaming-test\",\"version\":\"1\"}}}");
        assertThat(reply.status()).isEqualTo(200);
        return reply.header("Mcp-Session-Id");
    }

    private static RawHttp.Reply post(String session, String body) throws Exception {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Host", "127.0.0.1:" + port);
        headers.put("Authorization", "Bearer " + token);
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
        if (session != null) {
            headers.put("Mcp-Session-Id", session);
        }
        return RawHttp.send(
                port, "POST", "/mcp/everything", Map.copyOf(headers), body.getBytes(StandardCharsets.UTF_8));
    }
}
