package dev.airlock.runtime.gateway;

import dev.airlock.runtime.catalog.ServerPolicy;
import dev.airlock.runtime.control.FindingView;
import dev.airlock.runtime.inspection.Action;
import dev.airlock.runtime.inspection.Category;
import dev.airlock.runtime.inspection.Direction;
import dev.airlock.runtime.inspection.Finding;
import dev.airlock.runtime.inspection.InspectionPolicy;
import dev.airlock.runtime.inspection.InspectionResult;
import dev.airlock.runtime.inspection.Inspector;
import dev.airlock.runtime.inspection.RuleSet;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Inspects what passes through the gateway for secrets and personal data, with the rules and policy
 * the company set: tool and prompt arguments on their way to a server, and tool results, resource
 * contents, prompt messages and the notifications that come back. One {@link Scan} follows one call,
 * so that everything found in it, both ways, ends up on the call's activity record.
 *
 * <p>The policy of a server is its catalog entry's {@code _meta["dev.airlock/policy"].inspection};
 * what an entry leaves out comes from the managed setting {@code inspection.defaults}, and what that
 * leaves out from Airlock's safe defaults (secrets redacted, personal data recorded).
 */
public final class CallInspection {

    private static final Logger LOG = LoggerFactory.getLogger(CallInspection.class);

    /** The JSON-RPC error code of a call or an answer that inspection stopped. */
    public static final int BLOCKED = -32003;

    /** Methods whose {@code params} carry what the AI app sends to the server. */
    private static final Set<String> ARGUMENTS = Set.of("tools/call", "prompts/get");
    /** Requests from servers whose answers carry what the AI app (its model, its user) gives the server. */
    private static final Set<String> APP_ANSWERS = Set.of("sampling/createMessage", "elicitation/create");
    /** Methods whose {@code result} carries what the server gives the AI app. */
    private static final Set<String> RESULTS = Set.of("tools/call", "resources/read", "prompts/get");

    private final RuleSet rules;
    private final Inspector inspector;
    private final InspectionPolicy companyDefaults;
    private final Function<String, Optional<ServerPolicy.Inspection>> serverPolicies;
    private final List<String> problems;

    private CallInspection(
            RuleSet rules,
            InspectionPolicy companyDefaults,
            Function<String, Optional<ServerPolicy.Inspection>> serverPolicies,
            List<String> problems) {
        this.rules = rules;
        this.inspector = new Inspector(rules);
        this.companyDefaults = companyDefaults;
        this.serverPolicies = serverPolicies;
        this.problems = List.copyOf(problems);
    }

    /** The built-in rules with Airlock's safe defaults for every server. */
    public static CallInspection builtIn() {
        return new CallInspection(
                RuleSet.builtIn(), InspectionPolicy.defaults(), server -> Optional.empty(), List.of());
    }

    /**
     * The company's inspection. A defaults setting or a rule file that cannot be used is reported in
     * {@link #problems()} and in the log, and the safe defaults and built-in rules stay in force: a
     * mistake in a policy never turns inspection off.
     *
     * @param serverPolicies a server's inspection policy from its catalog entry, by short name
     */
    public static CallInspection load(
            InspectionSetup setup, Function<String, Optional<ServerPolicy.Inspection>> serverPolicies) {
        var problems = new ArrayList<String>();
        InspectionPolicy defaults = InspectionPolicy.defaults();
        if (setup.defaults().isPresent()) {
            try {
                defaults = companyDefaults(setup.defaults().get());
            } catch (IllegalArgumentException e) {
                problems.add("The managed setting inspection.defaults is not used: " + e.getMessage()
                        + " Airlock redacts secrets and records personal data until it is fixed.");
            }
        }
        RuleSet rules;
        if (setup.rulesFile().isPresent()) {
            Path file = setup.rulesFile().get();
            RuleSet.WithCompanyRules loaded = RuleSet.builtInWith(file);
            rules = loaded.rules();
            loaded.error()
                    .ifPresent(error -> problems.add("Your company's inspection rules (" + file + ") are not used: "
                            + error + " Airlock's built-in rules stay in force."));
            loaded.problems()
                    .forEach(problem -> problems.add(
                            "A rule in your company's inspection rules (" + file + ") is left out: " + problem));
            if (loaded.error().isEmpty()) {
                LOG.info("Inspection uses {} rules, with the company's from {}", rules.size(), file);
                if (!rules.untriggered().isEmpty()) {
                    LOG.warn(
                            "Inspection rules {} in {} have no keywords and no literal start: each runs over every"
                                    + " text and slows inspection down; give them keywords",
                            rules.untriggered(),
                            file);
                }
            }
        } else {
            rules = RuleSet.builtIn();
        }
        problems.forEach(LOG::warn);
        return new CallInspection(rules, defaults, serverPolicies, problems);
    }

