package dev.airlock.runtime.inspection;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * Reads rule files in gitleaks' TOML format ({@code [[rules]]} with {@code id}, {@code regex},
 * {@code secretGroup}, {@code keywords}, {@code entropy}, {@code [[rules.allowlists]]} or the older
 * {@code [rules.allowlist]}, and a global {@code [allowlist]}), so that a company can bring the rules it
 * already runs in its repositories. Airlock adds a few keys gitleaks ignores: {@code category}
 * ({@code secret} or {@code personal-data}), {@code validate} (a {@link Validator} name), {@code anchor}
 * ({@code digits}, {@code ipv4}, {@code phone-plus}, {@code iban}, {@code ipv6}) with {@code minDigits}
 * and {@code shape} (a {@link DigitShape} name: {@code us-ssn}, {@code card}, {@code phone}, ...),
 * {@code windowBefore} and {@code windowAfter} (how far around a keyword the regex looks; 64 and 256
 * characters by default; {@code windowBefore = 0} means every match starts with a keyword, and the regex
 * is then only tried there), {@code keywordAssignment} (see {@link Trigger.Keywords}), {@code wholeValue}
 * and {@code generic} (a broad rule that more specific ones win over where they overlap; see
 * {@link Specificity}).
 *
 * <p>A rule that cannot be used (no regex, a regex RE2/J does not accept, an unknown category) is
 * reported with its id and the reason, and the others are used. Only a file that is not TOML, or that
 * has no {@code [[rules]]}, fails as a whole.
 */
public final class RuleFileReader {

    /** Rule files are configuration, not data: anything bigger is a mistake. */
    static final int MAX_FILE_BYTES = 4 * 1024 * 1024;

    static final int MAX_RULES = 5_000;

    static final int MAX_WINDOW = 4_096;

    private static final TomlMapper TOML = TomlMapper.builder().build();

    private RuleFileReader() {}

    /** The rules of a file and the ones that could not be used. */
    public record Loaded(RuleSet rules, List<RuleProblem> problems) {
        public Loaded {
            problems = List.copyOf(problems);
        }
    }

