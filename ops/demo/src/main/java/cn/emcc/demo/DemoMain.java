package cn.emcc.demo;

import cn.emcc.command.EmccConfig;
import cn.emcc.command.EmccServer;
import cn.emcc.command.officers.Role;
import cn.emcc.ops.sim.DemoAgencies;
import cn.emcc.ops.sim.DemoOptions;
import cn.emcc.protocols.v1.Agency;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./emcc run}: one emcc node on the embedded store, plus simulated
 * police, fire, weather and traffic systems feeding it over the real gateway.
 * The agencies' tokens are random for each run and registered only in this
 * process, so the demo needs no secret in the repository.
 */
public final class DemoMain {

    private static final List<Agency> DEMO_AGENCIES =
            List.of(Agency.AGENCY_POLICE, Agency.AGENCY_FIRE, Agency.AGENCY_WEATHER, Agency.AGENCY_TRAFFIC);

    private DemoMain() {
    }

    public static void main(String[] args) {
        Map<Agency, String> tokens = randomTokens();
        EmccServer server = EmccServer.start(EmccConfig.load(agencies(tokens)));
        long seed = Long.getLong("emcc.demo.seed", System.currentTimeMillis());
        DemoAgencies agencies = DemoAgencies.start(server.baseUri(), tokens, DemoOptions.defaults(seed));

        List<String> officers = demoOfficers(server);
        String base = server.baseUri().toString();
        System.out.println();
        System.out.println("emcc is running (demo)");
        System.out.println("  incidents:       " + base + "/");
        System.out.println("  incidents JSON:  " + base + "/v1/incidents?within=370000");
        System.out.println("  agency gateway:  " + base.replace("http", "ws") + "/v1/agency/stream");
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

    private static Map<Agency, String> randomTokens() {
        SecureRandom random = new SecureRandom();
        Map<Agency, String> tokens = new EnumMap<>(Agency.class);
        for (Agency a : DEMO_AGENCIES) {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            tokens.put(a, HexFormat.of().formatHex(bytes));
        }
        return tokens;
    }

    private static Config agencies(Map<Agency, String> tokens) {
        List<Map<String, Object>> list = new ArrayList<>();
        tokens.forEach((agency, token) -> list.add(Map.of(
                "agency", agency.name().replace("AGENCY_", ""),
                "name", "demo-" + agency.name().replace("AGENCY_", "").toLowerCase(),
                "token", token,
                "jurisdictions", List.of("370000"))));
        return ConfigFactory.empty().withValue("emcc.gateway.agencies", ConfigValueFactory.fromIterable(list));
    }
}