    /**
     * The managed setting {@code inspection.defaults}: an object such as {@code {"secrets": "redact",
     * "pii": "warn"}}, or the name of one action for both categories ({@code "block"}).
     */
    static InspectionPolicy companyDefaults(JsonNode setting) {
        if (setting.isString()) {
            Action action = Action.fromLabel(setting.stringValue())
                    .orElseThrow(() -> new IllegalArgumentException("'" + McpHandler.printable(setting.stringValue())
                            + "' is not \"block\", \"redact\", \"warn\" or \"off\", nor an object such as"
                            + " {\"secrets\": \"redact\", \"pii\": \"warn\"}."));
            return new InspectionPolicy(action, action);
        }
        return InspectionPolicy.fromRegistry(setting);
    }

    /** Why part of the company's inspection setup is not in force; empty when all of it is. */
    public List<String> problems() {
        return problems;
    }

    /** How many rules are in force. */
    public int ruleCount() {
        return rules.size();
    }

    /** The policy for a server: its entry's, then the company's defaults, then Airlock's. */
    InspectionPolicy policyFor(String server) {
        Optional<ServerPolicy.Inspection> entry = serverPolicies.apply(server);
        if (entry.isEmpty()) {
            return companyDefaults;
        }
        return new InspectionPolicy(
                action(entry.get().secrets(), companyDefaults.secrets()),
                action(entry.get().pii(), companyDefaults.personalData()));
    }

    private static Action action(String label, Action otherwise) {
        // the catalog reader refused unknown labels already
        return label == null ? otherwise : Action.fromLabel(label).orElse(otherwise);
    }

    /** Starts inspecting one call of {@code method} to {@code server}. */
    Scan begin(String server, String method) {
        return new Scan(server, method, policyFor(server));
    }

    /**
     * Inspects the AI app's answer to a server's request (a sampling result, what the user typed for an
     * elicitation) on its way to the server. Such an answer belongs to no call of the activity log, so
     * what is found is logged, by rule and place only.
     *
     * @return the answer to pass on: the answer itself, a copy with redactions, or an error for the
     *     server in its place when the policy blocks what was found
     */
    ObjectNode appAnswer(String server, String method, ObjectNode response) {
        JsonNode result = response.get("result");
        InspectionPolicy policy = policyFor(server);
        if (!APP_ANSWERS.contains(method)
                || !(result instanceof ObjectNode)
                || (policy.secrets() == Action.OFF && policy.personalData() == Action.OFF)) {
            return response;
        }
        InspectionResult inspected = inspector.inspect(result, Direction.TO_SERVER, policy);
        if (inspected.clean()) {
            return response;
        }
        LOG.info(
                "Inspection found {} in the AI app's answer to {}'s {} request{}",
                inspected.findings().stream()
                        .map(f -> f.ruleId() + " at " + f.location() + " ("
                                + f.action().label() + ")")
                        .toList(),
                server,
                McpHandler.printable(method),
                inspected.blocked() ? "; the server is told it was blocked" : "");
        if (inspected.blocked()) {
            return blockedError(response.get("id"), inspected.findings(), Direction.TO_SERVER, true);
        }
        return inspected.output() == result ? response : withMember(response, "result", inspected.output());
    }

    /** What to do with a request after its arguments were inspected. */
    sealed interface Outgoing {
        /**
         * @param request what to send to the server: the request itself, or a copy with redactions
         * @param forRecord what the activity record keeps: every match redacted
         */
        record Forward(ObjectNode request, ObjectNode forRecord) implements Outgoing {}

