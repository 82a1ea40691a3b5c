package cn.emcc.command.testsupport;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * The real event stores a behaviour test runs against. Parameterize a test over this
 * enum (with {@code @ExtendWith(CassandraAvailable.class)} on the class) and get a fresh,
 * empty store from {@link #freshStore(Path)} for each test.
 */
public enum JournalUnderTest {
    /** An H2 file database in the given scratch folder. */
    H2 {
        @Override
        public TestStore freshStore(Path scratchDir) {
            Path dataDir = scratchDir.resolve("h2-" + UUID.randomUUID());
            return TestStore.h2(ConfigFactory.parseMap(Map.of(
                    "emcc.storage", "h2",
                    "emcc.data-dir", dataDir.toString())));
        }
    },
    /** A keyspace of its own on the Cassandra node of {@code emcc.cassandra.contact-points}. */
    CASSANDRA {
        @Override
        public TestStore freshStore(Path scratchDir) {
            String keyspace = "emcc_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            return TestStore.cassandra(ConfigFactory.parseMap(Map.of(
                    "emcc.storage", "cassandra",
                    "emcc.cassandra.keyspace", keyspace,
                    "emcc.cassandra.auto-create-schema", "true")), keyspace);
        }
    };

    /**
     * A new empty store. {@code scratchDir} is a test's temporary folder (H2 puts its
     * database there); close the store when the test is done.
     */
    public abstract TestStore freshStore(Path scratchDir);
}
