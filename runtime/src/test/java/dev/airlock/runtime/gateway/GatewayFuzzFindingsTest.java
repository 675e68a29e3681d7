package dev.airlock.runtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.activity.ActivityLog;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import dev.airlock.runtime.server.ServerState;
import dev.airlock.runtime.testing.RawHttp;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * What fuzzing the gateway's HTTP front found (ADR 0019), one regression test each, in plain words.
 * The fuzzers' inputs that found them are in the seed corpora too.
 */
@Timeout(60)
class GatewayFuzzFindingsTest {

    @TempDir
    Path dir;

    private Gateway gateway;
    private String token;

    @BeforeEach
    void start() throws Exception {
        var tokens = new ClientTokens(dir.resolve("client-tokens.json"));
        token = tokens.issue("claude-desktop");
        var weather = new ScriptedServer("weather").started();
        gateway = new Gateway(
                GatewaySettings.onPort(0),
                new FixedRoutes().put("weather", new ServerState.Running(weather.connection())),
                tokens,
                new ActivityLog());
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    /** Jetty refused /mcp//weather (an empty path segment) itself, with an HTML page. */
    @Test
    void aPathJettyRefusesGetsAJsonRpcErrorNotAnHtmlPage() throws Exception {
        RawHttp.Reply reply = RawHttp.send(gateway.port(), "POST", "/mcp//weather", headers(), initialize());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        JsonNode body = Json.mapper().readTree(reply.body());
        assertThat(body.path("jsonrpc").asString()).isEqualTo("2.0");
        assertThat(body.has("id")).isTrue();
        assertThat(body.path("id").isNull()).isTrue();
        assertThat(body.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_REQUEST);
        assertThat(body.path("error").path("message").asString())
                .startsWith("The gateway could not accept this HTTP request (400: ")
                .contains("Check the address");
    }

    /** Headers over Jetty's limit are refused while the request is still being read. */
    @Test
    void headersTooLargeGetAJsonRpcError() throws Exception {
        Map<String, String> headers = headers();
        headers.put("X-Padding", "x".repeat(20_000));

        RawHttp.Reply reply = RawHttp.send(gateway.port(), "POST", "/mcp/weather", headers, initialize());

        assertThat(reply.status()).isEqualTo(431);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        JsonNode body = Json.mapper().readTree(reply.body());
        assertThat(body.path("error").path("code").asInt()).isEqualTo(JsonRpc.LIMIT_EXCEEDED);
    }

    /**
     * DELETE ended the session, but its open GET stream went on until its next keep-alive, up to 15
     * seconds later: the wire fuzzer waited on it. The stream now ends with its session.
     */
    @Test
    void deleteEndsTheSessionsOpenStreamAtOnce() throws Exception {
        RawHttp.Reply opened = RawHttp.send(gateway.port(), "POST", "/mcp/weather", headers(), initialize());
        String session = opened.header("Mcp-Session-Id");
        try (Socket stream = new Socket("127.0.0.1", gateway.port())) {
            stream.getOutputStream()
                    .write(("GET /mcp/weather HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
                                    + "Accept: text/event-stream\r\nMcp-Session-Id: %s\r\nConnection: close\r\n\r\n")
                            .formatted(token, session)
                            .getBytes(StandardCharsets.US_ASCII));
            InputStream in = stream.getInputStream();
            var seen = new StringBuilder();
            while (!seen.toString().contains(": stream open")) {
                seen.append((char) in.read());
            }
            Map<String, String> delete = headers();
            delete.put("Mcp-Session-Id", session);

            assertThat(RawHttp.send(gateway.port(), "DELETE", "/mcp/weather", delete, null)
                            .status())
                    .isEqualTo(204);

            // well before the stream's 15-second keep-alive, which used to be what ended it
            stream.setSoTimeout(10_000);
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).doesNotContain("event:");
        }
    }

    private Map<String, String> headers() {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Host", "127.0.0.1:" + gateway.port());
        headers.put("Authorization", "Bearer " + token);
        headers.put("Content-Type", "application/json");
        return headers;
    }

    private static byte[] initialize() {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\"}}"
                .getBytes(StandardCharsets.UTF_8);
    }
}
