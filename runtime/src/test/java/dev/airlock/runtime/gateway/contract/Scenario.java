package dev.airlock.runtime.gateway.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One round trip through the gateway that every client must get right, with its input and the one
 * place where what a client saw is judged. The {@link #kind} is what a client does (the kinds of
 * dev/clients/ts-sdk-client.mjs); {@link #params} is what it does it with, for a target.
 */
enum Scenario {
    INITIALIZE("initialize", "initialize"),
    TOOLS_LIST("tools-list", "tools-list"),
    ECHO_UNICODE("echo-unicode", "call"),
    ECHO_1KB("echo-1kb", "call"),
    STRUCTURED_CONTENT("structured-content", "call"),
    UNKNOWN_TOOL("unknown-tool", "call"),
    PROMPTS("prompts", "prompts"),
    RESOURCES("resources", "resources"),
    PING("ping", "ping"),
    PROGRESS("progress", "progress"),
    CANCEL("cancel", "cancel");

    /**
     * Characters that break naive encoders: accents, CJK, Cyrillic, an emoji and a musical symbol
     * outside the BMP (surrogate pairs in UTF-16 and JSON escapes), a right-to-left mark, quotes, a
     * backslash, a newline and a tab.
     */
    static final String UNICODE = "Grüße, 世界! Привет мир 🚀 𝄞 \u200f עברית \"quoted\" back\\slash\nnew line\ttab";

    /** About 1 KB of text, ASCII and multi-byte characters mixed, numbered so that a lost piece shows. */
    static final String ONE_KB = oneKilobyte();

    static final String UNKNOWN = "no-such-tool";
    static final String RESOURCE = "demo://resource/static/document/features.md";
    static final String AFTER_CANCEL = "still usable after the cancel";

    private final String id;
    private final String kind;

    Scenario(String id, String kind) {
        this.id = id;
        this.kind = kind;
    }

    String id() {
        return id;
    }

    String kind() {
        return kind;
    }

    /** What the client does the scenario with, at this target. */
    ObjectNode params(Target target) {
        ObjectNode params = Json.mapper().createObjectNode();
        switch (this) {
            case ECHO_UNICODE -> call(params, target.named("echo"), Map.of("message", UNICODE));
            case ECHO_1KB -> call(params, target.named("echo"), Map.of("message", ONE_KB));
            case STRUCTURED_CONTENT ->
                call(params, target.named("get-structured-content"), Map.of("location", "Chicago"));
            case UNKNOWN_TOOL -> call(params, target.named(UNKNOWN), Map.of());
            case PROMPTS -> params.put("name", target.named("simple-prompt"));
            case RESOURCES -> params.put("uri", RESOURCE);
            case PROGRESS ->
                call(params, target.named("trigger-long-running-operation"), Map.of("duration", 1, "steps", 3));
            case CANCEL -> {
                // long enough that the cancel always comes first; a progress a second shows it started
                call(params, target.named("trigger-long-running-operation"), Map.of("duration", 60, "steps", 60));
                call(params.putObject("after"), target.named("echo"), Map.of("message", AFTER_CANCEL));
            }
            default -> {}
        }
        return params;
    }

    /** The scenario as the TypeScript client's command line names it: JSON, non-ASCII escaped. */
    String commandLine(Target target) {
        ObjectNode scenario = Json.mapper().createObjectNode();
        scenario.put("id", id);
        scenario.put("kind", kind);
        scenario.set("params", params(target));
        return Ascii.json(scenario);
    }

    /** Judges what a client saw; the same for every client. */
    void check(Target target, Outcome outcome) {
        assertThat(outcome.ok())
                .as("the client raised an error of its own: %s", outcome.error())
                .isTrue();
        JsonNode seen = outcome.observation();
        switch (this) {
            case INITIALIZE -> {
                assertThat(seen.path("serverInfo").path("name").asString(null)).isEqualTo(target.serverName());
                assertThat(seen.path("serverInfo").path("version").asString(""))
                        .as("serverInfo.version")
                        .isNotBlank();
                List<String> capabilities = propertyNames(seen.path("capabilities"));
                assertThat(capabilities).containsAll(target.capabilities());
                target.absentCapabilities()
                        .forEach(absent -> assertThat(capabilities).doesNotContain(absent));
                assertThat(seen.path("protocolVersion").asString(null)).isIn("2025-06-18", "2025-11-25", "2026-07-28");
            }
            case TOOLS_LIST -> {
                JsonNode echo = named(seen.path("tools"), target.named("echo"));
                JsonNode schema = echo.path("inputSchema");
                assertThat(schema.path("type").asString(null)).isEqualTo("object");
                assertThat(schema.path("properties")
                                .path("message")
                                .path("type")
                                .asString(null))
                        .isEqualTo("string");
                assertThat(values(schema.path("required"))).containsExactly("message");
                JsonNode structured = named(seen.path("tools"), target.named("get-structured-content"));
                assertThat(propertyNames(structured.path("outputSchema").path("properties")))
                        .contains("temperature", "conditions", "humidity");
            }
            case ECHO_UNICODE -> assertThat(text(seen.path("result"))).isEqualTo("Echo: " + UNICODE);
            case ECHO_1KB -> assertThat(text(seen.path("result"))).isEqualTo("Echo: " + ONE_KB);
            case STRUCTURED_CONTENT -> {
                JsonNode expected = Json.mapper()
                        .readTree("{\"temperature\":36,\"conditions\":\"Light rain / drizzle\",\"humidity\":82}");
                assertThat(seen.path("result").path("structuredContent")).isEqualTo(expected);
                assertThat(Json.mapper().readTree(text(seen.path("result")))).isEqualTo(expected);
            }
            case UNKNOWN_TOOL -> {
                // as the client reports it: a JSON-RPC error it raises, or a result marked isError
                String reported = seen.has("error")
                        ? seen.path("error").path("message").asString("")
                        : seen.path("result").path("isError").asBoolean(false) ? text(seen.path("result")) : null;
                assertThat(reported)
                        .as("an error naming the unknown tool, not %s", seen)
                        .isNotNull()
                        .contains(UNKNOWN);
            }
            case PROMPTS -> {
                named(seen.path("prompts"), target.named("simple-prompt"));
                JsonNode message = seen.path("get").path("messages").path(0);
                assertThat(message.path("role").asString(null)).isEqualTo("user");
                assertThat(message.path("content").path("text").asString(null))
                        .isEqualTo("This is a simple prompt without arguments.");
            }
            case RESOURCES -> {
                JsonNode listed = null;
                for (JsonNode resource : seen.path("resources")) {
                    if (RESOURCE.equals(resource.path("uri").asString(null))) {
                        listed = resource;
                    }
                }
                assertThat(listed)
                        .as("%s in %s", RESOURCE, seen.path("resources"))
                        .isNotNull();
                assertThat(listed.path("name").asString(null)).isEqualTo(target.named("features.md"));
                assertThat(listed.path("mimeType").asString(null)).isEqualTo("text/markdown");
                JsonNode contents = seen.path("read").path("contents");
                assertThat(contents.size()).isEqualTo(1);
                assertThat(contents.path(0).path("uri").asString(null)).isEqualTo(RESOURCE);
                assertThat(contents.path(0).path("mimeType").asString(null)).isEqualTo("text/markdown");
                assertThat(contents.path(0).path("text").asString("")).startsWith("# Everything Server - Features");
            }
            case PING ->
                assertThat(seen.path("result").isObject())
                        .as("ping's empty result")
                        .isTrue();
            case PROGRESS -> {
                List<String> progress = new ArrayList<>();
                for (JsonNode step : seen.path("progress")) {
                    progress.add(step.path("progress").asInt() + "/"
                            + step.path("total").asInt());
                }
                assertThat(progress).containsExactly("1/3", "2/3", "3/3");
                assertThat(text(seen.path("result")))
                        .isEqualTo("Long running operation completed. Duration: 1 seconds, Steps: 3.");
            }
            case CANCEL -> {
                assertThat(seen.path("progress").size())
                        .as("progress before the cancel")
                        .isPositive();
                assertThat(seen.path("cancelled").has("error"))
                        .as("the cancelled call ended with an error, not %s", seen.path("cancelled"))
                        .isTrue();
                assertThat(text(seen.path("after"))).isEqualTo("Echo: " + AFTER_CANCEL);
            }
        }
    }

    private static void call(ObjectNode params, String tool, Map<String, Object> arguments) {
        params.put("name", tool);
        params.set("arguments", Json.mapper().valueToTree(arguments));
    }

    /** The first text content of a tool's result. */
    private static String text(JsonNode result) {
        JsonNode content = result.path("content").path(0);
        assertThat(content.path("type").asString(null))
                .as("content of %s", result)
                .isEqualTo("text");
        return content.path("text").asString(null);
    }

    private static JsonNode named(JsonNode list, String name) {
        for (JsonNode item : list) {
            if (name.equals(item.path("name").asString(null))) {
                return item;
            }
        }
        throw new AssertionError(name + " is not listed: " + list);
    }

    private static List<String> propertyNames(JsonNode object) {
        return List.copyOf(object.propertyNames());
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString(null)));
        return values;
    }

    private static String oneKilobyte() {
        StringBuilder text = new StringBuilder();
        for (int line = 1; text.length() < 1000; line++) {
            text.append(line).append(": the quick brown fox jumps over the lazy dog — ß €\n");
        }
        return text.toString();
    }
}
