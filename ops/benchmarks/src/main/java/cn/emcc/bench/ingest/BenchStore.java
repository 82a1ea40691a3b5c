package cn.emcc.bench.ingest;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A fresh, empty event store for one benchmark run, removed afterwards: an
 * H2 database in a temporary folder, or a keyspace {@code emcc_bench_<random>}
 * on the Cassandra node at 127.0.0.1:9042 (created by the plugin, dropped on close).
 */
sealed interface BenchStore extends AutoCloseable {

    /** The {@code emcc.*} settings that point a node at this store. */
    Config settings();

    String describe();

    @Override
    void close();

    static BenchStore h2() {
        try {
            return new H2(Files.createTempDirectory("emcc-bench-h2-"));
        } catch (IOException e) {
            throw new UncheckedIOException("creating a temporary folder for the H2 database", e);
        }
    }

    static BenchStore cassandra() {
        return new Cassandra("emcc_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    record H2(Path dataDir) implements BenchStore {
        @Override
        public Config settings() {
            return ConfigFactory.parseMap(Map.of("emcc.storage", "h2", "emcc.data-dir", dataDir.toString()));
        }

        @Override
        public String describe() {
            return "H2 file database under " + dataDir;
        }

        @Override
        public void close() {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not remove " + dataDir + ": " + e);
            }
        }
    }

    record Cassandra(String keyspace) implements BenchStore {
        private static final InetSocketAddress NODE = new InetSocketAddress("127.0.0.1", 9042);

        @Override
        public Config settings() {
            return ConfigFactory.parseMap(Map.of(
                    "emcc.storage", "cassandra",
                    "emcc.cassandra.contact-points", NODE.getHostString() + ":" + NODE.getPort(),
                    "emcc.cassandra.keyspace", keyspace,
                    "emcc.cassandra.auto-create-schema", "true"));
        }

        @Override
        public String describe() {
            return "Cassandra keyspace " + keyspace + " at " + NODE.getHostString() + ":" + NODE.getPort();
        }

        @Override
        public void close() {
            try (CqlSession session = CqlSession.builder()
                    .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
                            .build())
                    .addContactPoint(NODE)
                    .withLocalDatacenter("datacenter1")
                    .build()) {
                session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
            } catch (RuntimeException e) {
                System.err.println("could not drop the bench keyspace " + keyspace + ": " + e);
            }
        }
    }
}
