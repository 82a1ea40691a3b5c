package cn.emcc.command.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.emcc.command.EmccConfig;
import cn.emcc.command.testsupport.EmccTestConfig;
import com.typesafe.config.ConfigFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Ack means durable: a node process killed with SIGKILL right after acknowledging
 * loses none of the acknowledged events in the embedded H2 store.
 */
class H2AckDurabilityTest {

    private static final int ACKS_BEFORE_KILL = 40;

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedEventSurvivesKillMinusNine() throws Exception {
        Process writer = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2",
                "-cp", System.getProperty("java.class.path"),
                AckingWriter.class.getName(), dataDir.toString())
                .redirectError(dataDir.resolve("writer-stderr.log").toFile())
                .start();
        int acknowledged = 0;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged < ACKS_BEFORE_KILL && (line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acknowledged = Integer.parseInt(line.substring(4));
                }
            }
            writer.destroyForcibly(); // SIGKILL: no shutdown hook, no H2 close
            writer.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(acknowledged).as("acks seen before the kill (stderr in %s)", dataDir).isEqualTo(ACKS_BEFORE_KILL);

        ActorTestKit restarted = ActorTestKit.create(EmccConfig.ACTOR_SYSTEM_NAME, EmccConfig.load(
                ConfigFactory.parseMap(Map.of(
                                "emcc.storage", "h2", "emcc.data-dir", dataDir.toString()))
                        .withFallback(EmccTestConfig.layer())));
        try {
            Storage.prepare(restarted.system());
            TestProbe<Ledger.Entries> entries = restarted.createTestProbe();
            TestProbe<Long> snapshots = restarted.createTestProbe();
            restarted.spawn(Ledger.create("durable", snapshots.ref())).tell(new Ledger.GetEntries(entries.ref()));
            List<String> recovered = entries.receiveMessage(Duration.ofSeconds(30)).entries();

            // The writer may have persisted one more entry whose Ack we never read.
            List<String> acked = IntStream.rangeClosed(1, ACKS_BEFORE_KILL).mapToObj(n -> "e" + n).toList();
            assertThat(recovered).startsWith(acked.toArray(String[]::new));
            assertThat(recovered).containsExactlyElementsOf(
                    IntStream.rangeClosed(1, recovered.size()).mapToObj(n -> "e" + n).toList());
        } finally {
            restarted.shutdownTestKit();
        }
    }
}
