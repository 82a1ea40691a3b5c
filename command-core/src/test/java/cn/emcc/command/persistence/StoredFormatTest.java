package cn.emcc.command.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.emcc.command.testsupport.CassandraAvailable;
import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.TestStore;
import com.datastax.oss.driver.api.core.cql.Row;
import com.typesafe.config.Config;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What lands in each store is Jackson CBOR (serializer 33) with the class name as manifest. */
@ExtendWith(CassandraAvailable.class)
class StoredFormatTest {

    private static final int JACKSON_CBOR = 33;
    private static final Duration WAIT = Duration.ofSeconds(20);

    record Stored(int serializerId, String manifest) {
    }

    @TempDir
    Path scratch;

    @ParameterizedTest(name = "{0}")
    @EnumSource(JournalUnderTest.class)
    void eventsAndSnapshotsAreStoredAsJacksonCbor(JournalUnderTest journal) throws Exception {
        try (TestStore store = journal.freshStore(scratch)) {
            ActorTestKit testKit = store.startSystem();
            try {
                TestProbe<Long> snapshots = testKit.createTestProbe();
                TestProbe<StatusReply<Done>> acks = testKit.createTestProbe();
                ActorRef<Ledger.Command> ledger = testKit.spawn(Ledger.create("format", snapshots.ref()));
                for (int i = 1; i <= Ledger.SNAPSHOT_EVERY; i++) {
                    ledger.tell(new Ledger.RecordEntry("e" + i, acks.ref()));
                    assertThat(acks.receiveMessage(WAIT).isSuccess()).isTrue();
                }
                snapshots.expectMessage(WAIT, (long) Ledger.SNAPSHOT_EVERY);

                List<Stored> events = journal == JournalUnderTest.H2
                        ? h2Rows(store.config(), "SELECT \"event_ser_id\", \"event_ser_manifest\" FROM \"event_journal\""
                                + " WHERE \"persistence_id\" = 'Ledger|format'")
                        : cassandraRows(testKit, "SELECT ser_id, ser_manifest FROM " + keyspace(store)
                                + ".messages WHERE persistence_id = 'Ledger|format' AND partition_nr = 0");
                List<Stored> snapshotRows = journal == JournalUnderTest.H2
                        ? h2Rows(store.config(), "SELECT \"snapshot_ser_id\", \"snapshot_ser_manifest\" FROM \"snapshot\""
                                + " WHERE \"persistence_id\" = 'Ledger|format'")
                        : cassandraRows(testKit, "SELECT ser_id, ser_manifest FROM " + keyspace(store)
                                + ".snapshots WHERE persistence_id = 'Ledger|format'");

                assertThat(events).hasSize(Ledger.SNAPSHOT_EVERY)
                        .allSatisfy(row -> assertThat(row).isEqualTo(
                                new Stored(JACKSON_CBOR, Ledger.EntryRecorded.class.getName())));
                assertThat(snapshotRows).containsExactly(new Stored(JACKSON_CBOR, Ledger.State.class.getName()));
            } finally {
                testKit.shutdownTestKit();
            }
        }
    }

    private static String keyspace(TestStore store) {
        return store.config().getString("emcc.cassandra.keyspace");
    }

    private static List<Stored> h2Rows(Config config, String sql) throws SQLException {
        List<Stored> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(
                config.getString("emcc.h2.url"), config.getString("emcc.h2.user"), config.getString("emcc.h2.password"));
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(new Stored(result.getInt(1), result.getString(2)));
            }
        }
        return rows;
    }

    private static List<Stored> cassandraRows(ActorTestKit testKit, String cql) throws Exception {
        List<Row> rows = CassandraSessionRegistry.get(testKit.system().classicSystem())
                .sessionFor("emcc.cassandra.startup-check-session")
                .selectAll(cql)
                .toCompletableFuture()
                .get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return rows.stream().map(row -> new Stored(row.getInt("ser_id"), row.getString("ser_manifest"))).toList();
    }
}
