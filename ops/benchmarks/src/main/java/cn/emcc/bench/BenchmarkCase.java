package cn.emcc.bench;

import org.openjdk.jmh.runner.RunnerException;

import java.util.List;

/** One benchmark that {@code ops/bench NAME} can run; registered in {@link Benchmarks}. */
public interface BenchmarkCase {

    /** The name given to {@code ops/bench}. */
    String name();

    /** One line for {@code ops/bench --list}. */
    String description();

    /** Lines saying how long and how hard it will measure, printed before it starts. */
    default List<String> describeSettings(JmhSettings settings) {
        return List.of("per kind: " + settings, "RESULT figure: " + settings.headline());
    }

    /** Runs the benchmark, printing progress and any detail on the way, and returns its summary. */
    ResultLine run(JmhSettings settings) throws RunnerException;
}
