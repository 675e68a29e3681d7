package dev.airlock.runtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.catalog.CatalogEntry;
import dev.airlock.runtime.catalog.PackageLaunch;
import dev.airlock.runtime.catalog.ServerPolicy;
import dev.airlock.runtime.control.ActivityView;
import dev.airlock.runtime.control.FindingView;
import dev.airlock.runtime.engine.AirlockEngine;
import dev.airlock.runtime.engine.EngineOptions;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.state.StateDirectory;
import dev.airlock.runtime.testing.RawHttp;
import dev.airlock.runtime.testing.TestCatalogs;
import dev.airlock.runtime.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Inspection through the real gateway, with server-everything in its container: secrets sent to a tool
 * and secrets a tool returns never reach the other side in redact mode, block mode stops the call before
 * the server runs it, personal data is recorded, and a secret hidden in a gzip+base64 resource is found.
 * Every assertion about what the AI app got is on the raw bytes of the HTTP answer.
 */
class GatewayInspectionIT {

    /** A realistic fake, made for this run: random, so no allow-list or test fixture knows it. */
    private static final String PLANTED_KEY = fakeAwsSecretKey();

    private static final String ARGUMENT_KEY = fakeAwsSecretKey();
    private static final String VALID_CARD = "4111 1111 1111 1111";
    private static final String INVALID_CARD = "4111 1111 1111 1112";

    private static Path stateDir;
    private static AirlockEngine engine;
    private static String token;
    private static int port;
    private static final AtomicInteger ids = new AtomicInteger(10);

    @BeforeAll
    static void startEngine() throws Exception {
        TestImages.ensureBuilt();
        stateDir = Files.createTempDirectory("airlock-inspection-it");
        engine = AirlockEngine.start(EngineOptions.of(
                new Catalog(List.of(
                        everything("everything", ServerPolicy.Inspection.DEFAULT),
                        everything("everything-block", new ServerPolicy.Inspection("block", null)),
                        everything("everything-warn", new ServerPolicy.Inspection("warn", null)))),
                StateDirectory.at(stateDir).create(),
                0,
                System.getenv()));
        for (String server : List.of("everything", "everything-block", "everything-warn")) {
            assertThat(engine.enable(server).state()).isEqualTo("running");
        }
        token = engine.issueClientToken("inspection-it").bearerToken();
        port = engine.gateway().port();
    }

    @AfterAll
    static void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    /** server-everything with a secret planted in its environment, which its get-env tool returns. */
    private static CatalogEntry everything(String shortName, ServerPolicy.Inspection inspection) {
        var policy = new ServerPolicy(
                List.of(),
                ServerPolicy.Permissions.NONE,
                ServerPolicy.Resources.DEFAULT,
                ServerPolicy.Tools.ALL,
                inspection,
                ServerPolicy.Image.DEFAULT,
                ServerPolicy.Identity.ACCESS_TOKEN);
        CatalogEntry plain = TestCatalogs.oci(
                "io.github.modelcontextprotocol/" + shortName, shortName, TestImages.EVERYTHING, policy);
        PackageLaunch launch = plain.launch().orElseThrow();
        var withSecret = new PackageLaunch(
                launch.type(),
                launch.identifier(),
                launch.version(),
                launch.runtimeArguments(),
                launch.packageArguments(),
                List.of(new PackageLaunch.EnvironmentVariable(
                        "AWS_SECRET_ACCESS_KEY", "planted by the test", false, false, PLANTED_KEY)));
        return new CatalogEntry(
                plain.name(),
                plain.shortName(),
                plain.title(),
                plain.description(),
                plain.version(),
                Optional.of(withSecret),
                plain.remotes(),
                plain.policy(),
                plain.publisher(),
                plain.availability());
    }

