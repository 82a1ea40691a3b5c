package cn.emcc.command.nodes;

import cn.emcc.command.readside.IncidentSummary;
import cn.emcc.map.jurisdiction.Jurisdiction;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import cn.emcc.protocols.v1.EscalationNotice;
import cn.emcc.protocols.v1.IncidentView;
import cn.emcc.protocols.v1.ReportKind;
import cn.emcc.protocols.v1.ReportOverdue;
import cn.emcc.protocols.v1.UnitView;
import cn.emcc.protocols.v1.WarningChange;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The node-local hub of the command nodes' streams: one {@link NodeFeed} per
 * jurisdiction (for Shandong 1 province + 16 cities + 136 counties), fed with
 * every change of the read side. A change of an item in a county goes to the
 * county's feed, its city's and the province's, and to no other.
 *
 * <p>The epoch is random per process: sequence numbers start again at every
 * start, so a client that resumes with an older epoch gets a fresh snapshot.
 */
public final class NodeStreams {

    private final JurisdictionTree tree;
    private final NodeStreamSettings settings;
    private final String epoch;
    private final Map<String, NodeFeed> feeds = new LinkedHashMap<>();
    private volatile Cancellable sweeper;

    public NodeStreams(JurisdictionTree tree, NodeStreamSettings settings, Clock clock) {
        this.tree = tree;
        this.settings = settings;
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        this.epoch = HexFormat.of().formatHex(random);
        for (Jurisdiction j : tree.all()) {
            feeds.put(j.adcode(), new NodeFeed(j.adcode(), epoch, settings.replayWindow(j.tier()), clock));
        }
    }

    /** Starts checking lagging clients every {@code sweep-interval} on {@code system}'s scheduler. */
    public static NodeStreams start(ActorSystem<?> system, JurisdictionTree tree, NodeStreamSettings settings,
                                    Clock clock) {
        NodeStreams streams = new NodeStreams(tree, settings, clock);
        streams.sweeper = system.scheduler().scheduleAtFixedRate(settings.sweepInterval(), settings.sweepInterval(),
                streams::sweep, system.executionContext());
        return streams;
    }

    /** An incident's new summary from the read side: goes to the feeds of its county and the county's ancestors. */
    public void publish(IncidentSummary incident) {
        IncidentView view = IncidentViews.of(incident);
        for (Jurisdiction j : tree.ancestorsAndSelf(incident.countyAdcode())) {
            feeds.get(j.adcode()).incident(view);
        }
    }

    /**
     * A unit's new state (or its leaving the picture, {@code removed}): goes to
     * the feeds of its county and the county's ancestors. The unit directory
     * calls this for every unit at start, at each status or assignment change,
     * and with coalesced positions (see {@code UnitDirectory}).
     */
    public void publishUnit(UnitView unit, boolean removed) {
        for (Jurisdiction j : tree.ancestorsAndSelf(unit.getCountyAdcode())) {
            feeds.get(j.adcode()).unit(unit, removed);
        }
    }

    /**
     * The weather warnings in force at a node changed: {@code changes} go on its
     * stream in order (see {@link NodeWarnings}), then its summary with the new
     * {@code active_warnings} and their count by colour (key: WarningColour
     * name; empty when none is left).
     */
    public void warningsChanged(String nodeAdcode, List<WarningChange> changes, Map<String, Integer> byColour) {
        feed(nodeAdcode).ifPresent(f -> f.warnings(changes, byColour));
    }

    /** A new escalation notice for one node (it waits there until acknowledged). */
    public void noticeRaised(String nodeAdcode, EscalationNotice notice) {
        feed(nodeAdcode).ifPresent(f -> f.noticeRaised(notice));
    }

    /** A node acknowledged revision {@code revision} of its notice about an incident. */
    public void noticeAcknowledged(String nodeAdcode, String incidentId, int revision, String by) {
        feed(nodeAdcode).ifPresent(f -> f.noticeAcknowledged(incidentId, revision, by));
    }

    /**
     * A report of a county is past its deadline: shown at the county and every
     * node above it (their pictures hold the county's incidents) until filed.
     */
    public void reportOverdue(ReportOverdue alert) {
        forChain(alert.getCountyAdcode(), f -> f.reportOverdue(alert));
    }

    public void reportFiled(String countyAdcode, String incidentId, ReportKind kind) {
        forChain(countyAdcode, f -> f.reportFiled(incidentId, kind));
    }

    /**
     * An order of an incident in the county is overdue (see {@code OrderAlertStream}): counted at the county
     * and every node above it.
     */
    public void orderOverdue(String countyAdcode, String orderId) {
        forChain(countyAdcode, f -> f.orderOverdue(orderId));
    }

    /** The order moved on: its alert, if any, no longer counts. */
    public void orderMoved(String countyAdcode, String orderId) {
        forChain(countyAdcode, f -> f.orderMoved(orderId));
    }

    private void forChain(String countyAdcode, Consumer<NodeFeed> change) {
        for (Jurisdiction j : tree.ancestorsAndSelf(countyAdcode)) {
            feed(j.adcode()).ifPresent(change);
        }
    }

    public Optional<NodeFeed> feed(String adcode) {
        return Optional.ofNullable(adcode == null ? null : feeds.get(adcode));
    }

    public String epoch() {
        return epoch;
    }

    public NodeStreamSettings settings() {
        return settings;
    }

    public JurisdictionTree tree() {
        return tree;
    }

    void sweep() {
        feeds.values().forEach(f -> {
            f.sweep(settings.dropSlowAfter());
            f.reannounce(settings.reannounceEvery());
            f.heartbeat(settings.heartbeatEvery());
        });
    }

    public void stop() {
        Cancellable s = sweeper;
        if (s != null) {
            s.cancel();
        }
    }
}