    /** Reads a company rule file. */
    public static Loaded read(Path file) throws RuleFileException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new RuleFileException("The rule file " + file + " is larger than "
                        + MAX_FILE_BYTES / (1024 * 1024) + " MB. Check that it is the right file.");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RuleFileException(
                    "Airlock could not read the rule file " + file + ". Check that it exists and can be read.", e);
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses rule file text.
     *
     * @param source the file's name, for messages
     */
    public static Loaded parse(String toml, String source) throws RuleFileException {
        JsonNode root;
        try {
            root = TOML.readTree(toml);
        } catch (JacksonException e) {
            throw new RuleFileException(
                    "The rule file " + source + " is not valid TOML: " + e.getOriginalMessage()
                            + ". Fix the file (gitleaks' format), then load it again.",
                    e);
        }
        JsonNode rules = root == null ? null : root.get("rules");
        if (rules == null || !rules.isArray() || rules.isEmpty()) {
            throw new RuleFileException("The rule file " + source
                    + " has no [[rules]] entries. Airlock reads gitleaks' format: each rule starts with [[rules]].");
        }
        if (rules.size() > MAX_RULES) {
            throw new RuleFileException("The rule file " + source + " has " + rules.size()
                    + " rules; Airlock reads at most " + MAX_RULES + ".");
        }
        List<RuleProblem> problems = new ArrayList<>();
        List<Allowlist> global = new ArrayList<>();
        allowlists(root, "allowlist", "allowlists", "[allowlist]", problems, global);
        List<Rule> loaded = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            JsonNode node = rules.get(i);
            String name = node.path("id").isString() ? node.get("id").stringValue() : "rules[" + i + "]";
            try {
                Rule rule = rule(node, name, global, problems);
                if (!seen.add(rule.id())) {
                    problems.add(new RuleProblem(name, "the id appears more than once; the first rule is used"));
                    continue;
                }
                loaded.add(rule);
            } catch (Unusable e) {
                problems.add(new RuleProblem(name, e.getMessage()));
            }
        }
        return new Loaded(new RuleSet(loaded), problems);
    }

    private static Rule rule(JsonNode node, String name, List<Allowlist> global, List<RuleProblem> problems)
            throws Unusable {
        if (!node.isObject()) {
            throw new Unusable("it is not a table");
        }
        if (!node.path("id").isString() || node.get("id").stringValue().isBlank()) {
            throw new Unusable("it has no id");
        }
        if (!node.path("regex").isString() || node.get("regex").stringValue().isEmpty()) {
            throw new Unusable("it has no regex (rules that only match file paths do not apply to tool calls)");
        }
        String source = node.get("regex").stringValue();
        Pattern regex;
        try {
            regex = Pattern.compile(source);
        } catch (PatternSyntaxException e) {
            throw new Unusable("its regex is not supported: " + e.getMessage()
                    + " (Airlock runs rules in linear time with RE2 syntax: no back-references, no look-arounds,"
                    + " no repeat count above 1000)");
        }
        int secretGroup = node.path("secretGroup").asInt(0);
        if (secretGroup < 0 || secretGroup > regex.groupCount()) {
            throw new Unusable(
                    "its secretGroup " + secretGroup + " is not a group of its regex, which has " + regex.groupCount());
        }
        double entropy = node.path("entropy").asDouble(0);
        Category category = Category.SECRET;
        if (node.has("category")) {
            category = Category.fromLabel(node.get("category").asString(""))
                    .orElseThrow(() -> new Unusable("its category must be \"secret\" or \"personal-data\""));
        }
        Validator validator = Validator.NONE;
        if (node.has("validate")) {
            String wanted = node.get("validate").asString("");
            validator = Validator.fromName(wanted)
                    .orElseThrow(() -> new Unusable("it names an unknown validator \"" + wanted + "\""));
        }
        List<String> keywords = new ArrayList<>();
        for (JsonNode keyword : node.path("keywords")) {
            if (keyword.isString() && !keyword.stringValue().isEmpty()) {
                keywords.add(keyword.stringValue().toLowerCase(Locale.ROOT));
            }
        }
        Trigger trigger = trigger(node, keywords, source);
        List<Allowlist> allowlists = new ArrayList<>(global);
        allowlists(node, "allowlist", "allowlists", name, problems, allowlists);
        String id = node.get("id").stringValue();
        return new Rule(
                id,
                node.path("description").asString(""),
                category,
                regex,
                secretGroup,
                entropy,
                trigger,
                window(node, "windowBefore", TextScanner.BEFORE),
                window(node, "windowAfter", TextScanner.AFTER),
                node.path("wholeValue").asBoolean(false),
                validator,
                allowlists,
                Specificity.of(id, node.path("generic").asBoolean(false), trigger, validator));
    }

    private static int window(JsonNode node, String key, int otherwise) throws Unusable {
        int value = node.path(key).asInt(otherwise);
        if (value < 0 || value > MAX_WINDOW) {
            throw new Unusable("its " + key + " must be between 0 and " + MAX_WINDOW);
        }
        return value;
    }

    private static DigitShape shape(JsonNode node) throws Unusable {
        if (!node.has("shape")) {
            return DigitShape.ANY;
        }
        String wanted = node.get("shape").asString("");
        return DigitShape.fromName(wanted)
                .filter(shape -> shape != DigitShape.ANY)
                .orElseThrow(() -> new Unusable("its shape must be one of " + DigitShape.names()));
    }

    private static Trigger trigger(JsonNode node, List<String> keywords, String regex) throws Unusable {
        if (node.has("anchor")) {
            String anchor = node.get("anchor").asString("");
            return switch (anchor) {
                case "digits" ->
                    new Trigger.DigitRun(Math.max(1, node.path("minDigits").asInt(1)), 0, false, shape(node));
                case "ipv4" -> new Trigger.DigitRun(4, 3, false, DigitShape.ANY);
                case "phone-plus" ->
                    new Trigger.DigitRun(Math.max(1, node.path("minDigits").asInt(1)), 0, true, shape(node));
                case "iban" -> new Trigger.IbanStart();
                case "ipv6" -> new Trigger.HexColonRun();
                case "email" -> new Trigger.EmailAt();
                default ->
                    throw new Unusable(
                            "its anchor must be \"digits\", \"ipv4\", \"phone-plus\", \"iban\", \"ipv6\" or \"email\"");
            };
        }
        if (!keywords.isEmpty()) {
            return new Trigger.Keywords(keywords, node.path("keywordAssignment").asBoolean(false));
        }
        return LiteralPrefix.of(regex)
                .<Trigger>map(prefix -> new Trigger.Keywords(List.of(prefix), false))
                .orElseGet(Trigger.Everywhere::new);
    }

    private static void allowlists(
            JsonNode owner,
            String singleKey,
            String listKey,
            String where,
            List<RuleProblem> problems,
            List<Allowlist> into) {
        List<JsonNode> nodes = new ArrayList<>();
        if (owner.path(singleKey).isObject()) {
            nodes.add(owner.get(singleKey));
        }
        for (JsonNode each : owner.path(listKey)) {
            nodes.add(each);
        }
        for (JsonNode node : nodes) {
            boolean requireAll = "AND".equalsIgnoreCase(node.path("condition").asString("OR"));
            boolean needsPathOrCommit =
                    !node.path("paths").isEmpty() || !node.path("commits").isEmpty();
            if (requireAll && needsPathOrCommit) {
                continue; // its paths or commits can never match a tool call, so neither can it
            }
            Allowlist.Target target =
                    switch (node.path("regexTarget").asString("secret").toLowerCase(Locale.ROOT)) {
                        case "match" -> Allowlist.Target.MATCH;
                        case "line" -> Allowlist.Target.LINE;
                        default -> Allowlist.Target.SECRET;
                    };
            List<Pattern> regexes = new ArrayList<>();
            for (JsonNode regex : node.path("regexes")) {
                try {
                    regexes.add(Pattern.compile(regex.asString("")));
                } catch (PatternSyntaxException e) {
                    problems.add(new RuleProblem(
                            where, "an allowlist regex is not supported and is skipped: " + e.getDescription()));
                }
            }
            List<String> stopwords = new ArrayList<>();
            for (JsonNode stopword : node.path("stopwords")) {
                if (stopword.isString() && !stopword.stringValue().isEmpty()) {
                    stopwords.add(stopword.stringValue());
                }
            }
            if (!regexes.isEmpty() || !stopwords.isEmpty()) {
                into.add(new Allowlist(regexes, target, stopwords, requireAll));
            }
        }
    }

    /** A rule that cannot be used; the message says why. */
    private static final class Unusable extends Exception {
        Unusable(String message) {
            super(message, null, false, false);
        }
    }
}
