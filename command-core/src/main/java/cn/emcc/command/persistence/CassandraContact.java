package cn.emcc.command.persistence;

import com.datastax.oss.driver.api.core.cql.Row;
import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;

/**
 * Checks at start, with the journal's driver settings, that Cassandra answers and that the journal and snapshot tables exist. With auto-creation on (development)
 * it waits for the plugin to finish creating them: the journal and the snapshot store
 * create their tables concurrently in the background, and an entity recovering before
 * that fails with "keyspace does not exist". Without auto-creation a missing table is
 * reported with a pointer to the production schema script.
 */
final class CassandraContact {

    /** Config path of the plugin's session settings, shared by journal, snapshot and query. */
    private static final String PLUGIN = "pekko.persistence.cassandra";
    private static final String CHECK_SESSION = "emcc.cassandra.startup-check-session";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private CassandraContact() {
    }

    static void verify(ActorSystem<?> system, Config config, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        CassandraSession session = CassandraSessionRegistry.get(system).sessionFor(CHECK_SESSION);
        try {
            await(session.selectOne("SELECT release_version FROM system.local"), deadline);
        } catch (ExecutionException e) {
            throw unreachable(config, String.valueOf(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw unreachable(config, "no answer within " + timeout, e);
        }
        awaitTables(session, config, deadline, timeout);
    }

    private static void awaitTables(CassandraSession session, Config config, long deadline, Duration timeout) {
        String keyspace = config.getString(PLUGIN + ".journal.keyspace");
        String snapshotKeyspace = config.getString(PLUGIN + ".snapshot.keyspace");
        boolean autoCreate = config.getBoolean(PLUGIN + ".journal.tables-autocreate");
        Set<String> missing = Set.of();
        while (true) {
            try {
                missing = new TreeSet<>(requiredTables(config, keyspace, snapshotKeyspace));
                missing.removeAll(existingTables(session, keyspace, deadline));
                if (!snapshotKeyspace.equals(keyspace)) {
                    missing.removeAll(existingTables(session, snapshotKeyspace, deadline));
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("Reading the schema of Cassandra keyspace '" + keyspace
                        + "' failed: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                break;
            }
            if (missing.isEmpty()) {
                return;
            }
            if (!autoCreate || System.nanoTime() + POLL_INTERVAL.toNanos() > deadline) {
                break;
            }
            sleep(POLL_INTERVAL);
        }
        throw new IllegalStateException("Cassandra tables " + missing + " do not exist"
                + (autoCreate
                        ? " after " + timeout + " of automatic schema creation (emcc.cassandra.auto-create-schema)"
                        : "; create them with ops/cassandra/schema.cql (keyspace '" + keyspace
                                + "', emcc.cassandra.auto-create-schema is off)"));
    }

    private static Set<String> requiredTables(Config config, String keyspace, String snapshotKeyspace) {
        return Set.of(
                keyspace + "." + config.getString(PLUGIN + ".journal.table"),
                keyspace + "." + config.getString(PLUGIN + ".journal.metadata-table"),
                keyspace + "." + config.getString(PLUGIN + ".journal.all-persistence-ids-table"),
                keyspace + "." + config.getString(PLUGIN + ".events-by-tag.table"),
                // fixed names in the plugin
                keyspace + ".tag_write_progress",
                keyspace + ".tag_scanning",
                snapshotKeyspace + "." + config.getString(PLUGIN + ".snapshot.table"));
    }

    private static Set<String> existingTables(CassandraSession session, String keyspace, long deadline)
            throws ExecutionException, TimeoutException {
        List<Row> rows = await(session.selectAll(
                "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace), deadline);
        return rows.stream().map(row -> keyspace + "." + row.getString("table_name")).collect(Collectors.toSet());
    }

    private static <T> T await(CompletionStage<T> stage, long deadline) throws ExecutionException, TimeoutException {
        try {
            return stage.toCompletableFuture().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking Cassandra", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Cassandra schema", e);
        }
    }

    private static IllegalStateException unreachable(Config config, String reason, Throwable cause) {
        return new IllegalStateException("Cannot reach Cassandra at emcc.cassandra.contact-points="
                + config.getString("emcc.cassandra.contact-points")
                + " (local datacenter '" + config.getString("emcc.cassandra.local-datacenter") + "'): " + reason
                + ". Start a development node with ops/cassandra/cassandra start, or set"
                + " EMCC_CASSANDRA_CONTACT_POINTS.", cause);
    }
}
