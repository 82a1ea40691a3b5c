package cn.emcc.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The layered node configuration: defaults, overrides and the settings EmccConfig derives. */
class EmccConfigTest {

    @Test
    void defaultsRunOneNodeOnLoopbackWithTheEmbeddedStore() {
        Config config = EmccConfig.load();

        assertThat(config.getString("emcc.actor-system-name")).isEqualTo(EmccConfig.ACTOR_SYSTEM_NAME);
        assertThat(config.getString("pekko.actor.provider")).isEqualTo("cluster");
        assertThat(config.getString("pekko.remote.artery.canonical.hostname")).isEqualTo("127.0.0.1");
        assertThat(config.getInt("pekko.remote.artery.canonical.port")).isEqualTo(25520);
        assertThat(config.getStringList("pekko.cluster.seed-nodes")).containsExactly("pekko://emcc@127.0.0.1:25520");
        assertThat(config.getString("pekko.cluster.split-brain-resolver.active-strategy")).isEqualTo("keep-majority");
        assertThat(config.getString("emcc.http.host")).isEqualTo("127.0.0.1");
        assertThat(config.getInt("emcc.http.port")).isEqualTo(8080);
        assertThat(config.getString("emcc.storage")).isEqualTo("h2");
        assertThat(config.getString("pekko.persistence.journal.plugin")).isEqualTo("jdbc-journal");
        assertThat(config.getString("pekko.persistence.snapshot-store.plugin")).isEqualTo("jdbc-snapshot-store");
        assertThat(config.getString("pekko.persistence.state.plugin")).isEmpty();
        assertThat(config.getBoolean("pekko.actor.allow-java-serialization")).isFalse();
        assertThat(config.getString("pekko.actor.serialization-bindings.\"cn.emcc.command.serialization.CborSerializable\""))
                .isEqualTo("jackson-cbor");
    }

    @Test
    void theH2DatabaseLivesUnderTheAbsoluteDataDirAndWritesEveryCommit() {
        Config config = EmccConfig.load(ConfigFactory.parseString("emcc.data-dir = \"relative/dir\""));

        String dataDir = Path.of("relative/dir").toAbsolutePath().normalize().toString();
        assertThat(config.getString("emcc.data-dir")).isEqualTo(dataDir);
        assertThat(config.getString("pekko-persistence-jdbc.shared-databases.emcc-h2.db.url"))
                .startsWith("jdbc:h2:file:" + dataDir + "/h2/emcc;")
                .contains(";WRITE_DELAY=0")
                // events of a few KiB stay in their row, not in H2's separate LOB store (docs/storage.md)
                .contains(";MAX_LENGTH_INPLACE_LOB=8192");
    }

    @Test
    void cassandraSelectsTheCassandraPluginsKeyspaceAndContactPoints() {
        Config config = EmccConfig.load(ConfigFactory.parseString("""
                emcc.storage = cassandra
                emcc.cassandra.keyspace = emcc_elsewhere
                emcc.cassandra.contact-points = "10.0.0.1:9042, 10.0.0.2:9042"
                """));

        assertThat(config.getString("pekko.persistence.journal.plugin")).isEqualTo("pekko.persistence.cassandra.journal");
        assertThat(config.getStringList("pekko.persistence.journal.auto-start-journals"))
                .containsExactly("pekko.persistence.cassandra.journal");
        assertThat(config.getString("pekko.persistence.snapshot-store.plugin"))
                .isEqualTo("pekko.persistence.cassandra.snapshot");
        assertThat(config.getString("pekko.persistence.cassandra.journal.keyspace")).isEqualTo("emcc_elsewhere");
        assertThat(config.getString("pekko.persistence.cassandra.snapshot.keyspace")).isEqualTo("emcc_elsewhere");
        assertThat(config.getStringList("datastax-java-driver.basic.contact-points"))
                .containsExactly("10.0.0.1:9042", "10.0.0.2:9042");
        assertThat(config.getString("datastax-java-driver.basic.load-balancing-policy.local-datacenter"))
                .isEqualTo("datacenter1");
    }

    @Test
    void anExplicitJournalPluginWinsOverTheStorageChoice() {
        Config config = EmccConfig.load(ConfigFactory.parseString(
                "pekko.persistence.journal.plugin = \"pekko.persistence.journal.inmem\""));

        assertThat(config.getString("pekko.persistence.journal.plugin")).isEqualTo("pekko.persistence.journal.inmem");
    }

    @Test
    void seedNodesGivenAsOneStringBecomeTheSeedList() {
        Config config = EmccConfig.load(ConfigFactory.parseString(
                "emcc.cluster.seed-nodes = \"pekko://emcc@10.0.0.1:25520,pekko://emcc@10.0.0.2:25520\""));

        assertThat(config.getStringList("pekko.cluster.seed-nodes"))
                .containsExactly("pekko://emcc@10.0.0.1:25520", "pekko://emcc@10.0.0.2:25520");
    }

    @Test
    void anUnknownStoreIsRejectedWithTheChoices() {
        assertThatThrownBy(() -> EmccConfig.load(ConfigFactory.parseString("emcc.storage = postgres")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("emcc.storage")
                .hasMessageContaining("'postgres'")
                .hasMessageContaining("h2, cassandra");
    }
}
