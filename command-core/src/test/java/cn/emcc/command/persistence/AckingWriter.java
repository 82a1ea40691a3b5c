package cn.emcc.command.persistence;

import cn.emcc.command.EmccConfig;
import cn.emcc.command.testsupport.EmccTestConfig;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * Child process of {@link H2AckDurabilityTest}: records entries e1, e2, ... on an H2 store
 * in the data folder given as argument and prints "ACK n" after each acknowledgement,
 * until it is killed.
 */
public final class AckingWriter {

    private AckingWriter() {
    }

    public static void main(String[] args) {
        ActorTestKit testKit = ActorTestKit.create(EmccConfig.ACTOR_SYSTEM_NAME, EmccConfig.load(
                ConfigFactory.parseMap(Map.of("emcc.storage", "h2", "emcc.data-dir", args[0]))
                        .withFallback(EmccTestConfig.layer())));
        Storage.prepare(testKit.system());
        TestProbe<Long> snapshots = testKit.createTestProbe();
        TestProbe<StatusReply<Done>> acks = testKit.createTestProbe();
        ActorRef<Ledger.Command> ledger = testKit.spawn(Ledger.create("durable", snapshots.ref()));
        for (int n = 1; ; n++) {
            ledger.tell(new Ledger.RecordEntry("e" + n, acks.ref()));
            if (!acks.receiveMessage(Duration.ofSeconds(30)).isSuccess()) {
                throw new IllegalStateException("entry e" + n + " was not acknowledged");
            }
            System.out.println("ACK " + n);
            System.out.flush();
        }
    }
}
