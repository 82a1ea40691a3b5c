package cn.emcc.command.persistence;

import com.typesafe.config.Config;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.testkit.javadsl.SchemaUtils;

/**
 * Creates the pekko-persistence-jdbc tables in the H2 database when they are missing.
 * The DDL is the one shipped with the plugin (run by {@link SchemaUtils}); it is only run
 * on an empty database because its index statement has no IF NOT EXISTS and would log an
 * error on every later start.
 */
final class H2Schema {

    private static final String JOURNAL_TABLE = "event_journal";

    private H2Schema() {
    }

    static void createIfMissing(ActorSystem<?> system, Config config, Duration timeout) {
        String url = config.getString("emcc.h2.url");
        if (journalTableExists(url, config.getString("emcc.h2.user"), config.getString("emcc.h2.password"))) {
            return;
        }
        try {
            SchemaUtils.createIfNotExists(system).toCompletableFuture()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Creating the event store schema in H2 database " + url
                    + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Creating the event store schema in H2 database " + url
                    + " did not finish within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the H2 schema in " + url, e);
        }
    }

    private static boolean journalTableExists(String url, String user, String password) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             ResultSet tables = connection.getMetaData().getTables(null, "PUBLIC", JOURNAL_TABLE, null)) {
            return tables.next();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open H2 database " + url + " as user '" + user
                    + "': " + e.getMessage() + " (emcc.h2.url / EMCC_DATA_DIR)", e);
        }
    }
}
