package cn.emcc.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;

import java.util.Collection;

/** Runs JMH, possibly several times for one benchmark, with one compact progress report across the runs. */
public final class JmhRun {

    private final ProgressOutput progress;

    /** {@code totalRuns}: method × parameter combinations over all the runs, for the progress counter. */
    public JmhRun(int totalRuns) {
        this.progress = new ProgressOutput(System.out, totalRuns);
    }

    /** {@code expectedRuns}: the method × parameter combinations {@code options} selects. */
    public Collection<RunResult> run(Options options, int expectedRuns) throws RunnerException {
        Collection<RunResult> results = new Runner(options, progress).run();
        if (results.size() != expectedRuns) {
            throw new RunnerException("expected " + expectedRuns + " benchmark runs, JMH reported "
                    + results.size() + "; a benchmark failed or the include pattern is wrong");
        }
        return results;
    }
}
