package cn.emcc.command.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import cn.emcc.command.EmccConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes sure a Cassandra node answers before a test class runs: when the first contact
 * point of {@code emcc.cassandra.contact-points} does not accept connections it runs the
 * project's {@code ops/cassandra/cassandra start} and waits for it. It never skips: when
 * no node can be started the test class fails with the script's output.
 */
public final class CassandraAvailable implements BeforeAllCallback {

    /** First start resolves about 100 jars before booting; a slow mirror can take minutes. */
    private static final long START_BOUND_MINUTES = 15;
    private static final String SCRIPT = "ops/cassandra/cassandra";

    private static boolean confirmed;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ensureRunning();
    }

    public static synchronized void ensureRunning() throws IOException, InterruptedException {
        if (confirmed) {
            return;
        }
        String firstContactPoint = EmccConfig.load().getString("emcc.cassandra.contact-points").split(",")[0].trim();
        InetSocketAddress cql = TestStore.hostAndPort(firstContactPoint);
        if (!accepts(cql)) {
            start(cql);
        }
        confirmed = true;
    }

    private static void start(InetSocketAddress cql) throws IOException, InterruptedException {
        Path root = repoRoot();
        Path output = Files.createTempFile("emcc-cassandra-start-", ".log");
        Process process = new ProcessBuilder(root.resolve(SCRIPT).toString(), "start")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(START_BOUND_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(SCRIPT + " start did not finish within " + START_BOUND_MINUTES + " minutes:\n"
                    + Files.readString(output));
        }
        if (process.exitValue() != 0 || !accepts(cql)) {
            fail("Cassandra does not answer at " + cql + " and " + SCRIPT + " start exited with "
                    + process.exitValue() + ":\n" + Files.readString(output));
        }
    }

    private static boolean accepts(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The checkout root: the nearest folder up from the working directory holding the script. */
    public static Path repoRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve(SCRIPT)) && Files.exists(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        fail("No " + SCRIPT + " in " + start + " or any parent folder; run the tests inside the emcc checkout");
        throw new AssertionError("unreachable");
    }
}
