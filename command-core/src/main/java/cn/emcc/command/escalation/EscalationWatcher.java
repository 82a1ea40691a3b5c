package cn.emcc.command.escalation;

import cn.emcc.command.incident.Grades;
import cn.emcc.command.readside.IncidentSummary;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches the read side's incident changes and raises the notices the
 * {@link EscalationRules} call for at the nodes' {@link EscalationDesk}s. It
 * keeps only each open incident's current lead, rebuilt from the journal at
 * every start; the desks ignore repeats (the replay at start, other
 * processes doing the same), so raising is safe to do everywhere.
 */
public final class EscalationWatcher {

    private static final Logger log = LoggerFactory.getLogger(EscalationWatcher.class);
    private static final int ATTEMPTS = 3;

    private final EscalationRules rules;
    private final ClusterSharding sharding;
    private final Duration askTimeout;
    private final Map<String, String> leads = new ConcurrentHashMap<>();

    public EscalationWatcher(EscalationRules rules, ClusterSharding sharding, Duration askTimeout) {
        this.rules = rules;
        this.sharding = sharding;
        this.askTimeout = askTimeout;
    }

    /** An incident's new summary (events of one incident arrive one after another). */
    public void onChange(IncidentSummary s) {
        String before = leads.get(s.incidentId());
        String after = rules.leadNode(s);
        for (EscalationRules.Due due : rules.noticesDue(before, s)) {
            raise(due, s, ATTEMPTS);
        }
        if (after == null) {
            leads.remove(s.incidentId());
        } else {
            leads.put(s.incidentId(), after);
        }
    }

    private void raise(EscalationRules.Due due, IncidentSummary s, int attemptsLeft) {
        sharding.entityRefFor(EscalationDesk.ENTITY_TYPE_KEY, due.nodeAdcode())
                .<org.apache.pekko.Done>ask(replyTo -> new EscalationDesk.RaiseNotice(s.incidentId(), due.kind(),
                        s.countyAdcode(), s.grade(), Grades.leadTier(s.grade()), s.updatedAt(), replyTo), askTimeout)
                .whenComplete((done, failure) -> {
                    if (failure == null) {
                        return;
                    }
                    if (attemptsLeft > 1) {
                        raise(due, s, attemptsLeft - 1);
                    } else {
                        log.error("escalation notice {} of incident {} to node {} not recorded after {} attempts",
                                due.kind(), s.incidentId(), due.nodeAdcode(), ATTEMPTS, failure);
                    }
                });
    }
}
