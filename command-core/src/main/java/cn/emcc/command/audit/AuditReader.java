package cn.emcc.command.audit;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentPersistenceIdsQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/** Reads the audit chains back from the journal through the store's read journal (H2 or Cassandra alike). */
public final class AuditReader {

    private final ActorSystem<?> system;
    private final CurrentPersistenceIdsQuery ids;
    private final CurrentEventsByPersistenceIdQuery events;

    public AuditReader(ActorSystem<?> system, String readJournalPluginId) {
        this.system = system;
        PersistenceQuery query = PersistenceQuery.get(system);
        this.ids = query.getReadJournalFor(CurrentPersistenceIdsQuery.class, readJournalPluginId);
        this.events = query.getReadJournalFor(CurrentEventsByPersistenceIdQuery.class, readJournalPluginId);
    }

    /** The ids of every audit chain in the store, as they are now. */
    public CompletionStage<List<String>> chains() {
        return ids.currentPersistenceIds()
                .filter(id -> id.startsWith(AuditChain.PERSISTENCE_ID_PREFIX))
                .map(id -> id.substring(AuditChain.PERSISTENCE_ID_PREFIX.length()))
                .runWith(Sink.seq(), system);
    }

    /** A chain's stored entries in journal order, each with its journal sequence number. */
    public Source<EventEnvelope, NotUsed> envelopes(String chain) {
        return events.currentEventsByPersistenceId(AuditChain.PERSISTENCE_ID_PREFIX + chain, 0L, Long.MAX_VALUE);
    }

    public ActorSystem<?> system() {
        return system;
    }
}
