package cn.emcc.command.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.emcc.command.EmccConfig;
import cn.emcc.command.testsupport.EmccTestConfig;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preparing the store at start: schema creation for H2, a clear failure without Cassandra. */
class StorageTest {

    @TempDir
    Path dataDir;

    @Test
    void preparingH2CreatesTheSchemaOnceAndAgainIsHarmless() throws Exception {
        Config config = EmccConfig.load(ConfigFactory.parseMap(Map.of("emcc.data-dir", dataDir.toString()))
                .withFallback(EmccTestConfig.layer()));
        for (int start = 1; start <= 2; start++) {
            ActorTestKit testKit = ActorTestKit.create(EmccConfig.ACTOR_SYSTEM_NAME, config);
            try {
                assertThat(Storage.prepare(testKit.system()).kind()).isEqualTo(StorageKind.H2);
            } finally {
                testKit.shutdownTestKit();
            }
        }

        try (Connection connection = DriverManager.getConnection(config.getString("emcc.h2.url"), "emcc", "");
             ResultSet tables = connection.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString("TABLE_NAME"));
            }
            assertThat(names).contains("event_journal", "event_tag", "snapshot");
        }
        assertThat(dataDir.resolve("h2/emcc.mv.db")).exists();
    }

    @Test
    void withoutAReachableCassandraPrepareFailsNamingTheContactPoint() {
        Config config = EmccConfig.load(ConfigFactory.parseString("""
                emcc.storage = cassandra
                emcc.cassandra.contact-points = "127.0.0.1:1"
                emcc.storage-prepare-timeout = 10s
                """).withFallback(EmccTestConfig.layer()));
        ActorTestKit testKit = ActorTestKit.create(EmccConfig.ACTOR_SYSTEM_NAME, config);
        try {
            assertThatThrownBy(() -> Storage.prepare(testKit.system()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Cannot reach Cassandra")
                    .hasMessageContaining("127.0.0.1:1")
                    .hasMessageContaining("ops/cassandra/cassandra start");
        } finally {
            testKit.shutdownTestKit();
        }
    }

    @Test
    void aSystemWhoseJournalIsNotTheChosenStoreIsRefused() {
        Config config = ConfigFactory.parseString("pekko.persistence.journal.plugin = \"pekko.persistence.journal.inmem\"")
                .withFallback(EmccConfig.load(EmccTestConfig.layer()));
        ActorTestKit testKit = ActorTestKit.create(EmccConfig.ACTOR_SYSTEM_NAME, config);
        try {
            assertThatThrownBy(() -> Storage.prepare(testKit.system()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("pekko.persistence.journal.plugin is 'pekko.persistence.journal.inmem'")
                    .hasMessageContaining("'jdbc-journal'");
        } finally {
            testKit.shutdownTestKit();
        }
    }
}
