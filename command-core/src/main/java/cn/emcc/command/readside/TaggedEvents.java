package cn.emcc.command.readside;

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
 * One tag of the journal, from the beginning and then live, into a consumer
 * (for derived, node-local views); restarts with backoff after a failure,
 * resuming from the last offset applied so nothing is applied twice.
 */
public final class TaggedEvents {

    private TaggedEvents() {
    }

    public static <E> UniqueKillSwitch follow(ActorSystem<?> system, String readJournalId, String tag, Class<E> type,
                                             Consumer<E> sink) {
        EventsByTagQuery query = PersistenceQuery.get(system).getReadJournalFor(EventsByTagQuery.class, readJournalId);
        RestartSettings restart = RestartSettings.create(Duration.ofMillis(500), Duration.ofSeconds(10), 0.2);
        AtomicReference<Offset> last = new AtomicReference<>(Offset.noOffset());
        return RestartSource.withBackoff(restart, () -> query.eventsByTag(tag, last.get()))
                .viaMat(KillSwitches.single(), Keep.right())
                .toMat(Sink.foreach(env -> {
                    sink.accept(type.cast(env.event()));
                    last.set(env.offset());
                }), Keep.left())
                .run(system);
    }
}
