package cn.emcc.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;

import java.util.Collection;

/** Runs JMH with the compact progress report. */
public final class JmhRun {

    private JmhRun() {
    }

    /** {@code expectedRuns} is the number of method × parameter combinations, for the progress counter. */
    public static Collection<RunResult> run(Options options, int expectedRuns) throws RunnerException {
        Collection<RunResult> results = new Runner(options, new ProgressOutput(System.out, expectedRuns)).run();
        if (results.size() != expectedRuns) {
            throw new RunnerException("expected " + expectedRuns + " benchmark runs, JMH reported "
                    + results.size() + "; a benchmark failed or the include pattern is wrong");
        }
        return results;
    }
}
