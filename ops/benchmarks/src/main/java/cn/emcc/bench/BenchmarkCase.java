package cn.emcc.bench;

import org.openjdk.jmh.runner.RunnerException;

/** One benchmark that {@code ops/bench NAME} can run; registered in {@link Benchmarks}. */
public interface BenchmarkCase {

    /** The name given to {@code ops/bench}. */
    String name();

    /** One line for {@code ops/bench --list}. */
    String description();

    /** Runs the benchmark, printing progress and any detail on the way, and returns its summary. */
    ResultLine run(JmhSettings settings) throws RunnerException;
}
