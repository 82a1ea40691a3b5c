package cn.emcc.ops.sim;

import cn.emcc.protocols.v1.Agency;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the demo agencies against any emcc. Options (each also an environment variable):
 * <pre>
 *   --url URL         EMCC_URL            gateway base, default http://localhost:8080
 *   --seed N          EMCC_SIM_SEED       default: the current time (a new scenario each run)
 *   --rate R          EMCC_SIM_RATE       reports per minute, default 30
 *   --minutes M       EMCC_SIM_MINUTES    stop after M minutes (default: until Ctrl-C)
 *   --reject-share S  EMCC_SIM_REJECT     share of dispatch orders refused, default 0.1
 *   --fix-every S     EMCC_SIM_FIX_EVERY  seconds between a driving crew's AVL fixes, default 3
 *   --verbose         EMCC_SIM_VERBOSE=true
 *   --keys DIR        EMCC_KEYS_DIR       a development key set (ops/keys DIR): the agencies'
 *                                         keys, emcc's order keys, the TLS certificate to trust;
 *                                         an agency without a key there is not simulated.
 * </pre>
 * Prints one line of statistics a minute and a last one when it stops.
 */
public final class DemoAgenciesMain {

    private static final List<String> OPTIONS = List.of("url", "seed", "rate", "minutes", "reject-share", "fix-every",
            "verbose", "keys");

    private DemoAgenciesMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> opts;
        try {
            opts = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: DemoAgenciesMain [--url URL] [--seed N] [--rate R] [--minutes M] "
                    + "[--reject-share S] [--fix-every S] [--verbose] --keys DIR");
            System.exit(2);
            return;
        }
        URI url = URI.create(setting(opts, "url", "EMCC_URL", "http://localhost:8080"));
        long seed = Long.parseLong(setting(opts, "seed", "EMCC_SIM_SEED", Long.toString(System.currentTimeMillis())));
        double rate = Double.parseDouble(setting(opts, "rate", "EMCC_SIM_RATE", "30"));
        String minutes = setting(opts, "minutes", "EMCC_SIM_MINUTES", null);
        Duration duration = minutes == null ? null : Duration.ofSeconds(Math.round(Double.parseDouble(minutes) * 60));
        double rejectShare = Double.parseDouble(setting(opts, "reject-share", "EMCC_SIM_REJECT",
                Double.toString(DemoOptions.DEFAULT_ORDER_REJECT_SHARE)));
        Duration fixEvery = Duration.ofMillis(Math.round(1000 * Double.parseDouble(setting(opts, "fix-every",
                "EMCC_SIM_FIX_EVERY", Double.toString(DemoOptions.DEFAULT_FIX_EVERY.toMillis() / 1000.0)))));
        boolean verbose = Boolean.parseBoolean(setting(opts, "verbose", "EMCC_SIM_VERBOSE", "false"));

        String keys = setting(opts, "keys", "EMCC_KEYS_DIR", null);
        if (keys == null) {
            System.err.println("no agency keys: pass --keys DIR (or EMCC_KEYS_DIR), a key set made by ops/keys DIR"
                    + " whose agency-keys.conf the emcc node uses");
            System.exit(2);
        }
        DemoCredentials credentials = DemoCredentials.fromKeySet(java.nio.file.Path.of(keys));

        DemoOptions options = new DemoOptions(seed, rate, duration, verbose, rejectShare, fixEvery);
        System.out.printf(Locale.ROOT, "emcc demo agencies -> %s, seed %d, %.1f reports/min, %s, agencies %s%n",
                url, seed, rate, duration == null ? "until Ctrl-C" : "for " + duration, credentials.agencies().keySet());
        DemoAgencies demo = DemoAgencies.start(url, credentials, options);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.stop();
            done.countDown();
        }, "emcc-demo-shutdown"));
        demo.finished().whenComplete((ok, error) -> done.countDown());

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "emcc-demo-stats");
            t.setDaemon(true);
            return t;
        });
        long started = System.nanoTime();
        ticker.scheduleAtFixedRate(() -> System.out.printf(Locale.ROOT, "[%3d min] %s%n",
                TimeUnit.NANOSECONDS.toMinutes(System.nanoTime() - started), demo.stats().line()), 1, 1, TimeUnit.MINUTES);
        if (duration == null) {
            done.await();
        } else if (!done.await(duration.plusMinutes(1).toMillis(), TimeUnit.MILLISECONDS)) {
            System.out.println("gave up waiting for the last answers a minute after the run ended");
        }
        ticker.shutdownNow();
        demo.stop();
        System.out.println("[done] " + demo.stats().line());
    }

    private static String setting(Map<String, String> opts, String option, String env, String fallback) {
        String value = opts.get(option);
        if (value == null) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("argument '" + a + "' is not an option; expected --name value");
            }
            String name = a.substring(2);
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option " + a + "; expected one of --" + String.join(", --", OPTIONS));
            }
            if (name.equals("verbose")) {
                opts.put(name, "true");
            } else if (i + 1 < args.length) {
                opts.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("option --" + name + " has no value");
            }
        }
        return opts;
    }
}