    @Test
    void redactModeKeepsASecretKeyFromTheServerAndThePlantedKeyFromTheApp() throws Exception {
        String session = initialize("everything");

        RawHttp.Reply echo =
                call("everything", session, "tools/call", echoParams("aws_secret_access_key = " + ARGUMENT_KEY));
        assertThat(echo.status()).isEqualTo(200);
        assertThat(echo.body()).doesNotContain(ARGUMENT_KEY).contains("[REDACTED:aws-secret-access-key]");
        // the server echoes what it got: the redacted text, so the key never reached it
        assertThat(resultText(echo)).startsWith("Echo: aws_secret_access_key = [REDACTED:aws-secret-access-key]");
        ActivityView echoed = lastCall("everything", "echo");
        assertThat(echoed.request()).doesNotContain(ARGUMENT_KEY);
        assertThat(echoed.findings())
                .extracting(FindingView::rule, FindingView::direction, FindingView::action, FindingView::location)
                .contains(tuple("aws-secret-access-key", "to-server", "redact", "/arguments/message"));

        RawHttp.Reply env = call("everything", session, "tools/call", "{\"name\":\"get-env\",\"arguments\":{}}");
        assertThat(env.status()).isEqualTo(200);
        assertThat(env.body()).doesNotContain(PLANTED_KEY).contains("[REDACTED:aws-secret-access-key]");
        assertThat(resultText(env)).contains("AWS_SECRET_ACCESS_KEY");
        ActivityView listed = lastCall("everything", "get-env");
        assertThat(listed.outcome()).isEqualTo("ok");
        assertThat(listed.response()).doesNotContain(PLANTED_KEY);
        FindingView found = listed.findings().stream()
                .filter(f -> f.rule().equals("aws-secret-access-key"))
                .findFirst()
                .orElseThrow();
        assertThat(found.direction()).isEqualTo("to-app");
        assertThat(found.category()).isEqualTo("secret");
        assertThat(found.location()).isEqualTo("/content/0/text");
        assertThat(found.description()).isEqualTo("AWS secret access key");
    }

    @Test
    void blockModeAnswersWithAnErrorAndTheServerNeverRunsTheCall() throws Exception {
        String session = initialize("everything-block");

        String probe = "blocked-probe.gz";
        RawHttp.Reply blocked = call(
                "everything-block",
                session,
                "tools/call",
                gzipParams(probe, "resourceLink", "aws_secret_access_key=" + ARGUMENT_KEY));
        assertThat(blocked.status()).isEqualTo(200);
        assertThat(blocked.body()).doesNotContain(ARGUMENT_KEY);
        JsonNode error = Json.mapper().readTree(blocked.body()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(CallInspection.BLOCKED);
        assertThat(error.path("message").asString())
                .isEqualTo("Airlock blocked this call: the arguments contain what looks like an AWS secret access key."
                        + " Your company's policy does not allow sending secrets to this tool.");
        assertThat(error.path("data").path("findings").get(0).path("location").asString())
                .isEqualTo("/arguments/data");

        // had the server run the tool, it would serve the gzipped file as a session resource now
        RawHttp.Reply read = call(
                "everything-block", session, "resources/read", "{\"uri\":\"demo://resource/session/" + probe + "\"}");
        assertThat(Json.mapper().readTree(read.body()).has("error")).isTrue();
        RawHttp.Reply list = call("everything-block", session, "resources/list", "{}");
        assertThat(list.body()).doesNotContain(probe);

        ActivityView record = lastCall("everything-block", "gzip-file-as-resource");
        assertThat(record.outcome()).isEqualTo("blocked");
        assertThat(record.request()).doesNotContain(ARGUMENT_KEY);
        assertThat(record.findings()).extracting(FindingView::action).containsOnly("block");

        // the planted key coming back is blocked too, and the session goes on
        RawHttp.Reply env = call("everything-block", session, "tools/call", "{\"name\":\"get-env\",\"arguments\":{}}");
        assertThat(env.body()).doesNotContain(PLANTED_KEY);
        assertThat(Json.mapper()
                        .readTree(env.body())
                        .path("error")
                        .path("message")
                        .asString())
                .startsWith("Airlock blocked this answer: what the server returned contains what looks like an AWS"
                        + " secret access key.");
        assertThat(resultText(call("everything-block", session, "tools/call", echoParams("still here"))))
                .isEqualTo("Echo: still here");
    }

    @Test
    void aCardNumberWithAValidCheckDigitIsWarnedAndForwardedAndAnInvalidOneIsNot() throws Exception {
        String session = initialize("everything");

        RawHttp.Reply valid = call("everything", session, "tools/call", echoParams("card " + VALID_CARD));
        assertThat(resultText(valid)).isEqualTo("Echo: card " + VALID_CARD);
        ActivityView warned = lastCall("everything", "echo");
        assertThat(warned.outcome()).isEqualTo("ok");
        assertThat(warned.findings())
                .filteredOn(f -> f.rule().equals("card-visa"))
                .extracting(FindingView::direction, FindingView::action, FindingView::category)
                .containsExactlyInAnyOrder(
                        tuple("to-server", "warn", "personal-data"), tuple("to-app", "warn", "personal-data"));
        // the record keeps nothing it found, even what the policy let through
        assertThat(warned.request()).doesNotContain(VALID_CARD);

        RawHttp.Reply invalid = call("everything", session, "tools/call", echoParams("card " + INVALID_CARD));
        assertThat(resultText(invalid)).isEqualTo("Echo: card " + INVALID_CARD);
        assertThat(lastCall("everything", "echo").findings())
                .noneMatch(f -> f.rule().startsWith("card-"));
    }

    @Test
    void aSecretInsideAGzipAndBase64ResourceIsFound() throws Exception {
        String session = initialize("everything-warn");
        String text = "deploy notes\naws_secret_access_key=" + ARGUMENT_KEY + "\n";

        RawHttp.Reply embedded =
                call("everything-warn", session, "tools/call", gzipParams("notes.gz", "resource", text));
        JsonNode resource = Json.mapper()
                .readTree(embedded.body())
                .path("result")
                .path("content")
                .get(0)
                .path("resource");
        assertThat(resource.path("mimeType").asString()).isEqualTo("application/gzip");
        assertThat(resource.path("blob").asString()).isNotBlank(); // warn: delivered as it is
        assertThat(lastCall("everything-warn", "gzip-file-as-resource").findings())
                .extracting(FindingView::rule, FindingView::direction, FindingView::location)
                .contains(tuple("aws-secret-access-key", "to-app", "/content/0/resource/blob"));

        call("everything-warn", session, "tools/call", gzipParams("linked.gz", "resourceLink", text));
        RawHttp.Reply read =
                call("everything-warn", session, "resources/read", "{\"uri\":\"demo://resource/session/linked.gz\"}");
        assertThat(Json.mapper()
                        .readTree(read.body())
                        .path("result")
                        .path("contents")
                        .get(0)
                        .has("blob"))
                .isTrue();
        assertThat(lastCall("everything-warn", "demo://resource/session/linked.gz")
                        .findings())
                .extracting(FindingView::rule, FindingView::direction, FindingView::location)
                .contains(tuple("aws-secret-access-key", "to-app", "/contents/0/blob"))
                .allMatch(finding -> finding.toList().get(1).equals("to-app"));
    }

    // --- helpers ------------------------------------------------------------------------------------

    /** 40 characters of the AWS secret key alphabet, as real ones look; never the documentation example. */
    private static String fakeAwsSecretKey() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+";
        var random = new SecureRandom();
        var key = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            key.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return key.toString();
    }

