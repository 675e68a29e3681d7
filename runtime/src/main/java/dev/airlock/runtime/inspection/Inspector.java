package dev.airlock.runtime.inspection;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finds secrets and personal data in a JSON-RPC message and, where the policy says so, redacts them.
 * It is given a message's {@code params} or {@code result} — tool arguments, {@code content[].text},
 * {@code structuredContent}, embedded resources, resource contents, prompt messages — and scans every
 * string value in it, decoded: never the raw JSON text, in which escaped quotes can hide a token.
 *
 * <p>Strings are also unwrapped ({@link Decoders}: base64, gzip in base64, URL encoding, JSON in a
 * string) up to {@value #MAX_LAYERS} layers deep and {@value #MAX_DECODED_CHARS} decoded characters per
 * message. When a match to redact is found only inside such a layer, the whole string value is replaced
 * by {@code [REDACTED:rule-id]}: cutting a secret out of base64 or gzip would mean re-encoding the
 * value, which cannot promise to give back the rest byte for byte, and the secret's neighbours in the
 * encoding share bits with it. Matches in the plain text are replaced one by one and the rest of the
 * value is kept. Where matches of several rules overlap, one finding is kept per region and the region
 * is replaced once ({@link Overlaps}).
 *
 * <p>An inspector is immutable and safe to share between threads.
 */
public final class Inspector {

    static final int MAX_LAYERS = 3;
    static final int MAX_DECODED_CHARS = 16 * 1024 * 1024;

    private final TextScanner scanner;

    public Inspector(RuleSet rules) {
        this.scanner = new TextScanner(rules.rules());
    }

    /**
     * Inspects one message.
     *
     * @param message the message's {@code params} or {@code result}; finding locations are JSON Pointers
     *     into it
     */
    public InspectionResult inspect(JsonNode message, Direction direction, InspectionPolicy policy) {
        Scan scan = new Scan(direction, policy);
        JsonNode output = scan.walk(message, "", 0);
        return new InspectionResult(scan.findings(), output, scan.blocked, scan.complete);
    }

    /** The state of one {@link #inspect} call. */
    private final class Scan {
        private final Direction direction;
        private final InspectionPolicy policy;
        private final Map<String, Counted> found = new LinkedHashMap<>();
        private final boolean[] active;
        private boolean blocked;
        private boolean complete = true;
        private long decodedChars;

        Scan(Direction direction, InspectionPolicy policy) {
            this.direction = direction;
            this.policy = policy;
            this.active = scanner.active(rule -> policy.actionFor(rule.category()) != Action.OFF);
        }

        /** The node with redactions applied; the node itself when nothing in it changed. */
        JsonNode walk(JsonNode node, String pointer, int depth) {
            return walk(node, pointer, depth, false);
        }

        /**
         * @param seen the strings in {@code node} were already scanned as part of an outer text (JSON in a
         *     string without escapes holds its values verbatim), so only their decoded layers are left
         */
        private JsonNode walk(JsonNode node, String pointer, int depth, boolean seen) {
            if (node.isString()) {
                Scanned scanned = seen
                        ? layersOnly(node.stringValue(), pointer, depth)
                        : scanString(node.stringValue(), pointer, depth);
                return scanned.replacement == null ? node : JsonNodeFactory.instance.stringNode(scanned.replacement);
            }
            if (node.isObject()) {
                ObjectNode copy = null;
                for (Entry<String, JsonNode> property : node.properties()) {
                    JsonNode child = property.getValue();
                    JsonNode after = walk(child, pointer + "/" + escape(property.getKey()), depth, seen);
                    if (after != child) {
                        if (copy == null) {
                            copy = JsonNodeFactory.instance.objectNode();
                            for (Entry<String, JsonNode> each : node.properties()) {
                                copy.set(each.getKey(), each.getValue());
                            }
                        }
                        copy.set(property.getKey(), after);
                    }
                }
                return copy == null ? node : copy;
            }
            if (node.isArray()) {
                ArrayNode copy = null;
                for (int i = 0; i < node.size(); i++) {
                    JsonNode child = node.get(i);
                    JsonNode after = walk(child, pointer + "/" + i, depth, seen);
                    if (after != child) {
                        if (copy == null) {
                            copy = JsonNodeFactory.instance.arrayNode(node.size());
                            for (JsonNode each : node) {
                                copy.add(each);
                            }
                        }
                        copy.set(i, after);
                    }
                }
                return copy == null ? node : copy;
            }
            return node;
        }

        /**
         * Scans one string value.
         *
         * @param pointer where findings are reported: the value's own place, or the outer value's when
         *     this text came out of a decoded layer
         */
        Scanned scanString(String value, String pointer, int depth) {
            Overlaps.Resolved resolved =
                    Overlaps.resolve(scanner.scan(value, active), rule -> policy.actionFor(rule.category()));
            Set<String> direct = new HashSet<>();
            for (TextScanner.Hit hit : resolved.findings()) {
                direct.add(hit.rule().id());
                record(hit.rule(), pointer);
            }
            String wholeRedaction =
                    depth < MAX_LAYERS ? decodedLayers(value, pointer, depth, rule -> !direct.contains(rule)) : null;
            if (wholeRedaction == null && !resolved.redactions().isEmpty() && depth < MAX_LAYERS) {
                // A rule found in the plain text may also match something hidden in an encoding beside it
                // (ghp_… next to ghp%5F…), which the pass above took for the match already handled. In the
                // layers of the redacted text, any match of a redacted rule is another one.
                Set<String> redacted = new HashSet<>();
                resolved.redactions().forEach(redaction -> redacted.addAll(redaction.ruleIds()));
                wholeRedaction =
                        decodedLayers(redact(value, resolved.redactions()), pointer, depth, redacted::contains);
            }
            if (wholeRedaction != null) {
                return new Scanned(redaction(wholeRedaction), wholeRedaction);
            }
            if (resolved.redactions().isEmpty()) {
                return new Scanned(null, null);
            }
            return new Scanned(
                    redact(value, resolved.redactions()),
                    resolved.redactions().getFirst().ruleIds().getFirst());
        }

        private Scanned layersOnly(String value, String pointer, int depth) {
            String wholeRedaction = depth < MAX_LAYERS ? decodedLayers(value, pointer, depth, rule -> true) : null;
            return wholeRedaction == null
                    ? new Scanned(null, null)
                    : new Scanned(redaction(wholeRedaction), wholeRedaction);
        }

        /**
         * The id of a rule to redact that fired only inside a decoded layer, or null.
         *
         * @param counts whether what a rule finds in the layers is new, to be recorded and acted on
         */
        private String decodedLayers(String value, String pointer, int depth, Predicate<String> counts) {
            List<Decoders.Layer> layers;
            if (decodedChars + Math.min(value.length(), Decoders.MAX_LAYER_CHARS) > MAX_DECODED_CHARS) {
                complete = false;
                return null;
            }
            layers = Decoders.unwrap(value);
            String redactFor = null;
            for (Decoders.Layer layer : layers) {
                Scan inner = new Scan(direction, policy);
                inner.decodedChars = decodedChars;
                switch (layer) {
                    case Decoders.Layer.Text text -> {
                        if (text.cut()) {
                            complete = false; // the rest of the layer was not scanned: the call is partly inspected
                        }
                        inner.decodedChars += text.text().length();
                        inner.scanString(text.text(), pointer, depth + 1);
                    }
                    case Decoders.Layer.Json json ->
                        inner.walk(json.node(), pointer, depth + 1, value.indexOf('\\') < 0);
                }
                decodedChars = inner.decodedChars; // the budget is the message's, shared by every layer
                complete &= inner.complete;
                for (Counted counted : inner.found.values()) {
                    if (!counts.test(counted.rule.id())) {
                        continue; // already found, and handled, in the plain text
                    }
                    Action action = record(counted.rule, pointer, counted.count);
                    if (action == Action.REDACT && redactFor == null) {
                        redactFor = counted.rule.id();
                    }
                }
            }
            return redactFor;
        }

        private Action record(Rule rule, String pointer) {
            return record(rule, pointer, 1);
        }

        private Action record(Rule rule, String pointer, int count) {
            Action action = policy.actionFor(rule.category());
            if (action == Action.BLOCK) {
                blocked = true;
            }
            found.computeIfAbsent(rule.id() + "\u0000" + pointer, k -> new Counted(rule, pointer)).count += count;
            return action;
        }

        List<Finding> findings() {
            List<Finding> findings = new ArrayList<>(found.size());
            for (Counted counted : found.values()) {
                findings.add(new Finding(
                        counted.rule.id(),
                        counted.rule.category(),
                        direction,
                        policy.actionFor(counted.rule.category()),
                        counted.pointer,
                        counted.count));
            }
            return findings;
        }
    }

    /** How a string came out: its replacement (null when unchanged) and a redacted rule's id. */
    private record Scanned(String replacement, String redactedRule) {
        /** Not the replacement: under a warn policy its neighbours in the value were not redacted. */
        @Override
        public String toString() {
            return "Scanned[" + redactedRule + "]";
        }
    }

    /** Matches of one rule in one place. */
    private static final class Counted {
        final Rule rule;
        final String pointer;
        int count;

        Counted(Rule rule, String pointer) {
            this.rule = rule;
            this.pointer = pointer;
        }
    }

    /** {@code value} with each region replaced by its mark; regions are ordered and do not overlap. */
    private static String redact(String value, List<Overlaps.Redaction> redactions) {
        StringBuilder out = new StringBuilder(value.length());
        int at = 0;
        for (Overlaps.Redaction redaction : redactions) {
            out.append(value, at, redaction.start()).append(redaction.mark());
            at = redaction.end();
        }
        return out.append(value, at, value.length()).toString();
    }

    private static String redaction(String ruleId) {
        return "[REDACTED:" + ruleId + "]";
    }

    /** RFC 6901: {@code ~} and {@code /} in a key are escaped. */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
