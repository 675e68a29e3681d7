package dev.airlock.runtime.gateway.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.runtime.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The contract's judgements themselves: what a correct client run looks like passes, and each way a
 * gateway could get it subtly wrong fails. ContractIT relies on these checks to fail when they should.
 */
class ScenarioTest {

    private static final Target STDIO = Target.stdio();
    private static final Target AGGREGATE = Target.aggregate();

    @Test
    void anEchoComesBackOnlyWhenByteExact() {
        String exact = "Echo: " + Scenario.UNICODE;
        assertThatCode(() -> Scenario.ECHO_UNICODE.check(STDIO, ok(result(exact))))
                .doesNotThrowAnyException();

        // one character lost (the emoji's low surrogate), or a trailing space added
        String damaged = exact.replace("🚀", "\uD83D");
        assertThatThrownBy(() -> Scenario.ECHO_UNICODE.check(STDIO, ok(result(damaged))))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> Scenario.ECHO_1KB.check(STDIO, ok(result("Echo: " + Scenario.ONE_KB + " "))))
                .isInstanceOf(AssertionError.class);
        assertThat(Scenario.ONE_KB.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isBetween(1_000, 1_200);
    }

    @Test
    void anUnknownToolMustBeReportedAsAnErrorNamingIt() {
        assertThatCode(() -> Scenario.UNKNOWN_TOOL.check(
                        STDIO, ok(json("{\"error\":{\"code\":-32602,\"message\":\"Tool no-such-tool not found\"}}"))))
                .doesNotThrowAnyException();
        assertThatCode(() -> Scenario.UNKNOWN_TOOL.check(
                        STDIO,
                        ok(json("{\"result\":{\"isError\":true,\"content\":[{\"type\":\"text\","
                                + "\"text\":\"MCP error -32602: Tool no-such-tool not found\"}]}}"))))
                .doesNotThrowAnyException();

        // a successful result is not an error, and an error about something else is not this one
        assertThatThrownBy(() -> Scenario.UNKNOWN_TOOL.check(STDIO, ok(result("no-such-tool"))))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> Scenario.UNKNOWN_TOOL.check(
                        STDIO, ok(json("{\"error\":{\"code\":-32603,\"message\":\"internal error\"}}"))))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void namesCarryTheTargetsPrefix() {
        String stdioList = "{\"tools\":[" + echoTool("echo") + "," + structuredTool("get-structured-content") + "]}";
        String aggregateList = "{\"tools\":[" + echoTool("everything.echo") + ","
                + structuredTool("everything.get-structured-content") + "]}";
        assertThatCode(() -> Scenario.TOOLS_LIST.check(STDIO, ok(json(stdioList))))
                .doesNotThrowAnyException();
        assertThatCode(() -> Scenario.TOOLS_LIST.check(AGGREGATE, ok(json(aggregateList))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Scenario.TOOLS_LIST.check(AGGREGATE, ok(json(stdioList))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("everything.echo is not listed");
        assertThat(Scenario.ECHO_UNICODE.params(AGGREGATE).path("name").asString())
                .isEqualTo("everything.echo");
    }

    @Test
    void initializeMustReportTheTargetsServerAndCapabilities() {
        String server = "{\"serverInfo\":{\"name\":\"mcp-servers/everything\",\"version\":\"2.0.0\"},"
                + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"tools\":{},\"prompts\":{},"
                + "\"resources\":{},\"logging\":{},\"completions\":{}}}";
        assertThatCode(() -> Scenario.INITIALIZE.check(STDIO, ok(json(server)))).doesNotThrowAnyException();
        // /mcp answers as airlock, without logging
        assertThatThrownBy(() -> Scenario.INITIALIZE.check(AGGREGATE, ok(json(server))))
                .isInstanceOf(AssertionError.class);
        String aggregate = server.replace("mcp-servers/everything", "airlock");
        assertThatThrownBy(() -> Scenario.INITIALIZE.check(AGGREGATE, ok(json(aggregate))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("logging");
    }

    @Test
    void progressMustArriveInFullAndACancelledCallMustNotComplete() {
        String done = "Long running operation completed. Duration: 1 seconds, Steps: 3.";
        String steps = "[{\"progress\":1,\"total\":3},{\"progress\":2,\"total\":3},{\"progress\":3,\"total\":3}]";
        assertThatCode(() -> Scenario.PROGRESS.check(
                        STDIO, ok(json("{\"progress\":" + steps + ",\"result\":" + resultJson(done) + "}"))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Scenario.PROGRESS.check(
                        STDIO,
                        ok(json("{\"progress\":[{\"progress\":1,\"total\":3}],\"result\":" + resultJson(done) + "}"))))
                .isInstanceOf(AssertionError.class);

        String after = resultJson("Echo: " + Scenario.AFTER_CANCEL);
        assertThatCode(() -> Scenario.CANCEL.check(
                        STDIO,
                        ok(json("{\"progress\":[{\"progress\":1,\"total\":60}],"
                                + "\"cancelled\":{\"error\":{\"message\":\"aborted\"}},\"after\":" + after + "}"))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Scenario.CANCEL.check(
                        STDIO,
                        ok(json("{\"progress\":[{\"progress\":1,\"total\":60}]," + "\"cancelled\":{\"completed\":"
                                + resultJson("done") + "},\"after\":" + after + "}"))))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aClientThatRaisedAnErrorFailsEveryScenario() {
        var failed = new Outcome(false, null, json("{\"message\":\"connection refused\"}"));
        assertThatThrownBy(() -> Scenario.PING.check(STDIO, failed))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("connection refused");
    }

    @Test
    void theCommandLineIsAsciiAndMeansTheSameJson() {
        String line = Scenario.ECHO_UNICODE.commandLine(STDIO);
        assertThat(line).matches("\\p{ASCII}*");
        JsonNode parsed = Json.mapper().readTree(line);
        assertThat(parsed.path("params").path("arguments").path("message").asString())
                .isEqualTo(Scenario.UNICODE);
    }

    private static Outcome ok(JsonNode observation) {
        return new Outcome(true, observation, null);
    }

    private static JsonNode result(String text) {
        return json("{\"result\":" + resultJson(text) + "}");
    }

    private static String resultJson(String text) {
        var result = Json.mapper().createObjectNode();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        return Json.mapper().writeValueAsString(result);
    }

    private static String echoTool(String name) {
        return "{\"name\":\"" + name + "\",\"inputSchema\":{\"type\":\"object\","
                + "\"properties\":{\"message\":{\"type\":\"string\"}},\"required\":[\"message\"]}}";
    }

    private static String structuredTool(String name) {
        return "{\"name\":\"" + name + "\",\"inputSchema\":{\"type\":\"object\"},\"outputSchema\":{\"type\":\"object\","
                + "\"properties\":{\"temperature\":{},\"conditions\":{},\"humidity\":{}}}}";
    }

    private static JsonNode json(String text) {
        return Json.mapper().readTree(text);
    }
}
