package cn.emcc.command.persistence;

import com.typesafe.config.Config;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The event stores emcc can run on, with the Pekko plugin ids each one uses. */
public enum StorageKind {
    H2("h2", "jdbc-journal", "jdbc-snapshot-store", "jdbc-read-journal"),
    CASSANDRA("cassandra",
            "pekko.persistence.cassandra.journal",
            "pekko.persistence.cassandra.snapshot",
            "pekko.persistence.cassandra.query");

    /** Config path of the choice; environment variable EMCC_STORAGE. */
    public static final String SETTING = "emcc.storage";

    private final String configValue;
    private final String journalPluginId;
    private final String snapshotPluginId;
    private final String readJournalPluginId;

    StorageKind(String configValue, String journalPluginId, String snapshotPluginId, String readJournalPluginId) {
        this.configValue = configValue;
        this.journalPluginId = journalPluginId;
        this.snapshotPluginId = snapshotPluginId;
        this.readJournalPluginId = readJournalPluginId;
    }

    public static StorageKind fromConfig(Config config) {
        return parse(config.getString(SETTING));
    }

    public static StorageKind parse(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(kind -> kind.configValue.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        SETTING + " (env EMCC_STORAGE) is '" + value + "'; expected one of "
                                + Arrays.stream(values()).map(StorageKind::configValue)
                                        .collect(Collectors.joining(", "))));
    }

    /** The value of {@value #SETTING} that selects this store. */
    public String configValue() {
        return configValue;
    }

    public String journalPluginId() {
        return journalPluginId;
    }

    public String snapshotPluginId() {
        return snapshotPluginId;
    }

    /** For {@code PersistenceQuery.get(system).getReadJournalFor(..., id)} in projections. */
    public String readJournalPluginId() {
        return readJournalPluginId;
    }
}
