package dev.airlock.runtime.inspection;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A quick throughput harness, not a test (nothing here asserts on time): scans about 1 MB of tool output
 * with the whole built-in rule set on one thread, and the same rules as a naive loop of java.util.regex
 * over every string value, and prints MB/s for both. Run it with the test class path:
 * {@code java -cp runtime/target/classes:runtime/target/test-classes:<deps> dev.airlock.runtime.inspection.InspectionThroughput}.
 */
public final class InspectionThroughput {

    private InspectionThroughput() {}

    public static void main(String[] args) {
        JsonNode message = ToolOutputCorpus.toolResult(1024 * 1024);
        double megabytes = ToolOutputCorpus.stringChars(message) / 1_000_000.0;
        RuleSet rules = RuleSet.builtIn();
        Inspector inspector = new Inspector(rules);
        InspectionPolicy policy = InspectionPolicy.defaults();

        InspectionResult sample = inspector.inspect(message, Direction.TO_APP, policy);
        System.out.printf(
                "corpus %.2f MB of string values, %d rules, %d findings%n",
                megabytes, rules.size(), sample.findings().size());

        double engine = measure(() -> inspector.inspect(message, Direction.TO_APP, policy), megabytes, 5, 20);
        System.out.printf("Airlock engine:        %8.1f MB/s%n", engine);

        List<java.util.regex.Pattern> naive = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            naive.add(java.util.regex.Pattern.compile(rule.regex().pattern()));
        }
        List<String> strings = new ArrayList<>();
        collect(message, strings);
        double loop = measure(
                () -> {
                    int found = 0;
                    for (String s : strings) {
                        for (java.util.regex.Pattern p : naive) {
                            java.util.regex.Matcher m = p.matcher(s);
                            while (m.find()) {
                                found++;
                            }
                        }
                    }
                    return found;
                },
                megabytes,
                1,
                2);
        System.out.printf("naive java.util.regex: %8.2f MB/s%n", loop);
        System.out.printf("ratio: %.0fx%n", engine / loop);
    }

    private static void collect(JsonNode node, List<String> into) {
        if (node.isString()) {
            into.add(node.stringValue());
        }
        for (JsonNode child : node) {
            collect(child, into);
        }
    }

    private static double measure(java.util.function.Supplier<Object> work, double megabytes, int warmups, int runs) {
        for (int i = 0; i < warmups; i++) {
            work.get();
        }
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            work.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return megabytes * runs / seconds;
    }
}
