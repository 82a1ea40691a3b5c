package cn.emcc.command.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.emcc.command.testsupport.CassandraAvailable;
import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.TestStore;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import cn.emcc.command.EmccConfig;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * ops/cassandra/schema.cql is all a node needs when it does not create its schema:
 * applied to an empty keyspace, a node with auto-creation off persists and recovers.
 */
@ExtendWith(CassandraAvailable.class)
class ProductionSchemaTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path scratch;

    @Test
    void aNodeWithoutAutoCreationRunsOnTheScriptedSchema() throws Exception {
        try (TestStore store = JournalUnderTest.CASSANDRA.freshStore(scratch)) {
            String keyspace = store.config().getString("emcc.cassandra.keyspace");
            applySchemaScript(store.config(), keyspace);
            Config noAutoCreate = ConfigFactory.parseString("""
                    pekko.persistence.cassandra.journal.keyspace-autocreate = false
                    pekko.persistence.cassandra.journal.tables-autocreate = false
                    pekko.persistence.cassandra.snapshot.keyspace-autocreate = false
                    pekko.persistence.cassandra.snapshot.tables-autocreate = false
                    """).withFallback(store.config());
            ActorTestKit testKit = ActorTestKit.create(EmccConfig.ACTOR_SYSTEM_NAME, noAutoCreate);
            try {
                Storage.prepare(testKit.system());
                TestProbe<Long> snapshots = testKit.createTestProbe();
                TestProbe<StatusReply<Done>> acks = testKit.createTestProbe();
                ActorRef<Ledger.Command> ledger = testKit.spawn(Ledger.create("scripted", snapshots.ref()));
                for (String entry : List.of("s1", "s2", "s3", "s4")) {
                    ledger.tell(new Ledger.RecordEntry(entry, acks.ref()));
                    assertThat(acks.receiveMessage(WAIT).isSuccess()).isTrue();
                }
                snapshots.expectMessage(WAIT, (long) Ledger.SNAPSHOT_EVERY);
                testKit.stop(ledger);

                TestProbe<Ledger.Entries> entries = testKit.createTestProbe();
                testKit.spawn(Ledger.create("scripted", snapshots.ref())).tell(new Ledger.GetEntries(entries.ref()));
                assertThat(entries.receiveMessage(WAIT).entries()).containsExactly("s1", "s2", "s3", "s4");
            } finally {
                testKit.shutdownTestKit();
            }
        }
    }

    /** Runs the script with the test's keyspace and single-node replication. */
    private static void applySchemaScript(Config config, String keyspace) throws Exception {
        Path script = CassandraAvailable.repoRoot().resolve("ops/cassandra/schema.cql");
        String cql = Files.readAllLines(script).stream()
                .filter(line -> !line.startsWith("--"))
                .collect(Collectors.joining("\n"))
                .replace("'NetworkTopologyStrategy', 'datacenter1': 3", "'SimpleStrategy', 'replication_factor': 1")
                .replace("emcc.", keyspace + ".")
                .replace("EXISTS emcc\n", "EXISTS " + keyspace + "\n");
        String[] contactPoint = config.getString("emcc.cassandra.contact-points").split(",")[0].trim().split(":");
        try (CqlSession session = CqlSession.builder()
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
                        .build())
                .addContactPoint(new InetSocketAddress(contactPoint[0], Integer.parseInt(contactPoint[1])))
                .withLocalDatacenter(config.getString("emcc.cassandra.local-datacenter"))
                .build()) {
            List<String> statements = Arrays.stream(cql.split(";"))
                    .map(String::trim).filter(statement -> !statement.isEmpty()).toList();
            assertThat(statements).hasSize(8);
            statements.forEach(session::execute);
        }
    }
}
