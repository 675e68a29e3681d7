package dev.airlock.runtime.inspection;

import dev.airlock.runtime.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/**
 * Turns the JSON that JMH wrote for {@link InspectionBenchmark} into the figures docs/performance.md
 * quotes: MB/s for the engine and the naive loop, their ratio, and the 1 KB call's percentiles.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.airlock.runtime.inspection.InspectionReport FILE}
 */
public final class InspectionReport {

    private InspectionReport() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("Usage: InspectionReport JMH-RESULT.json");
            System.exit(2);
        }
        JsonNode results = Json.mapper().readTree(Files.readString(Path.of(args[0])));
        double megabytes = InspectionBenchmark.MEGABYTE / 1_000_000.0;
        Double engine = null;
        Double naive = null;
        for (JsonNode result : results) {
            String name = result.path("benchmark").asString("");
            JsonNode metric = result.path("primaryMetric");
            double score = metric.path("score").asDouble();
            double error = metric.path("scoreError").asDouble();
            if (name.endsWith(".engineMegabyte")) {
                engine = megabytes / (score / 1000);
                System.out.printf(
                        "engine, 1 MB:            %8.1f MB/s  (%.2f ± %.2f ms per MB)%n", engine, score, error);
            } else if (name.endsWith(".naiveMegabyte")) {
                naive = megabytes / (score / 1000);
                System.out.printf(
                        "naive java.util.regex:   %8.2f MB/s  (%.0f ± %.0f ms per MB)%n", naive, score, error);
            } else if (name.endsWith(".engineKilobyte")) {
                JsonNode p = metric.path("scorePercentiles");
                System.out.printf(
                        "engine, 1 KB call (µs):  mean %.1f  p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.0f%n",
                        score,
                        p.path("50.0").asDouble(),
                        p.path("90.0").asDouble(),
                        p.path("99.0").asDouble(),
                        p.path("99.9").asDouble(),
                        p.path("100.0").asDouble());
            }
        }
        if (engine != null && naive != null) {
            System.out.printf("ratio engine / naive:    %8.0fx%n", engine / naive);
        }
    }
}
