package cn.emcc.command.persistence;

import com.typesafe.config.Config;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.Persistence;

/**
 * The event store of this node: which one {@code emcc.storage} selected, and making it
 * usable before the first entity persists (H2: create the schema when missing;
 * Cassandra: fail with a clear reason when no node answers, the plugin creates its
 * own schema in development).
 */
public final class Storage {

    private final StorageKind kind;
    private final Config config;

    private Storage(StorageKind kind, Config config) {
        this.kind = kind;
        this.config = config;
    }

    /** The store selected by a config built with {@code EmccConfig.load(...)}. */
    public static Storage of(Config config) {
        return new Storage(StorageKind.fromConfig(config), config);
    }

    /**
     * Prepares the store of {@code system}'s configuration, blocking up to
     * {@code emcc.storage-prepare-timeout}. Call it once after creating the ActorSystem
     * and before starting entities.
     *
     * @throws IllegalStateException when the store cannot be used, with the reason
     */
    public static Storage prepare(ActorSystem<?> system) {
        Storage storage = of(system.settings().config());
        storage.prepare(system, storage.config.getDuration("emcc.storage-prepare-timeout"));
        return storage;
    }

    public StorageKind kind() {
        return kind;
    }

    /** Same as {@link #prepare(ActorSystem)} with an explicit time bound. */
    public void prepare(ActorSystem<?> system, Duration timeout) {
        requirePluginsOf(kind);
        // The Persistence extension starts lazily, with the first entity; creating it here
        // starts the journal and snapshot store now (auto-start), which for Cassandra also
        // starts the plugin's schema creation that CassandraContact waits for.
        Persistence.get(system.classicSystem());
        switch (kind) {
            case H2 -> H2Schema.createIfMissing(system, config, timeout);
            case CASSANDRA -> CassandraContact.verify(system, config, timeout);
        }
    }

    // Guards against an ActorSystem whose config did not come through EmccConfig.load:
    // emcc.storage would then say one store while the journal writes to another (or none).
    private void requirePluginsOf(StorageKind expected) {
        requirePlugin("pekko.persistence.journal.plugin", expected.journalPluginId());
        requirePlugin("pekko.persistence.snapshot-store.plugin", expected.snapshotPluginId());
    }

    private void requirePlugin(String path, String expectedId) {
        String actual = config.getString(path);
        if (!actual.equals(expectedId)) {
            throw new IllegalStateException(path + " is '" + actual + "' but " + StorageKind.SETTING + " is '"
                    + kind.configValue() + "', which expects '" + expectedId
                    + "'; build the ActorSystem's config with EmccConfig.load(...)");
        }
    }
}
