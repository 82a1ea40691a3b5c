package cn.emcc.bench;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How long JMH measures. The defaults keep one benchmark to two or three
 * minutes on 2 cores, enough to compare; set the environment variables for a
 * careful run (e.g. BENCH_FORKS=3 BENCH_ITERATIONS=10). The figure a
 * benchmark reports in its RESULT line is measured {@link #headline() longer}.
 */
public record JmhSettings(int forks, int warmupIterations, int warmupSeconds,
                          int iterations, int iterationSeconds, List<String> jvmArgs) {

    /** Every forked JVM gets these; the parallelism flag matters on 2 cores (see the parent pom). */
    public static final List<String> DEFAULT_JVM_ARGS = List.of(
            "-Xms1g", "-Xmx1g", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2",
            // protocols logs through slf4j-api only; without this each fork warns that no provider is bound
            "-Dslf4j.internal.verbosity=ERROR");

    public static JmhSettings fromEnvironment(Map<String, String> env) {
        List<String> jvmArgs = new ArrayList<>(DEFAULT_JVM_ARGS);
        String extra = env.getOrDefault("BENCH_JVM_ARGS", "").trim();
        if (!extra.isEmpty()) {
            jvmArgs.addAll(Arrays.asList(extra.split("\\s+")));
        }
        return new JmhSettings(
                positive(env, "BENCH_FORKS", 1),
                positive(env, "BENCH_WARMUP_ITERATIONS", 2),
                positive(env, "BENCH_WARMUP_SECONDS", 1),
                positive(env, "BENCH_ITERATIONS", 3),
                positive(env, "BENCH_ITERATION_SECONDS", 1),
                List.copyOf(jvmArgs));
    }

    private static int positive(Map<String, String> env, String name, int fallback) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the value
        }
        throw new IllegalArgumentException(name + "='" + raw + "': expected a whole number > 0");
    }

    /**
     * For the figure a benchmark reports: four times the warmup (twice the
     * iterations, each twice as long) and two more measurements. A JVM running
     * code of several shapes takes seconds to settle, longer when other work
     * shares the cores.
     */
    public JmhSettings headline() {
        return new JmhSettings(forks, warmupIterations * 2, warmupSeconds * 2, iterations + 2, iterationSeconds,
                jvmArgs);
    }

    /** Average time per operation in nanoseconds, for the benchmarks matching {@code includeRegex}. */
    public ChainedOptionsBuilder averageTime(String includeRegex) {
        return new OptionsBuilder()
                .include(includeRegex)
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .forks(forks)
                .warmupIterations(warmupIterations)
                .warmupTime(TimeValue.seconds(warmupSeconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(iterationSeconds))
                .threads(1)
                .shouldFailOnError(true)
                .jvmArgs(jvmArgs.toArray(String[]::new));
    }

    @Override
    public String toString() {
        return forks + " fork(s), warmup " + warmupIterations + "x" + warmupSeconds + "s, measure "
                + iterations + "x" + iterationSeconds + "s, jvm " + String.join(" ", jvmArgs);
    }
}
