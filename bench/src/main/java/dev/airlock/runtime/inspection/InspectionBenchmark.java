package dev.airlock.runtime.inspection;

import dev.airlock.runtime.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The inspection engine against a naive loop, on one thread, with the whole built-in rule set (issue 6,
 * docs/performance.md):
 *
 * <ul>
 *   <li>{@link #engineMegabyte}: {@link Inspector#inspect} on a 1 MB {@code tools/call} result of mixed
 *       tool output ({@link MixedToolOutput}), decoding layers and all, as the gateway calls it;
 *   <li>{@link #naiveMegabyte}: every rule's regex compiled with {@code java.util.regex} and run over every
 *       string value of the same result, the loop a scanner without triggers would be;
 *   <li>{@link #engineKilobyte}: {@link Inspector#inspect} on 1 KB results, sampled one call at a time for
 *       percentiles: the latency inspection adds to a small tool call.
 * </ul>
 *
 * <p>It sits in the engine's package to reach the rules' regexes for the naive loop, which the runtime
 * does not export. {@code dev/bench/inspection.sh} runs it and turns times into MB/s.
 */
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class InspectionBenchmark {

    /** The size of the large input, in characters of string values. */
    static final int MEGABYTE = 1024 * 1024;

    static final int KILOBYTE = 1024;
    private static final int SMALL_INPUTS = 256;
    private static final long SEED = 20261122L;

    private Inspector inspector;
    private InspectionPolicy policy;
    private JsonNode megabyte;
    private List<String> megabyteStrings;
    private List<Pattern> naive;
    private JsonNode[] kilobytes;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        RuleSet rules = RuleSet.builtIn();
        inspector = new Inspector(rules);
        policy = InspectionPolicy.defaults();
        megabyte = MixedToolOutput.toolResult(MEGABYTE, SEED);
        megabyteStrings = new ArrayList<>();
        collect(megabyte, megabyteStrings);
        naive = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            naive.add(Pattern.compile(rule.regex().pattern()));
        }
        kilobytes = kilobyteResults(megabyteStrings);
        InspectionResult sample = inspector.inspect(megabyte, Direction.TO_APP, policy);
        System.out.printf(
                "%ninput: %d chars of string values in %d strings, %d rules, %d findings (%d matches)%n",
                MixedToolOutput.stringChars(megabyte),
                megabyteStrings.size(),
                rules.size(),
                sample.findings().size(),
                sample.findings().stream().mapToInt(Finding::count).sum());
    }

    /** 1 KB slices of the large input's text, each wrapped as a tools/call result of its own. */
    private static JsonNode[] kilobyteResults(List<String> strings) {
        StringBuilder all = new StringBuilder();
        for (String s : strings) {
            if (!s.isEmpty() && s.length() < 20_000 && s.indexOf(' ') >= 0) {
                all.append(s).append('\n'); // text, not the base64 images: a small call is mostly words
            }
        }
        JsonNode[] results = new JsonNode[SMALL_INPUTS];
        int stride = (all.length() - KILOBYTE) / SMALL_INPUTS;
        for (int i = 0; i < SMALL_INPUTS; i++) {
            ObjectNode result = Json.mapper().createObjectNode();
            result.putArray("content")
                    .addObject()
                    .put("type", "text")
                    .put("text", all.substring(i * stride, i * stride + KILOBYTE));
            results[i] = result;
        }
        return results;
    }

    private static void collect(JsonNode node, List<String> into) {
        if (node.isString()) {
            into.add(node.stringValue());
        }
        for (JsonNode child : node) {
            collect(child, into);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 10, time = 2)
    public InspectionResult engineMegabyte() {
        return inspector.inspect(megabyte, Direction.TO_APP, policy);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1, time = 10)
    @Measurement(iterations = 3, time = 10)
    public int naiveMegabyte() {
        int found = 0;
        for (String s : megabyteStrings) {
            for (Pattern p : naive) {
                Matcher m = p.matcher(s);
                while (m.find()) {
                    found++;
                }
            }
        }
        return found;
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 10, time = 2)
    public InspectionResult engineKilobyte() {
        JsonNode input = kilobytes[next];
        next = (next + 1) % SMALL_INPUTS;
        return inspector.inspect(input, Direction.TO_APP, policy);
    }
}
