package cn.emcc.command.readside;

import cn.emcc.command.incident.IncidentActor;
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
import org.apache.pekko.stream.javadsl.Source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Feeds the {@link IncidentBoard} from the journal: every incident tag from
 * the beginning, then live. Restarts with backoff if the query fails (for
 * example while Cassandra is briefly unreachable), resuming from the last
 * offset it applied so nothing is applied twice.
 */
public final class IncidentProjection {

    private final List<UniqueKillSwitch> switches = new ArrayList<>();

    public static IncidentProjection start(ActorSystem<?> system, String readJournalId, IncidentBoard board) {
        return start(system, readJournalId, board, event -> { });
    }

    /** As above, and every applied event is also handed to {@code alsoTo} (after the board has it). */
    public static IncidentProjection start(ActorSystem<?> system, String readJournalId, IncidentBoard board,
                                           java.util.function.Consumer<IncidentActor.Event> alsoTo) {
        IncidentProjection p = new IncidentProjection();
        EventsByTagQuery query = PersistenceQuery.get(system).getReadJournalFor(EventsByTagQuery.class, readJournalId);
        RestartSettings restart = RestartSettings.create(Duration.ofMillis(500), Duration.ofSeconds(10), 0.2);
        for (String tag : IncidentActor.allTags()) {
            AtomicReference<Offset> last = new AtomicReference<>(Offset.noOffset());
            UniqueKillSwitch sw = RestartSource.withBackoff(restart, () -> query.eventsByTag(tag, last.get()))
                    .viaMat(KillSwitches.single(), Keep.right())
                    .toMat(Sink.foreach(env -> {
                        IncidentActor.Event event = (IncidentActor.Event) env.event();
                        board.apply(event);
                        last.set(env.offset());
                        alsoTo.accept(event);
                    }), Keep.left())
                    .run(system);
            p.switches.add(sw);
        }
        return p;
    }

    public void stop() {
        switches.forEach(UniqueKillSwitch::shutdown);
    }
}
