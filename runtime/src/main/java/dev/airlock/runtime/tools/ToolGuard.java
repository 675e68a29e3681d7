package dev.airlock.runtime.tools;

import dev.airlock.runtime.catalog.ServerPolicy;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The company's tool policy, tool pinning and the poisoning heuristics for one server and one
 * user. The gateway hands it every {@code tools/list} result from the server ({@link #review}) and
 * every {@code tools/call} request before forwarding it ({@link #check}).
 *
 * <p>Order of the checks for each listed tool: the allow list ({@code tools.allow}), then its pin —
 * the registry's ({@code tools.pins}) where there is one, else what the user trusted on first use —
 * then the poisoning heuristics, then whether its {@code inputSchema} can be checked. A call is
 * allowed only for a tool the latest review let through, with arguments inside the {@link Limits}
 * that follow its schema; a call to any other tool is denied, so a client that never listed tools
 * gets nothing the policy would have hidden.
 *
 * <p>Thread-safe: reviews and approvals are serialised, calls read the latest review's snapshot.
 */
public final class ToolGuard {

    private final String serverTitle;
    private final ServerPolicy.Tools policy;
    private final TrustedTools trusted;
    private final Limits limits;
    private final InputSchemas schemas = new InputSchemas();

    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());
    private final Map<String, ToolFingerprint> approvable = new LinkedHashMap<>();

    /**
     * @param serverTitle the server's name as the user knows it, for sentences ("GitHub")
     * @param policy the company's tool policy for this server
     * @param trusted what this user trusted on this server before
     */
    public ToolGuard(String serverTitle, ServerPolicy.Tools policy, TrustedTools trusted, Limits limits) {
        this.serverTitle = Objects.requireNonNull(serverTitle);
        this.policy = Objects.requireNonNull(policy);
        this.trusted = Objects.requireNonNull(trusted);
        this.limits = Objects.requireNonNull(limits);
    }

    /** What is left of a {@code tools/list} result for the AI app, and what was hidden and why. */
    public synchronized ToolListReview review(JsonNode listResult) {
        ObjectNode result = listResult != null && listResult.isObject()
                ? ((ObjectNode) listResult).deepCopy()
                : Json.mapper().createObjectNode();
        JsonNode offered = result.path("tools");
        List<HiddenTool> hidden = new ArrayList<>();
        List<ToolWarning> warnings = new ArrayList<>();
        Map<String, Usable> visible = new LinkedHashMap<>();
        Map<String, HiddenTool> hiddenByName = new LinkedHashMap<>();
        Map<String, ToolFingerprint> offeredNow = new LinkedHashMap<>();
        Map<String, ToolFingerprint> firstSight = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        ArrayNode kept = Json.mapper().createArrayNode();
        approvable.clear();

        List<JsonNode> tools = new ArrayList<>();
        if (offered.isArray()) {
            offered.forEach(tools::add);
        }
        for (JsonNode tool : tools) {
            String name = tool.isObject() && tool.path("name").isString()
                    ? tool.path("name").asString()
                    : null;
            if (name == null || name.isEmpty() || !seen.add(name)) {
                HiddenTool malformed = new HiddenTool(
                        name == null ? "" : name,
                        HiddenTool.Reason.MALFORMED,
                        name == null || name.isEmpty()
                                ? serverTitle + " offered a tool without a name; Airlock left it out."
                                : serverTitle + " offered the tool '" + shown(name)
                                        + "' twice; Airlock kept the first.",
                        false,
                        null);
                hidden.add(malformed);
                continue;
            }
            if (!readableName(name)) {
                // a name is read by the person as much as by the AI: one they cannot read, or that reads
                // differently from what the AI gets (bidi controls, invisible characters), is no name
                hidden.add(new HiddenTool(
                        name,
                        HiddenTool.Reason.MALFORMED,
                        serverTitle + " offered a tool whose name ('" + shown(name) + "') has characters that cannot"
                                + " be shown or is over " + MAX_NAME_CHARS + " characters long; Airlock left it out.",
                        false,
                        null));
                continue;
            }
            ToolFingerprint fingerprint;
            try {
                fingerprint = ToolFingerprint.of(tool);
            } catch (IllegalArgumentException e) {
                // A number beyond what JSON can carry (1e400) has no canonical form, so no pin.
                hidden.add(new HiddenTool(
                        name,
                        HiddenTool.Reason.MALFORMED,
                        serverTitle + " described the tool '" + name
                                + "' with a value Airlock cannot read; Airlock left it out.",
                        false,
                        null));
                continue;
            }
            if (!policy.allow().isEmpty() && !policy.allow().contains(name)) {
                if (trusted.firstUse()) {
                    // What the server offered at first use, so that a tool the company allows later is not "new".
                    firstSight.put(name, fingerprint);
                }
                HiddenTool notAllowed = new HiddenTool(
                        name,
                        HiddenTool.Reason.NOT_ALLOWED,
                        "Your company does not allow the tool '" + name + "' of " + serverTitle + ".",
                        false,
                        null);
                hidden.add(notAllowed);
                hiddenByName.put(name, notAllowed);
                continue;
            }
            offeredNow.put(name, fingerprint);
            HiddenTool blocked = pinCheck(name, fingerprint, firstSight);
            List<ToolWarning> found = PoisoningCheck.check(serverTitle, tool);
            warnings.addAll(found);
            if (blocked == null && !found.isEmpty() && policy.poisoning() == ServerPolicy.Poisoning.BLOCK) {
                blocked = new HiddenTool(
                        name,
                        HiddenTool.Reason.POISONED,
                        "Airlock hid the tool '" + name + "' of " + serverTitle
                                + " because its description looks like an attack on the AI: "
                                + found.getFirst().sentence(),
                        false,
                        fingerprint.digest());
            }
            InputSchemas.Compiled schema = blocked == null ? schemas.compile(tool.get("inputSchema")) : null;
            if (schema instanceof InputSchemas.Compiled.Unusable(String reason)) {
                blocked = new HiddenTool(
                        name,
                        HiddenTool.Reason.SCHEMA_UNUSABLE,
                        "Airlock hid the tool '" + name + "' of " + serverTitle + " because " + reason
                                + ", so Airlock cannot check what the AI sends it. Tell your IT team.",
                        false,
                        fingerprint.digest());
            }
            if (blocked != null) {
                hidden.add(blocked);
                hiddenByName.put(name, blocked);
                if (blocked.approvable()) {
                    approvable.put(name, fingerprint);
                }
                continue;
            }
            visible.put(name, new Usable(((InputSchemas.Compiled.Usable) schema).schema()));
            kept.add(tool);
        }
        if (!firstSight.isEmpty()) {
            trusted.trust(firstSight);
        }
        // Renames are told once the whole list is known: a "new" tool may be an old one under a new name.
        List<HiddenTool> told = hidden.stream()
                .map(h -> h.reason() == HiddenTool.Reason.NEW ? renamedOrNew(h, offeredNow) : h)
                .toList();
        told.forEach(h -> hiddenByName.put(h.tool(), h));
        result.set("tools", kept);
        snapshot = new Snapshot(visible, hiddenByName);
        return new ToolListReview(result, told, warnings, trusted.problem());
    }

    /** MCP's limit for a tool name; longer ones are not shown to anyone. */
    static final int MAX_NAME_CHARS = 128;

    /** At most {@link #MAX_NAME_CHARS} characters, none of them a control, format or unassigned code point. */
    static boolean readableName(String name) {
        return name.length() <= MAX_NAME_CHARS
                && name.codePoints().noneMatch(c -> switch (Character.getType(c)) {
                    case Character.CONTROL,
                            Character.FORMAT,
                            Character.UNASSIGNED,
                            Character.PRIVATE_USE,
                            Character.SURROGATE,
                            Character.LINE_SEPARATOR,
                            Character.PARAGRAPH_SEPARATOR -> true;
                    default -> false;
                });
    }

    /** A name as a sentence may quote it: cut short, with what cannot be shown as '?'. */
    private static String shown(String name) {
        String cut = name.length() > 64 ? name.substring(0, 64) + "…" : name;
        var out = new StringBuilder();
        cut.codePoints()
                .forEach(
                        c -> out.appendCodePoint(readableName(new String(Character.toChars(c))) || c == '…' ? c : '?'));
        return out.toString();
    }

    /** Null when the definition is pinned or trusted; else why it is held back. */
    private HiddenTool pinCheck(String name, ToolFingerprint fingerprint, Map<String, ToolFingerprint> firstSight) {
        String pin = policy.pins().get(name);
        if (pin != null) {
            // The registry's pin wins, and only the registry can change it: the user cannot approve around it.
            return pin.equals(fingerprint.digest())
                    ? null
                    : new HiddenTool(
                            name,
                            HiddenTool.Reason.NOT_PINNED,
                            "The tool '" + name + "' of " + serverTitle
                                    + " is not the version your company approved, so Airlock hid it."
                                    + " Your IT team can approve the new version.",
                            false,
                            fingerprint.digest());
        }
        if (trusted.firstUse()) {
            firstSight.put(name, fingerprint);
            return null;
        }
        var before = trusted.get(name);
        if (before.isEmpty()) {
            return new HiddenTool(
                    name,
                    HiddenTool.Reason.NEW,
                    serverTitle + " added the tool '" + name
                            + "' since you last used it. Airlock hid it until you approve it.",
                    true,
                    fingerprint.digest());
        }
        if (before.get().digest().equals(fingerprint.digest())) {
            return null;
        }
        return new HiddenTool(
                name,
                HiddenTool.Reason.CHANGED,
                "The tool '" + name + "' of " + serverTitle + " changed "
                        + inWords(fingerprint.changedSince(before.get()))
                        + " since you last used it. Airlock hid it until you approve the change.",
                true,
                fingerprint.digest());
    }

    /** A new name whose definition, name aside, is one the user trusted under a name no longer offered. */
    private HiddenTool renamedOrNew(HiddenTool added, Map<String, ToolFingerprint> offeredNow) {
        ToolFingerprint now = offeredNow.get(added.tool());
        for (Map.Entry<String, ToolFingerprint> old : trusted.all().entrySet()) {
            if (!offeredNow.containsKey(old.getKey())
                    && now.changedSince(old.getValue()).equals(List.of("name"))) {
                return new HiddenTool(
                        added.tool(),
                        HiddenTool.Reason.RENAMED,
                        "The tool '" + old.getKey() + "' of " + serverTitle + " is now called '" + added.tool()
                                + "'. Airlock hid it until you approve the new name.",
                        true,
                        added.digest());
            }
        }
        return added;
    }

    private static String inWords(List<String> parts) {
        List<String> words = parts.stream()
                .map(part -> switch (part) {
                    case "description" -> "its description";
                    case "inputSchema" -> "the arguments it takes";
                    case "outputSchema" -> "what it returns";
                    case "annotations" -> "what it says about its effects";
                    default -> "its " + part;
                })
                .toList();
        if (words.size() <= 1) {
            return words.isEmpty() ? "its definition" : words.getFirst();
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.getLast();
    }

    /**
     * Trusts the definition of {@code tool} that the latest review held back as new, changed or
     * renamed; the gateway then lists tools again (and tells clients the list changed).
     *
     * @return false when there is nothing the user can approve under that name (not held back, or
     *     held back by the company's pin or policy)
     */
    public synchronized boolean approve(String tool) {
        ToolFingerprint fingerprint = approvable.remove(tool);
        if (fingerprint == null) {
            return false;
        }
        trusted.trust(Map.of(tool, fingerprint));
        return true;
    }

    /** Whether a {@code tools/call} with these {@code params} may go to the server. */
    public CallDecision check(JsonNode params) {
        JsonNode nameNode = params == null ? null : params.get("name");
        if (nameNode == null || !nameNode.isString()) {
            return new CallDecision.Denied(null, "The call does not name a tool.", JsonRpc.INVALID_PARAMS);
        }
        String name = nameNode.asString();
        Snapshot current = snapshot;
        Usable tool = current.visible().get(name);
        if (tool == null) {
            HiddenTool hidden = current.hidden().get(name);
            String reason = hidden != null
                    ? hidden.sentence()
                    : serverTitle + " has no tool named '" + name + "' that Airlock let through."
                            + " Ask your AI app to list the tools again.";
            return new CallDecision.Denied(name, reason, JsonRpc.INVALID_PARAMS);
        }
        JsonNode arguments = params.get("arguments");
        if (arguments == null || arguments.isNull()) {
            arguments = Json.mapper().createObjectNode();
        }
        if (!arguments.isObject()) {
            return deniedArguments(name, "they must be a JSON object");
        }
        if (Limits.depth(arguments, limits.maxArgumentDepth() + 1) > limits.maxArgumentDepth()) {
            return deniedArguments(name, "they nest more than " + limits.maxArgumentDepth() + " levels deep");
        }
        int bytes = Json.mapper().writeValueAsString(arguments).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxArgumentBytes()) {
            return deniedArguments(
                    name,
                    "they are " + bytes + " bytes, more than the " + limits.maxArgumentBytes() + " bytes allowed");
        }
        List<String> problems = InputSchemas.problems(tool.schema(), arguments);
        if (!problems.isEmpty()) {
            return deniedArguments(name, problems.stream().collect(Collectors.joining("; ")));
        }
        return new CallDecision.Allowed(name);
    }

    private CallDecision deniedArguments(String tool, String why) {
        return new CallDecision.Denied(
                tool,
                "Airlock did not send the call to the tool '" + tool + "' of " + serverTitle
                        + " because its arguments are not what the tool takes: " + why.replaceAll("\\.+$", "") + ".",
                JsonRpc.INVALID_PARAMS);
    }

    private record Usable(com.networknt.schema.Schema schema) {}

    private record Snapshot(Map<String, Usable> visible, Map<String, HiddenTool> hidden) {
        Snapshot {
            visible = Map.copyOf(visible);
            hidden = Map.copyOf(hidden);
        }
    }
}