    private static String echoParams(String message) {
        return "{\"name\":\"echo\",\"arguments\":{\"message\":" + quoted(message) + "}}";
    }

    private static String gzipParams(String name, String outputType, String content) {
        return "{\"name\":\"gzip-file-as-resource\",\"arguments\":{\"name\":" + quoted(name) + ",\"outputType\":"
                + quoted(outputType) + ",\"data\":" + quoted("data:text/plain," + content.replace("\n", "%0A"))
                + "}}";
    }

    private static String quoted(String text) {
        return Json.mapper().writeValueAsString(text);
    }

    private static String resultText(RawHttp.Reply reply) {
        return Json.mapper()
                .readTree(reply.body())
                .path("result")
                .path("content")
                .get(0)
                .path("text")
                .asString();
    }

    /** The newest record of a call to this tool or resource; it is written before the answer leaves. */
    private static ActivityView lastCall(String server, String target) {
        return engine.activityFeed().recent(100).stream()
                .filter(call -> server.equals(call.server()) && target.equals(call.target()))
                .findFirst()
                .orElseThrow();
    }

    private static String initialize(String server) throws Exception {
        RawHttp.Reply reply = post(
                server,
                null,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                        + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw-test\",\"version\":\"1\"}}}");
        assertThat(reply.status()).isEqualTo(200);
        return reply.header("Mcp-Session-Id");
    }

    private static RawHttp.Reply call(String server, String session, String method, String params) throws Exception {
        return post(
                server,
                session,
                "{\"jsonrpc\":\"2.0\",\"id\":" + ids.incrementAndGet() + ",\"method\":\"" + method + "\",\"params\":"
                        + params + "}");
    }

    private static RawHttp.Reply post(String server, String session, String body) throws Exception {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Host", "127.0.0.1:" + port);
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        headers.put("Authorization", "Bearer " + token);
        if (session != null) {
            headers.put("Mcp-Session-Id", session);
            headers.put("MCP-Protocol-Version", "2025-06-18");
        }
        return RawHttp.send(port, "POST", "/mcp/" + server, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
