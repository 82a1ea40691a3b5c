package cn.emcc.demo;

import cn.emcc.command.EmccConfig;
import cn.emcc.command.EmccServer;
import cn.emcc.command.officers.Role;
import cn.emcc.command.trust.DevKeySet;
import cn.emcc.ops.sim.DemoAgencies;
import cn.emcc.ops.sim.DemoCredentials;
import cn.emcc.ops.sim.DemoOptions;
import com.typesafe.config.ConfigFactory;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./emcc run}: one emcc node on the embedded store, plus simulated
 * police, fire, weather and traffic systems feeding it over the real gateway,
 * with real credentials: a development key set under
 * {@code <data-dir>/dev-keys} (made on the first run, kept after) holds the
 * agencies' Ed25519 keys and their registry, emcc's order-signing key and the
 * self-signed TLS certificate the node serves. The demo runs over TLS like a
 * deployment does; the browser is asked once to accept the certificate.
 */
public final class DemoMain {

    private DemoMain() {
    }

    public static void main(String[] args) {
        Path dataDir = Path.of(EmccConfig.load().getString("emcc.data-dir"));
        DevKeySet keys = DevKeySet.createOrLoad(dataDir.resolve("dev-keys"));
        EmccServer server = EmccServer.start(EmccConfig.load(ConfigFactory.parseString(keys.nodeSettings())));
        long seed = Long.getLong("emcc.demo.seed", System.currentTimeMillis());
        DemoAgencies agencies = DemoAgencies.start(server.baseUri(), DemoCredentials.fromKeySet(keys.dir()),
                DemoOptions.defaults(seed));

        List<String> officers = demoOfficers(server);
        String base = server.baseUri().toString();
        System.out.println();
        System.out.println("emcc is running (demo)");
        System.out.println("  incidents JSON:  " + base + "/v1/incidents?within=370000");
        System.out.println("  agency gateway:  " + base.replaceFirst("^http", "ws") + "/v1/agency/stream");
        server.tls().flatMap(t -> t.certificateFile()).ifPresent(cert -> {
            System.out.println("  TLS certificate: " + cert + " (self-signed, for development)");
            System.out.println("                   browser: accept the warning once; curl --cacert " + cert + " ...");
        });
        System.out.println("  agency keys:     " + keys.registryFile() + " (set status = revoked to shut one out)");
        System.out.println("  store:           " + server.storage().kind() + " (data in "
                + server.system().settings().config().getString("emcc.data-dir") + ")");
        System.out.println("  demo agencies:   police 110, fire 119, weather, traffic (seed " + seed + ")");
        System.out.println("  console:         " + base + "/  (log in as one of these demo officers)");
        officers.forEach(line -> System.out.println("    " + line));
        System.out.println("Ctrl-C stops it.");
        System.out.println();

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "emcc-demo-stats");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> System.out.println("demo agencies: " + agencies.stats().line()
                + " · unit progress reports " + agencies.progressReports()
                + " · position fixes " + agencies.positionFixes()
                + " · open incidents " + server.board().open(c -> true).size()), 30, 30, TimeUnit.SECONDS);

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ticker.shutdownNow();
            agencies.close();
            server.close();
        }, "emcc-demo-shutdown"));
        server.system().getWhenTerminated().toCompletableFuture().join();
    }

    /**
     * A province duty officer, a Jinan city commander and a 历下区 duty officer, each with a
     * new random password on every run (an existing account of a kept data directory is reset).
     */
    private static List<String> demoOfficers(EmccServer server) {
        record Demo(String username, String name, Role role, String adcode) {
        }
        List<Demo> demo = List.of(
                new Demo("province.duty", "省值班员", Role.DUTY_OFFICER, "370000"),
                new Demo("jinan.commander", "济南市指挥长", Role.COMMANDER, "370100"),
                new Demo("lixia.duty", "历下区值班员", Role.DUTY_OFFICER, "370102"));
        SecureRandom random = new SecureRandom();
        List<String> lines = new ArrayList<>();
        server.officers().awaitFirstAdmin();
        for (Demo d : demo) {
            byte[] bytes = new byte[12];
            random.nextBytes(bytes);
            String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            server.officers().provision(d.username(), d.name(), d.role(), d.adcode(), password)
                    .toCompletableFuture().join();
            lines.add(String.format("%-16s %-13s %s  password %s", d.username(), d.role(), d.adcode(), password));
        }
        return lines;
    }

}
