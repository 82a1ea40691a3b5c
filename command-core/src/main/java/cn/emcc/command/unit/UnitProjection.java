package cn.emcc.command.unit;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.EventsByTagQuery;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Feeds this node's {@link UnitDirectory} with every unit event from the
 * journal, from the beginning and then live, so that after a restart (or on
 * another node) the recommender sees the statuses the units really have.
 */
public final class UnitProjection {

    private UnitProjection() {
    }

    public static void start(ActorSystem<?> system, String readJournalId, ActorRef<UnitDirectory.Command> directory) {
        EventsByTagQuery query = PersistenceQuery.get(system).getReadJournalFor(EventsByTagQuery.class, readJournalId);
        RestartSettings restart = RestartSettings.create(Duration.ofMillis(500), Duration.ofSeconds(10), 0.2);
        for (String tag : UnitActor.allTags()) {
            AtomicReference<Offset> last = new AtomicReference<>(Offset.noOffset());
            RestartSource.withBackoff(restart, () -> query.eventsByTag(tag, last.get()))
                    .runWith(Sink.foreach(env -> {
                        directory.tell(new UnitDirectory.UnitEventSeen((UnitActor.Event) env.event()));
                        last.set(env.offset());
                    }), system);
        }
    }
}
