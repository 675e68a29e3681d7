package dev.airlock.runtime.inspection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules an {@link Inspector} runs, in a fixed order: where two rules of the same {@link Specificity}
 * match the same text equally long, the one listed first names the finding ({@link Overlaps}).
 */
public final class RuleSet {

    private static final String BUILT_IN = "builtin-rules.toml";

    private final List<Rule> rules;

    RuleSet(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Airlock's own rules, shipped in the app: secrets and personal data. */
    public static RuleSet builtIn() {
        try (InputStream in = RuleSet.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the built-in rule file " + BUILT_IN + " is missing from the build");
            }
            RuleFileReader.Loaded loaded =
                    RuleFileReader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUILT_IN);
            if (!loaded.problems().isEmpty()) {
                throw new IllegalStateException("built-in rules that do not load: " + loaded.problems());
            }
            return loaded.rules();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuleFileException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The built-in rules with a company's rule file added. A company rule with the id of a built-in one
     * replaces it, so a company can tune a rule; the others are added after the built-in ones.
     *
     * <p>When the file cannot be read at all, the built-in rules stay in force and {@link
     * WithCompanyRules#error()} says why, so that a broken file never turns inspection off.
     */
    public static WithCompanyRules builtInWith(Path companyFile) {
        RuleSet builtIn = builtIn();
        try {
            RuleFileReader.Loaded company = RuleFileReader.read(companyFile);
            return new WithCompanyRules(builtIn.plus(company.rules()), company.problems(), Optional.empty());
        } catch (RuleFileException e) {
            return new WithCompanyRules(builtIn, List.of(), Optional.of(e.getMessage()));
        }
    }

    /**
     * The outcome of {@link #builtInWith(Path)}.
     *
     * @param rules the rules in force
     * @param problems company rules that could not be used, one by one
     * @param error why the company file could not be used at all, when it could not
     */
    public record WithCompanyRules(RuleSet rules, List<RuleProblem> problems, Optional<String> error) {
        public WithCompanyRules {
            problems = List.copyOf(problems);
        }
    }

    /** These rules followed by {@code others}; a rule of {@code others} replaces one with its id. */
    public RuleSet plus(RuleSet others) {
        Map<String, Rule> byId = new LinkedHashMap<>();
        for (Rule rule : rules) {
            byId.put(rule.id(), rule);
        }
        for (Rule rule : others.rules) {
            byId.put(rule.id(), rule);
        }
        return new RuleSet(new ArrayList<>(byId.values()));
    }

    /** How many rules there are. */
    public int size() {
        return rules.size();
    }

    /** The rules' ids, in order. */
    public List<String> ids() {
        return rules.stream().map(Rule::id).toList();
    }

    /** The category of a rule, when the set has it. */
    public Optional<Category> categoryOf(String ruleId) {
        return rules.stream()
                .filter(r -> r.id().equals(ruleId))
                .map(Rule::category)
                .findFirst();
    }

    /** What a rule finds, in words ("GitHub personal access token (classic)"), for notifications. */
    public Optional<String> descriptionOf(String ruleId) {
        return rules.stream()
                .filter(r -> r.id().equals(ruleId))
                .map(Rule::description)
                .filter(d -> !d.isBlank())
                .findFirst();
    }

    /** The ids of rules whose regex runs over whole values, because they have no trigger. */
    public List<String> untriggered() {
        return rules.stream()
                .filter(r -> r.trigger() instanceof Trigger.Everywhere)
                .map(Rule::id)
                .toList();
    }

    List<Rule> rules() {
        return rules;
    }
}
