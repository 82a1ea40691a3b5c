package cn.emcc.command;

import cn.emcc.command.persistence.StorageKind;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the layered node configuration (application.conf and its includes, environment
 * overrides, reference.conf of the libraries) and adds the settings HOCON cannot derive
 * by itself: the journal and snapshot plugins for {@code emcc.storage}, list-valued
 * settings given as comma-separated environment variables, an absolute data directory.
 * Every ActorSystem of emcc, tests included, is built from a config made here.
 */
public final class EmccConfig {

    /** The ActorSystem name of every emcc node; also {@code emcc.actor-system-name}. */
    public static final String ACTOR_SYSTEM_NAME = "emcc";

    private EmccConfig() {
    }

    /** The node's configuration as deployed: files plus environment variables. */
    public static Config load() {
        return load(ConfigFactory.empty());
    }

    /**
     * The node's configuration with {@code overrides} on top, e.g. a test's
     * {@code ConfigFactory.parseString("emcc.data-dir = ...")}. Overrides take part in
     * substitution, so changing {@code emcc.data-dir} moves the H2 database too.
     */
    public static Config load(Config overrides) {
        Config layered = overrides.withFallback(ConfigFactory.defaultApplication());
        Config firstPass = ConfigFactory.load(layered);
        return ConfigFactory.load(derivedSettings(firstPass).withFallback(layered));
    }

    private static Config derivedSettings(Config config) {
        Map<String, Object> derived = new HashMap<>();
        derived.put("emcc.data-dir",
                Path.of(config.getString("emcc.data-dir")).toAbsolutePath().normalize().toString());

        StorageKind storage = StorageKind.fromConfig(config);
        // An explicit choice (e.g. a test's in-memory journal) wins over emcc.storage.
        if (config.getString("pekko.persistence.journal.plugin").isEmpty()) {
            derived.put("pekko.persistence.journal.plugin", storage.journalPluginId());
            // Started with the system: connection problems show at start, not at the first Ack.
            derived.put("pekko.persistence.journal.auto-start-journals", List.of(storage.journalPluginId()));
        }
        if (config.getString("pekko.persistence.snapshot-store.plugin").isEmpty()) {
            derived.put("pekko.persistence.snapshot-store.plugin", storage.snapshotPluginId());
            derived.put("pekko.persistence.snapshot-store.auto-start-snapshot-stores",
                    List.of(storage.snapshotPluginId()));
        }

        derived.put("datastax-java-driver.basic.contact-points",
                commaSeparated("emcc.cassandra.contact-points", config.getString("emcc.cassandra.contact-points")));
        String seedNodes = config.getString("emcc.cluster.seed-nodes");
        if (!seedNodes.isBlank()) {
            derived.put("pekko.cluster.seed-nodes", commaSeparated("emcc.cluster.seed-nodes", seedNodes));
        }
        return ConfigFactory.parseMap(derived, "derived by " + EmccConfig.class.getName());
    }

    private static List<String> commaSeparated(String path, String value) {
        List<String> items = Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .toList();
        if (items.isEmpty()) {
            throw new IllegalArgumentException(path + " is '" + value + "'; expected a comma-separated list");
        }
        return items;
    }
}