        /**
         * @param answer the JSON-RPC error for the AI app
         * @param forRecord what the activity record keeps: every match redacted
         */
        record Blocked(ObjectNode answer, ObjectNode forRecord) implements Outgoing {}
    }

    /**
     * Inspection of one call. Used by the request's own thread only. What it found is kept for the
     * activity record; the record's copies of the request and answer have every match redacted, so
     * that the record never holds what was found, whatever the policy let through.
     */
    final class Scan {

        private final String server;
        private final String method;
        private final InspectionPolicy policy;
        private final List<FindingView> findings = new ArrayList<>();
        private boolean blocked;
        private boolean partly;
        private ObjectNode answerForRecord;

        private Scan(String server, String method, InspectionPolicy policy) {
            this.server = server;
            this.method = method;
            this.policy = policy;
        }

        /** Inspects the arguments of a request on its way to the server. */
        Outgoing arguments(ObjectNode request) {
            JsonNode params = request.get("params");
            if (!ARGUMENTS.contains(method) || !(params instanceof ObjectNode) || isOff()) {
                return new Outgoing.Forward(request, request);
            }
            InspectionResult result = inspect(params, Direction.TO_SERVER);
            if (result.clean()) {
                return new Outgoing.Forward(request, request);
            }
            ObjectNode forRecord =
                    withMember(request, "params", redactedForRecord(params, result, Direction.TO_SERVER));
            if (result.blocked()) {
                blocked = true;
                return new Outgoing.Blocked(
                        blockedError(request.get("id"), result.findings(), Direction.TO_SERVER, false), forRecord);
            }
            ObjectNode forward = result.output() == params ? request : withMember(request, "params", result.output());
            return new Outgoing.Forward(forward, forRecord);
        }

        /**
         * Inspects the server's answer before the AI app gets it.
         *
         * @return the answer to deliver: the answer itself, a copy with redactions, or an error in its
         *     place when the policy blocks what was found
         */
        ObjectNode answer(ObjectNode response) {
            JsonNode result = response.get("result");
            if (!RESULTS.contains(method) || result == null || !result.isObject() || isOff()) {
                return response;
            }
            InspectionResult inspected = inspect(result, Direction.TO_APP);
            if (inspected.clean()) {
                return response;
            }
            answerForRecord = withMember(response, "result", redactedForRecord(result, inspected, Direction.TO_APP));
            if (inspected.blocked()) {
                blocked = true;
                ObjectNode error = blockedError(response.get("id"), inspected.findings(), Direction.TO_APP, false);
                answerForRecord = error;
                return error;
            }
            return inspected.output() == result ? response : withMember(response, "result", inspected.output());
        }

        /**
         * Inspects a notification the server sends about the call (progress, log lines) on the call's
         * event stream.
         *
         * @return the notification to deliver, or null when the policy blocks it
         */
        ObjectNode related(ObjectNode message) {
            JsonNode params = message.get("params");
            if (message.has("id") || !(params instanceof ObjectNode) || isOff()) {
                return message; // the server's own requests are answered by the AI app, never dropped
            }
            InspectionResult inspected = inspect(params, Direction.TO_APP);
            if (inspected.blocked()) {
                return null;
            }
            return inspected.output() == params ? message : withMember(message, "params", inspected.output());
        }

        /** What the activity record keeps of the answer, when inspection changed it; null to keep the answer. */
        ObjectNode answerForRecord() {
            return answerForRecord;
        }

        List<FindingView> findings() {
            return List.copyOf(findings);
        }

        /** Whether inspection stopped the call or its answer. */
        boolean blocked() {
            return blocked;
        }

        /** Whether some encoded layer was too large to inspect whole. */
        boolean partlyInspected() {
            return partly;
        }

        private boolean isOff() {
            return policy.secrets() == Action.OFF && policy.personalData() == Action.OFF;
        }

        private InspectionResult inspect(JsonNode node, Direction direction) {
            InspectionResult result = inspector.inspect(node, direction, policy);
            if (!result.complete()) {
                partly = true;
                LOG.info(
                        "A {} {} of {} was too large to decode whole; its outer text was inspected",
                        method,
                        direction.label(),
                        server);
            }
            for (Finding finding : result.findings()) {
                findings.add(view(finding));
            }
            return result;
        }

