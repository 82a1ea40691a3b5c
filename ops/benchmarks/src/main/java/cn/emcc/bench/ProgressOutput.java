package cn.emcc.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.format.OutputFormat;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A compact JMH progress report: one line per benchmark and parameter set,
 * filled in as iterations finish, instead of JMH's page-long default. Anything
 * JMH prints itself (forked JVM errors, the total time) still comes through.
 */
final class ProgressOutput implements OutputFormat {

    private final PrintStream out;
    private final int total;
    private int started;

    ProgressOutput(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        started++;
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        String values = params.getParamsKeys().stream()
                .map(key -> key + "=" + params.getParam(key))
                .collect(Collectors.joining(" "));
        int width = String.valueOf(total).length();
        out.printf("  [%" + width + "d/%d] %-18s %-42s ", started, total, method, values);
        out.flush();
    }

    @Override
    public void iteration(BenchmarkParams params, IterationParams iteration, int index) {
    }

    @Override
    public void iterationResult(BenchmarkParams params, IterationParams iteration, int index,
                                IterationResult result) {
        out.print(iteration.getType() == IterationType.WARMUP ? "w" : ".");
        out.flush();
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        if (result == null) {
            out.println(" failed");
            return;
        }
        Result<?> primary = result.getPrimaryResult();
        out.printf(Locale.ROOT, " %10.1f ± %.1f %s%n", primary.getScore(),
                Double.isNaN(primary.getScoreError()) ? 0.0 : primary.getScoreError(), primary.getScoreUnit());
    }

    @Override
    public void startRun() {
    }

    @Override
    public void endRun(Collection<RunResult> results) {
    }

    @Override
    public void print(String s) {
        out.print(s);
    }

    @Override
    public void println(String s) {
        // The counter on each line already says how far the run is.
        if (s.startsWith("# Run progress") || s.startsWith("# Fork:") || s.isEmpty()) {
            return;
        }
        out.println(s);
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }

    @Override
    public void verbosePrintln(String s) {
    }

    @Override
    public void write(int b) {
        out.write(b);
    }

    @Override
    public void write(byte[] b) {
        out.write(b, 0, b.length);
    }
}
