package cn.emcc.command.testsupport;

import cn.emcc.command.EmccConfig;
import cn.emcc.command.persistence.Storage;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.typesafe.config.Config;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;

/**
 * One fresh event store for a test: the complete ActorSystem config pointing at it, a
 * way to start (and restart) emcc ActorSystems on it, and cleanup. A Cassandra store
 * drops its keyspace on close so test keyspaces do not pile up in the development node.
 */
public final class TestStore implements AutoCloseable {

    private final JournalUnderTest journal;
    private final Config config;
    private final String cassandraKeyspace;

    private TestStore(JournalUnderTest journal, Config overrides, String cassandraKeyspace) {
        this.journal = journal;
        this.config = EmccConfig.load(overrides.withFallback(EmccTestConfig.layer()));
        this.cassandraKeyspace = cassandraKeyspace;
    }

    static TestStore h2(Config overrides) {
        return new TestStore(JournalUnderTest.H2, overrides, null);
    }

    static TestStore cassandra(Config overrides, String keyspace) {
        return new TestStore(JournalUnderTest.CASSANDRA, overrides, keyspace);
    }

    public JournalUnderTest journal() {
        return journal;
    }

    /** The full configuration of an emcc ActorSystem on this store. */
    public Config config() {
        return config;
    }

    /**
     * Starts a new emcc ActorSystem on this store and prepares the store. Call it again
     * after {@code shutdownTestKit()} to see what a restarted node recovers.
     */
    public ActorTestKit startSystem() {
        ActorTestKit testKit = ActorTestKit.create(EmccConfig.ACTOR_SYSTEM_NAME, config);
        try {
            Storage.prepare(testKit.system());
        } catch (RuntimeException e) {
            testKit.shutdownTestKit();
            throw e;
        }
        return testKit;
    }

    @Override
    public void close() {
        if (cassandraKeyspace == null) {
            return; // the H2 file lives in the test's temporary folder
        }
        try (CqlSession session = CqlSession.builder()
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
                        .build())
                .addContactPoints(contactPoints())
                .withLocalDatacenter(config.getString("emcc.cassandra.local-datacenter"))
                .build()) {
            session.execute("DROP KEYSPACE IF EXISTS " + cassandraKeyspace);
        }
    }

    private List<InetSocketAddress> contactPoints() {
        return Arrays.stream(config.getString("emcc.cassandra.contact-points").split(","))
                .map(String::trim)
                .map(TestStore::hostAndPort)
                .toList();
    }

    static InetSocketAddress hostAndPort(String contactPoint) {
        int colon = contactPoint.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("contact point '" + contactPoint + "'; expected host:port");
        }
        return new InetSocketAddress(contactPoint.substring(0, colon),
                Integer.parseInt(contactPoint.substring(colon + 1)));
    }
}