        /**
         * A copy with every match redacted, whatever the policy did with it: a warned secret reached the
         * server, but it need not stay in Airlock's memory and records too.
         */
        private JsonNode redactedForRecord(JsonNode original, InspectionResult result, Direction direction) {
            if (result.findings().stream().allMatch(f -> f.action() == Action.REDACT)) {
                return result.output();
            }
            InspectionPolicy redactAll =
                    new InspectionPolicy(redactUnlessOff(policy.secrets()), redactUnlessOff(policy.personalData()));
            return inspector.inspect(original, direction, redactAll).output();
        }
    }

    private static Action redactUnlessOff(Action action) {
        return action == Action.OFF ? Action.OFF : Action.REDACT;
    }

    private FindingView view(Finding finding) {
        return new FindingView(
                finding.ruleId(),
                words(finding.ruleId()),
                finding.category().label(),
                finding.direction().label(),
                finding.action().label(),
                finding.location(),
                finding.count());
    }

    /**
     * What a rule finds, for people: its description without the detail that matters to rule authors
     * ("AWS secret access key assigned to a secret-key name" is said "AWS secret access key").
     */
    String words(String ruleId) {
        String description = rules.descriptionOf(ruleId).orElse(ruleId);
        int detail = description.indexOf(" assigned to ");
        if (detail > 0) {
            description = description.substring(0, detail);
        }
        int bracket = description.lastIndexOf(" (");
        if (bracket > 0 && description.endsWith(")")) {
            description = description.substring(0, bracket);
        }
        return description;
    }

    /**
     * The error that takes the place of a blocked call or answer. It says what kind of thing was found
     * and why it was stopped, and lists the rules and places in {@code data} — never what matched.
     */
    private ObjectNode blockedError(JsonNode id, List<Finding> found, Direction direction, boolean appAnswer) {
        Finding first = found.stream()
                .filter(f -> f.action() == Action.BLOCK)
                .findFirst()
                .orElse(found.getFirst());
        String what = withArticle(words(first.ruleId()));
        String kind = first.category() == Category.SECRET ? "secrets" : "personal data";
        String message = appAnswer
                ? "Airlock blocked the AI app's answer: it contains what looks like %s. Your company's policy does not allow sending %s to this server."
                        .formatted(what, kind)
                : direction == Direction.TO_SERVER
                        ? "Airlock blocked this call: the arguments contain what looks like %s. Your company's policy does not allow sending %s to this tool."
                                .formatted(what, kind)
                        : "Airlock blocked this answer: what the server returned contains what looks like %s. Your company's policy does not allow passing %s from this server to your AI app."
                                .formatted(what, kind);
        ObjectNode error = JsonRpc.error(id, BLOCKED, message);
        ObjectNode data = JsonRpc.object();
        ArrayNode list = data.putArray("findings");
        for (Finding finding : found) {
            list.addObject()
                    .put("rule", finding.ruleId())
                    .put("category", finding.category().label())
                    .put("direction", finding.direction().label())
                    .put("action", finding.action().label())
                    .put("location", finding.location())
                    .put("count", finding.count());
        }
        ((ObjectNode) error.get("error")).set("data", data);
        return error;
    }

    /** "an AWS secret access key", "a GitHub token", "a US social security number". */
    static String withArticle(String words) {
        if (words.isEmpty()) {
            return words;
        }
        char first = Character.toLowerCase(words.charAt(0));
        if (words.startsWith("A ") || words.startsWith("An ")) {
            return Character.toLowerCase(words.charAt(0)) + words.substring(1); // the rule's words have one
        }
        // "a US ...", "a URL": a leading u is said as a consonant often enough to take it as one
        return ("aeio".indexOf(first) >= 0 ? "an " : "a ") + words;
    }

    /** A shallow copy of a message with one member replaced: the rest is shared, read-only. */
    private static ObjectNode withMember(ObjectNode message, String name, JsonNode value) {
        ObjectNode copy = JsonRpc.object();
        message.properties().forEach(entry -> copy.set(entry.getKey(), entry.getValue()));
        copy.set(name, value);
        return copy;
    }
}
