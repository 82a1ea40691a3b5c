package cn.emcc.command.escalation;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.EventsByTagQuery;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Feeds every process's node streams with the desks' notices and
 * acknowledgements from the journal, from the beginning at start and then
 * live, resuming from its last offset after a failure.
 */
public final class EscalationProjection {

    private final UniqueKillSwitch killSwitch;

    private EscalationProjection(UniqueKillSwitch killSwitch) {
        this.killSwitch = killSwitch;
    }

    public static EscalationProjection start(ActorSystem<?> system, String readJournalId,
                                             Consumer<EscalationDesk.Event> sink) {
        EventsByTagQuery query = PersistenceQuery.get(system).getReadJournalFor(EventsByTagQuery.class, readJournalId);
        RestartSettings restart = RestartSettings.create(Duration.ofMillis(500), Duration.ofSeconds(10), 0.2);
        AtomicReference<Offset> last = new AtomicReference<>(Offset.noOffset());
        UniqueKillSwitch sw = RestartSource.withBackoff(restart, () -> query.eventsByTag(EscalationDesk.TAG, last.get()))
                .viaMat(KillSwitches.single(), Keep.right())
                .toMat(Sink.foreach(env -> {
                    sink.accept((EscalationDesk.Event) env.event());
                    last.set(env.offset());
                }), Keep.left())
                .run(system);
        return new EscalationProjection(sw);
    }

    public void stop() {
        killSwitch.shutdown();
    }
}
