package cn.emcc.command.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.emcc.command.testsupport.CassandraAvailable;
import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every later behaviour test relies on: an acknowledged event is in the store, and
 * an entity started by a completely new ActorSystem on the same store recovers exactly
 * its own events (from snapshot plus journal), on both journals.
 */
@ExtendWith(CassandraAvailable.class)
class JournalRecoveryTest {

    private static final Duration PERSIST_WAIT = Duration.ofSeconds(20);

    @TempDir
    Path scratch;

    @ParameterizedTest(name = "{0}")
    @EnumSource(JournalUnderTest.class)
    void anEntityInANewActorSystemRecoversExactlyTheEventsItPersisted(JournalUnderTest journal) {
        try (TestStore store = journal.freshStore(scratch)) {
            List<String> alpha = List.of("a1", "a2", "a3", "a4", "a5");
            List<String> beta = List.of("b1", "b2");

            ActorTestKit first = store.startSystem();
            TestProbe<Long> snapshots = first.createTestProbe();
            record(first, first.spawn(Ledger.create("alpha", snapshots.ref())), alpha);
            record(first, first.spawn(Ledger.create("beta", snapshots.ref())), beta);
            assertThat(snapshots.expectMessage(PERSIST_WAIT, (long) Ledger.SNAPSHOT_EVERY)).isEqualTo(3L);
            first.shutdownTestKit();

            ActorTestKit second = store.startSystem();
            TestProbe<Long> noSnapshots = second.createTestProbe();
            Ledger.Entries alphaRecovered = entriesOf(second, second.spawn(Ledger.create("alpha", noSnapshots.ref())));
            Ledger.Entries betaRecovered = entriesOf(second, second.spawn(Ledger.create("beta", noSnapshots.ref())));
            second.shutdownTestKit();

            assertThat(alphaRecovered.entries()).containsExactlyElementsOf(alpha);
            // a1..a3 came from the snapshot, only a4 and a5 were replayed from the journal
            assertThat(alphaRecovered.eventsAppliedSinceStart()).isEqualTo(alpha.size() - Ledger.SNAPSHOT_EVERY);
            assertThat(betaRecovered.entries()).containsExactlyElementsOf(beta);
            assertThat(betaRecovered.eventsAppliedSinceStart()).isEqualTo(beta.size());
        }
    }

    private static void record(ActorTestKit testKit, ActorRef<Ledger.Command> ledger, List<String> entries) {
        TestProbe<StatusReply<Done>> acks = testKit.createTestProbe();
        for (String entry : entries) {
            ledger.tell(new Ledger.RecordEntry(entry, acks.ref()));
            assertThat(acks.receiveMessage(PERSIST_WAIT).isSuccess()).isTrue();
        }
    }

    private static Ledger.Entries entriesOf(ActorTestKit testKit, ActorRef<Ledger.Command> ledger) {
        TestProbe<Ledger.Entries> probe = testKit.createTestProbe();
        ledger.tell(new Ledger.GetEntries(probe.ref()));
        return probe.receiveMessage(PERSIST_WAIT);
    }
}
