package dev.airlock.runtime.inspection;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Two versions of the engine in one JVM, alternating on the same 1 MB input, so that both see the same
 * load: on a shared machine a JMH run before a change and one after it can differ by more than the
 * change. Each version gets its own class loader: the other version's inspection classes come first,
 * then this jar. {@code dev/bench/inspection-ab.sh REF} compiles REF's engine and runs this.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.airlock.runtime.inspection.InspectionSideBySide
 * OTHER-CLASSES-DIR [ROUNDS]}
 */
public final class InspectionSideBySide {

    private InspectionSideBySide() {}

    /** What each class loader runs: the engine of that loader on the benchmark input. */
    public static final class Probe {
        private static Inspector inspector;
        private static JsonNode input;

        private Probe() {}

        public static void setUp() {
            input = MixedToolOutput.toolResult(InspectionBenchmark.MEGABYTE, 20261122L);
            inspector = new Inspector(RuleSet.builtIn());
        }

        public static int run() {
            return inspector
                    .inspect(input, Direction.TO_APP, InspectionPolicy.defaults())
                    .findings()
                    .size();
        }

        /** Findings and matches, so that a change in what is found shows next to the times. */
        public static String found() {
            var findings = inspector
                    .inspect(input, Direction.TO_APP, InspectionPolicy.defaults())
                    .findings();
            return findings.size() + " findings ("
                    + findings.stream().mapToInt(Finding::count).sum() + " matches)";
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("Usage: InspectionSideBySide OTHER-CLASSES-DIR [ROUNDS]");
            System.exit(2);
        }
        URL self =
                InspectionSideBySide.class.getProtectionDomain().getCodeSource().getLocation();
        URL other = Path.of(args[0]).toUri().toURL();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        String[] names = {"other (" + args[0] + ")", "this build"};
        URL[][] paths = {{other, self}, {self}};
        Method[] runs = new Method[2];
        for (int i = 0; i < 2; i++) {
            ClassLoader loader = new URLClassLoader(paths[i], ClassLoader.getPlatformClassLoader());
            Class<?> probe = loader.loadClass(Probe.class.getName());
            probe.getMethod("setUp").invoke(null);
            runs[i] = probe.getMethod("run");
            System.out.printf("%s: %s%n", names[i], probe.getMethod("found").invoke(null));
        }
        for (int w = 0; w < 15; w++) {
            runs[0].invoke(null);
            runs[1].invoke(null);
        }
        List<List<Long>> times = List.of(new ArrayList<>(), new ArrayList<>());
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < 2; i++) {
                long start = System.nanoTime();
                runs[i].invoke(null);
                times.get(i).add(System.nanoTime() - start);
            }
        }
        double megabytes = InspectionBenchmark.MEGABYTE / 1_000_000.0;
        long[] medians = new long[2];
        for (int i = 0; i < 2; i++) {
            List<Long> sorted = new ArrayList<>(times.get(i));
            Collections.sort(sorted);
            medians[i] = sorted.get(rounds / 2);
            System.out.printf(
                    "%-40s best %6.1f ms (%5.1f MB/s)  median %6.1f ms (%5.1f MB/s)%n",
                    names[i],
                    sorted.getFirst() / 1e6,
                    megabytes / (sorted.getFirst() / 1e9),
                    medians[i] / 1e6,
                    megabytes / (medians[i] / 1e9));
        }
        System.out.printf("this build is %.2f times as fast at the median%n", (double) medians[0] / medians[1]);
    }
}
