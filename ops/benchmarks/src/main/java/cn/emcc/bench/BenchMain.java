package cn.emcc.bench;

import org.openjdk.jmh.runner.RunnerException;

import java.util.List;
import java.util.Optional;

/**
 * Entry point of {@code ops/bench}: {@code NAME}, {@code all} or {@code --list}.
 * Each benchmark's last line is its {@link ResultLine}.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException {
        if (args.length != 1) {
            usage();
            System.exit(2);
        }
        String what = args[0];
        if (what.equals("--list")) {
            Benchmarks.ALL.forEach(b -> System.out.printf("%-18s %s%n", b.name(), b.description()));
            return;
        }
        List<BenchmarkCase> chosen;
        if (what.equals("all")) {
            chosen = Benchmarks.ALL;
        } else {
            Optional<BenchmarkCase> named = Benchmarks.named(what);
            if (named.isEmpty()) {
                System.err.println("unknown benchmark '" + what + "'; expected one of "
                        + Benchmarks.ALL.stream().map(BenchmarkCase::name).toList() + " or all");
                System.exit(2);
            }
            chosen = List.of(named.get());
        }
        JmhSettings settings = JmhSettings.fromEnvironment(System.getenv());
        for (BenchmarkCase benchmark : chosen) {
            System.out.println("== " + benchmark.name() + ": " + benchmark.description());
            benchmark.describeSettings(settings).forEach(line -> System.out.println("   " + line));
            System.out.println("   " + MachineLoad.describe());
            ResultLine result = benchmark.run(settings);
            System.out.println(result.format());
        }
    }

    private static void usage() {
        System.err.println("usage: ops/bench NAME | all | --list");
    }
}
