package cn.emcc.command.reporting;

import cn.emcc.command.incident.IncidentDetails;
import cn.emcc.command.readside.IncidentSummary;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.IncidentStatus;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clock of the report deadlines in this process: tells each incident's
 * {@link ReportDesk} when the incident's status or grade changes (from the
 * read side), remembers when each desk next needs checking, and asks it then.
 * Rebuilt from the journal at every start like the read side; in a cluster
 * every process does the same and the desks ignore the repeats.
 *
 * <p>An incident still REPORTED owes no report (every deadline counts from
 * verification, a filed report or the close), so its desk is left unborn
 * until the incident moves on or an officer files a report on it: most
 * incidents of a busy day are merged or cancelled before they are verified,
 * and each desk born costs a recovery and a write. (After a restart, a desk
 * born by a report filed on a still-REPORTED incident hears of the incident's
 * next change once its status moves or the next report is filed.)
 */
public final class ReportWatcher {

    private static final Logger log = LoggerFactory.getLogger(ReportWatcher.class);

    private record Facts(IncidentStatus status, Grade grade) {
    }

    private final ClusterSharding sharding;
    private final Duration askTimeout;
    private final Clock clock;
    private final Map<String, Facts> told = new ConcurrentHashMap<>();
    private final Map<String, Instant> nextCheck = new ConcurrentHashMap<>();
    private volatile Cancellable ticker;

    public ReportWatcher(ClusterSharding sharding, Duration askTimeout, Clock clock) {
        this.sharding = sharding;
        this.askTimeout = askTimeout;
        this.clock = clock;
    }

    /** Checks the desks that are due every {@code every}. */
    public ReportWatcher start(ActorSystem<?> system, Duration every) {
        ticker = system.scheduler().scheduleAtFixedRate(every, every, this::checkDue, system.executionContext());
        return this;
    }

    /** An incident's new summary (events of one incident arrive one after another). */
    public void onChange(IncidentSummary s) {
        if (s.grade() == Grade.GRADE_UNSPECIFIED) {
            return; // the instant between opening and grading, persisted together with the grade
        }
        if (s.status() == IncidentStatus.INCIDENT_STATUS_REPORTED && !told.containsKey(s.incidentId())) {
            return;
        }
        Facts facts = new Facts(s.status(), s.grade());
        if (facts.equals(told.put(s.incidentId(), facts))) {
            return;
        }
        track(s).whenComplete((next, failure) -> {
            if (failure != null) {
                told.remove(s.incidentId()); // told again with the next change
                log.warn("report desk of {} did not take the change: {}", s.incidentId(), failure.getMessage());
            } else {
                remember(next);
            }
        });
    }

    /**
     * Tells the incident's desk its current status and grade (a desk ignores what it already knows) and
     * remembers that the desk exists, so that later changes reach it even while the incident is REPORTED.
     * The report routes call this before an officer files a report on an incident whose desk may be unborn.
     */
    public CompletionStage<ReportDesk.NextCheck> track(IncidentDetails d) {
        return track(d.incidentId(), d.countyAdcode(), d.cityAdcode(), d.status(), d.grade(), d.updatedAt());
    }

    private CompletionStage<ReportDesk.NextCheck> track(IncidentSummary s) {
        return track(s.incidentId(), s.countyAdcode(), s.cityAdcode(), s.status(), s.grade(), s.updatedAt());
    }

    private CompletionStage<ReportDesk.NextCheck> track(String incidentId, String county, String city,
                                                        IncidentStatus status, Grade grade, Instant updatedAt) {
        told.putIfAbsent(incidentId, new Facts(status, grade));
        return sharding.entityRefFor(ReportDesk.ENTITY_TYPE_KEY, incidentId)
                .<ReportDesk.NextCheck>ask(replyTo -> new ReportDesk.TrackIncident(county, city, status, grade,
                        updatedAt, replyTo), askTimeout);
    }

    /** What a desk answered about its next deadline. */
    public void remember(ReportDesk.NextCheck next) {
        if (next.at() == null) {
            nextCheck.remove(next.incidentId());
        } else {
            nextCheck.put(next.incidentId(), next.at());
        }
    }

    private void checkDue() {
        Instant now = clock.instant();
        nextCheck.forEach((incident, at) -> {
            if (!at.isAfter(now)) {
                nextCheck.remove(incident, at);
                sharding.entityRefFor(ReportDesk.ENTITY_TYPE_KEY, incident)
                        .<ReportDesk.NextCheck>ask(ReportDesk.CheckDeadlines::new, askTimeout)
                        .whenComplete((next, failure) -> {
                            if (failure != null) {
                                nextCheck.putIfAbsent(incident, at); // try again at the next tick
                            } else {
                                remember(next);
                            }
                        });
            }
        });
    }

    public void stop() {
        Cancellable t = ticker;
        if (t != null) {
            t.cancel();
        }
    }
}
