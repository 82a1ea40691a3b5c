package cn.emcc.command.mutualaid;

import cn.emcc.dispatch.MutualAidRequest;
import cn.emcc.dispatch.Phrase;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mutual-aid requests as this node's read side knows them (fed by the
 * {@link MutualAidActor#TAG} events, from the start of the journal), so a
 * command node can list the open requests addressed to it. Eventually
 * consistent; the entity is the truth. Thread-safe.
 */
public final class MutualAidBoard {

    /** One request as listed: the domain request plus what the entity adds to it ({@code notePhrase} may be null). */
    public record Listed(MutualAidRequest request, String unitType, String note, Phrase notePhrase) {
    }

    private static final Comparator<Listed> OLDEST_FIRST = Comparator.comparing((Listed l) -> l.request().requestedAt())
            .thenComparing(l -> l.request().requestId());

    private final Map<String, Listed> byId = new ConcurrentHashMap<>();

    public void apply(MutualAidActor.Event event) {
        if (event instanceof MutualAidActor.AidRequested e) {
            byId.put(e.requestId(), new Listed(e.request(), e.unitType(), e.note(), e.notePhrase()));
        } else if (event instanceof MutualAidActor.AidCommitted e) {
            step(e.requestId(), r -> r.commit(e.unitIds(), e.at()));
        } else if (event instanceof MutualAidActor.AidDeclined e) {
            step(e.requestId(), r -> r.decline(e.reason(), e.at()));
        } else if (event instanceof MutualAidActor.AidReleased e) {
            step(e.requestId(), r -> r.release(e.at()));
        }
    }

    private void step(String requestId, java.util.function.Function<MutualAidRequest, MutualAidRequest.Step> step) {
        byId.computeIfPresent(requestId, (id, l) -> step.apply(l.request()) instanceof MutualAidRequest.Step.Done done
                ? new Listed(done.request(), l.unitType(), l.note(), l.notePhrase()) : l);
    }

    /** Every request raised for the incident, finished ones too, oldest first. */
    public List<Listed> ofIncident(String incidentId) {
        return byId.values().stream()
                .filter(l -> l.request().incidentId().equals(incidentId))
                .sorted(OLDEST_FIRST)
                .toList();
    }

    /** Requests addressed to the command node {@code adcode} that are not finished (requested or committed). */
    public List<Listed> openFor(String adcode) {
        return byId.values().stream()
                .filter(l -> l.request().providingAdcode().equals(adcode) && !l.request().state().isFinal())
                .sorted(OLDEST_FIRST)
                .toList();
    }
}
