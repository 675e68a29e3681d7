package dev.airlock.runtime.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.airlock.runtime.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes {@link Inspector#inspect} with MCP messages built from the fuzzer's data: a {@code tools/call}
 * request's params (a tool name and arguments) or a {@code tools/call} result (text content, {@code
 * structuredContent}, embedded resources with {@code text} and a base64 {@code blob}), whose strings hold
 * the fuzzer's text mixed with pieces that look like what the rules and decoders look for ({@link
 * FuzzedText}). Each message is inspected with every action, going the way the fuzzer chose.
 *
 * <p>Properties: nothing throws; a finding names a rule that exists, its category, the direction, the
 * action and a JSON Pointer to a string of the message, and never a planted token; block and warn forward
 * the message untouched; redact forwards JSON that writes out as UTF-8 and parses back to the same shape
 * (same members in the same order, same array lengths, same numbers; only strings where something was
 * found differ), each marker is {@code [REDACTED:<rule id>]} of a rule that exists, and scanning the
 * redacted message again finds nothing a rule found where it was redacted.
 *
 * <p>A hang fails: each input must finish within its {@link Timeout} (libFuzzer's per-input timeout while
 * fuzzing, JUnit's per seed otherwise). Most inputs take milliseconds; the slowest the generator can
 * make, a megabyte packed with matches inspected four times, takes a few seconds on a loaded machine, so
 * 20 seconds leaves room for that and still fails anything worse than linear.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs the seed corpus (InspectorFuzzTestInputs) as regression tests;
 * with it, it fuzzes for {@code maxDuration}. See docs/gateway.md, "Fuzzing".
 */
class InspectorFuzzTest {

    private static final RuleSet RULES = RuleSet.builtIn();
    private static final Inspector INSPECTOR = new Inspector(RULES);
    private static final TextScanner SCANNER = new TextScanner(RULES.rules());
    private static final Set<String> RULE_IDS = Set.copyOf(RULES.ids());
    private static final Pattern MARKER = Pattern.compile("\\[REDACTED:([^\\]]*)\\]");

    @Timeout(20)
    @FuzzTest(maxDuration = "30s")
    void message(FuzzedDataProvider data) {
        FuzzedText text = new FuzzedText(data);
        // the direction only labels findings, so the fuzzer picks one instead of every input paying for both
        Direction direction = data.pickValue(Direction.values());
        JsonNode message = data.consumeBoolean() ? request(text, data) : result(text, data);
        String before = Json.mapper().writeValueAsString(message);
        for (Action action : List.of(Action.BLOCK, Action.REDACT, Action.WARN)) {
            InspectionResult result = INSPECTOR.inspect(message, direction, new InspectionPolicy(action, action));
            checkFindings(message, result, direction, action, text.planted());
            if (action == Action.REDACT) {
                checkRedacted(message, result, direction);
            } else {
                assertThat(result.output())
                        .as("%s forwards the message as it came", action)
                        .isSameAs(message);
                assertThat(result.blocked()).isEqualTo(action == Action.BLOCK && !result.clean());
            }
        }
        assertThat(Json.mapper().writeValueAsString(message))
                .as("the inspected message itself is never changed")
                .isEqualTo(before);
    }

    /** A tools/call request's params. */
    private static JsonNode request(FuzzedText text, FuzzedDataProvider data) {
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        params.put("name", data.pickValue(new String[] {"echo", "get-env", "query", "write_file"}));
        ObjectNode arguments = params.putObject("arguments");
        int size = data.consumeInt(0, 4);
        for (int i = 0; i < size && data.remainingBytes() > 0; i++) {
            arguments.set(text.key(), text.json(FuzzedText.LAYERS, 3));
        }
        return params;
    }

    /** A tools/call result. */
    private static JsonNode result(FuzzedText text, FuzzedDataProvider data) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode content = result.putArray("content");
        int size = data.consumeInt(0, 4);
        for (int i = 0; i < size && data.remainingBytes() > 0; i++) {
            ObjectNode item = content.addObject();
            switch (data.consumeInt(0, 2)) {
                case 0 -> item.put("type", "text").put("text", text.text(FuzzedText.LAYERS));
                case 1 ->
                    item.put("type", "resource")
                            .putObject("resource")
                            .put("uri", "file:///" + FuzzedText.validUtf16(data.consumeString(10)))
                            .put("mimeType", "text/plain")
                            .put("text", text.text(FuzzedText.LAYERS));
                default ->
                    item.put("type", "resource")
                            .putObject("resource")
                            .put("uri", "file:///data.gz")
                            .put("mimeType", "application/gzip")
                            .put("blob", text.blob());
            }
        }
        if (data.consumeBoolean()) {
            result.set("structuredContent", text.json(FuzzedText.LAYERS, 3));
        }
        result.put("isError", data.consumeBoolean());
        return result;
    }

    private static void checkFindings(
            JsonNode message, InspectionResult result, Direction direction, Action action, List<String> planted) {
        for (Finding finding : result.findings()) {
            assertThat(RULE_IDS).as("rules that exist").contains(finding.ruleId());
            assertThat(RULES.categoryOf(finding.ruleId())).contains(finding.category());
            assertThat(finding.direction()).isEqualTo(direction);
            assertThat(finding.action()).isEqualTo(action);
            assertThat(message.at(finding.location()).isString())
                    .as("a finding points at a string of the message: %s", finding.location())
                    .isTrue();
        }
        String logged = result.toString();
        for (String token : planted) {
            if (token.length() >= 16) {
                assertThat(logged).as("what may be logged of a result").doesNotContain(token);
            }
        }
    }

    private static void checkRedacted(JsonNode message, InspectionResult result, Direction direction) {
        assertThat(result.blocked()).isFalse();
        JsonNode output = result.output();
        byte[] written = Json.mapper().writeValueAsBytes(output);
        JsonNode reparsed = Json.mapper().readTree(written);
        assertThat(Json.mapper().writeValueAsBytes(reparsed))
                .as("the redacted message written as UTF-8, read back and written again")
                .isEqualTo(written);

        Map<String, Set<String>> redactedAt = result.findings().stream()
                .collect(Collectors.groupingBy(
                        Finding::location, Collectors.mapping(Finding::ruleId, Collectors.toSet())));
        List<String> changed = new ArrayList<>();
        sameShape(message, reparsed, "", changed);
        assertThat(redactedAt.keySet())
                .as("a string changed exactly where something was found")
                .containsExactlyInAnyOrderElementsOf(new HashSet<>(changed));
        if (changed.isEmpty()) {
            assertThat(output).isSameAs(message);
        }
        for (String pointer : changed) {
            assertThat(unknownMarkers(output.at(pointer).stringValue()))
                    .as("every marker at %s names a rule that exists", pointer)
                    .isLessThanOrEqualTo(unknownMarkers(message.at(pointer).stringValue()));
        }

        InspectionResult again =
                INSPECTOR.inspect(output, direction, new InspectionPolicy(Action.REDACT, Action.REDACT));
        for (Finding finding : again.findings()) {
            if (redactedAt.getOrDefault(finding.location(), Set.of()).contains(finding.ruleId())) {
                assertFoundAnew(message, output, finding);
            }
        }
    }

    /**
     * A rule fired again where it was redacted. That is only allowed for a match in the plain text that
     * is not one of those found before: a marker can give the next characters the edge a rule asks for
     * ({@code a@b.com%c@d.com}: the second address is glued to the first, until the first is a marker).
     * What the first scan found, and anything found in a decoded layer, must be gone.
     */
    private static void assertFoundAnew(JsonNode message, JsonNode output, Finding finding) {
        String before = message.at(finding.location()).stringValue();
        String after = output.at(finding.location()).stringValue();
        Set<String> foundBefore = new HashSet<>();
        for (TextScanner.Hit hit : SCANNER.scan(before, rule -> true)) {
            if (hit.rule().id().equals(finding.ruleId())) {
                foundBefore.add(before.substring(hit.secretStart(), hit.secretEnd()));
            }
        }
        List<String> foundAfter = new ArrayList<>();
        for (TextScanner.Hit hit : SCANNER.scan(after, rule -> true)) {
            if (hit.rule().id().equals(finding.ruleId())) {
                foundAfter.add(after.substring(hit.secretStart(), hit.secretEnd()));
            }
        }
        assertThat(foundAfter)
                .as(
                        "redaction removed what %s found at %s, in the plain text and in decoded layers",
                        finding.ruleId(), finding.location())
                .isNotEmpty()
                .doesNotContainAnyElementsOf(foundBefore);
    }

    /** How many "[REDACTED" in a text are not a marker of a rule that exists. */
    private static int unknownMarkers(String text) {
        int all = text.split("\\[REDACTED", -1).length - 1;
        int known = 0;
        Matcher m = MARKER.matcher(text);
        while (m.find()) {
            known += RULE_IDS.contains(m.group(1)) ? 1 : 0;
        }
        return all - known;
    }

    /** Asserts the same members, order, array lengths and scalars; collects where strings differ. */
    private static void sameShape(JsonNode before, JsonNode after, String pointer, List<String> changed) {
        assertThat(after.getNodeType()).as("the type at %s", pointer).isEqualTo(before.getNodeType());
        if (before.isString()) {
            if (!before.stringValue().equals(after.stringValue())) {
                changed.add(pointer);
            }
        } else if (before.isObject()) {
            assertThat(after.propertyNames()).as("members at %s", pointer).isEqualTo(before.propertyNames());
            for (Map.Entry<String, JsonNode> member : before.properties()) {
                String key = member.getKey().replace("~", "~0").replace("/", "~1");
                sameShape(member.getValue(), after.get(member.getKey()), pointer + "/" + key, changed);
            }
        } else if (before.isArray()) {
            assertThat(after.size()).as("length of %s", pointer).isEqualTo(before.size());
            for (int i = 0; i < before.size(); i++) {
                sameShape(before.get(i), after.get(i), pointer + "/" + i, changed);
            }
        } else {
            assertThat(after.toString()).as("the value at %s", pointer).isEqualTo(before.toString());
        }
    }
}
