package cn.emcc.command.nodes;

import cn.emcc.command.incident.IncidentLifecycle;
import cn.emcc.protocols.v1.EscalationNotice;
import cn.emcc.protocols.v1.ReportKind;
import cn.emcc.protocols.v1.ReportOverdue;
import cn.emcc.protocols.v1.IncidentChange;
import cn.emcc.protocols.v1.IncidentView;
import cn.emcc.protocols.v1.NodeSnapshot;
import cn.emcc.protocols.v1.NodeStreamMessage;
import cn.emcc.protocols.v1.NodeSummary;
import cn.emcc.protocols.v1.Resync;
import cn.emcc.protocols.v1.UnitChange;
import cn.emcc.protocols.v1.UnitView;
import cn.emcc.protocols.v1.WarningChange;
import cn.emcc.protocols.v1.WarningView;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stream of one command node: the picture of its subtree (open incidents,
 * units, weather warnings in force), its summary, the sequence numbers of its changes, the last changes
 * kept for resuming clients, and the clients attached. Every method holds the
 * feed's lock, so a client attached here sees its snapshot or replay and then
 * every later change exactly once, in sequence order.
 */
public final class NodeFeed {

    private final String adcode;
    private final String epoch;
    private final int replayWindow;
    private final Clock clock;
    private final Map<String, IncidentView> incidents = new HashMap<>();
    private final Map<String, UnitView> units = new HashMap<>();
    private final Map<String, EscalationNotice> notices = new TreeMap<>();
    private final Map<String, Instant> announcedAt = new HashMap<>();
    private final Map<String, ReportOverdue> overdue = new TreeMap<>();
    private final Map<String, WarningView> warnings = new TreeMap<>();
    /** Orders of this subtree whose timer ran out (not acknowledged, not en route, not on scene, release unconfirmed). */
    private final java.util.Set<String> overdueOrders = new java.util.TreeSet<>();
    private final SummaryCounts counts = new SummaryCounts();
    private final ArrayDeque<NodeStreamMessage> replay = new ArrayDeque<>();
    private final List<NodeClient> clients = new ArrayList<>();
    private NodeSummary summarySent = NodeSummary.getDefaultInstance();
    private long sequence;
    private long dropped;
    /** When the clients last got anything (a change, or a snapshot or replay to one attaching). */
    private Instant lastSentAt;

    NodeFeed(String adcode, String epoch, int replayWindow, Clock clock) {
        this.adcode = adcode;
        this.epoch = epoch;
        this.replayWindow = replayWindow;
        this.clock = clock;
    }

    public String adcode() {
        return adcode;
    }

    /**
     * An incident of this subtree changed. An open one enters or changes the
     * picture; a closed, merged or cancelled one leaves it ({@code removed}).
     */
    synchronized void incident(IncidentView view) {
        boolean open = IncidentLifecycle.isOpen(view.getStatus());
        IncidentView before = open ? incidents.put(view.getIncidentId(), view) : incidents.remove(view.getIncidentId());
        if (!open && before == null) {
            return; // ended while not in the picture: nothing to tell
        }
        if (open && before != null && SummaryCounts.sameCounts(before, view)) {
            // Most changes (a report joining, a warning linked) leave the counts as they
            // are: no summary to build and compare.
            append(NodeStreamMessage.newBuilder().setIncidentChange(IncidentChange.newBuilder().setIncident(view)));
            return;
        }
        if (before != null) {
            counts.remove(before);
        }
        if (open) {
            counts.add(view);
        }
        append(NodeStreamMessage.newBuilder().setIncidentChange(
                IncidentChange.newBuilder().setIncident(view).setRemoved(!open)));
        summaryIfChanged();
    }

    /** A unit of this subtree changed, or left it ({@code removed}). */
    synchronized void unit(UnitView view, boolean removed) {
        UnitView before = removed ? units.remove(view.getUnitId()) : units.put(view.getUnitId(), view);
        if (removed && before == null) {
            return;
        }
        if (!removed && before != null && SummaryCounts.sameCounts(before, view)) {
            // a unit that moved: its counts are as they were
            append(NodeStreamMessage.newBuilder().setUnitChange(UnitChange.newBuilder().setUnit(view)));
            return;
        }
        if (before != null) {
            counts.remove(before);
        }
        if (!removed) {
            counts.add(view);
        }
        append(NodeStreamMessage.newBuilder().setUnitChange(UnitChange.newBuilder().setUnit(view).setRemoved(removed)));
        summaryIfChanged();
    }

    /**
     * A new notice for this node: it enters the picture (replacing an older
     * revision about the same incident) and is announced.
     */
    synchronized void noticeRaised(EscalationNotice notice) {
        EscalationNotice held = notices.get(notice.getIncidentId());
        if (held != null && held.getRevision() >= notice.getRevision()) {
            return;
        }
        announce(notice.toBuilder().setAnnouncement(1).setAcknowledged(false).build());
        pendingChanged();
    }

    /** The notice was acknowledged: it leaves the picture, told with {@code acknowledged} set. */
    synchronized void noticeAcknowledged(String incidentId, int revision, String by) {
        EscalationNotice held = notices.get(incidentId);
        if (held == null || held.getRevision() != revision) {
            return; // superseded by a newer notice, which still waits
        }
        notices.remove(incidentId);
        announcedAt.remove(incidentId);
        append(NodeStreamMessage.newBuilder().setEscalation(held.toBuilder().setAcknowledged(true).setAcknowledgedBy(by)));
        pendingChanged();
    }

    /** Announces again every notice still waiting {@code every} after its last announcement. */
    synchronized void reannounce(Duration every) {
        Instant now = clock.instant();
        for (EscalationNotice n : List.copyOf(notices.values())) {
            if (!announcedAt.get(n.getIncidentId()).plus(every).isAfter(now)) {
                announce(n.toBuilder().setAnnouncement(n.getAnnouncement() + 1).build());
            }
        }
    }

    private void announce(EscalationNotice notice) {
        notices.put(notice.getIncidentId(), notice);
        announcedAt.put(notice.getIncidentId(), clock.instant());
        append(NodeStreamMessage.newBuilder().setEscalation(notice));
    }

    /** A report of one of this node's counties is past its deadline. */
    synchronized void reportOverdue(ReportOverdue alert) {
        String key = alert.getIncidentId() + "/" + alert.getKind().name();
        if (alert.equals(overdue.get(key))) {
            return;
        }
        overdue.put(key, alert);
        append(NodeStreamMessage.newBuilder().setReportOverdue(alert));
        countOverdue();
    }

    /** The report was filed: its alert, if any, leaves the picture. */
    synchronized void reportFiled(String incidentId, ReportKind kind) {
        ReportOverdue alert = overdue.remove(incidentId + "/" + kind.name());
        if (alert == null) {
            return;
        }
        append(NodeStreamMessage.newBuilder().setReportOverdue(alert.toBuilder().setFiled(true)));
        countOverdue();
    }

    /**
     * An order's timer ran out: it counts among the node's overdue timers until the order moves on. The
     * details are on the incident's timeline; the stream carries the count in the summary.
     */
    synchronized void orderOverdue(String orderId) {
        if (overdueOrders.add(orderId)) {
            countOverdue();
        }
    }

    synchronized void orderMoved(String orderId) {
        if (overdueOrders.remove(orderId)) {
            countOverdue();
        }
    }

    private void countOverdue() {
        counts.overdueTimers(overdue.size() + overdueOrders.size());
        summaryIfChanged();
    }


    /**
     * The warnings in force over this subtree changed: each change enters the
     * picture (taking the place of the warnings its view {@code replaces}) or
     * leaves it ({@code removed}), then the summary counts {@code byColour}.
     */
    synchronized void warnings(List<WarningChange> changes, Map<String, Integer> byColour) {
        for (WarningChange change : changes) {
            WarningView view = change.getWarning();
            if (change.getRemoved()) {
                if (warnings.remove(view.getWarningId()) == null) {
                    continue;
                }
            } else {
                view.getReplacesList().forEach(warnings::remove);
                warnings.put(view.getWarningId(), view);
            }
            append(NodeStreamMessage.newBuilder().setWarningChange(change));
        }
        counts.activeWarnings(byColour);
        summaryIfChanged();
    }

    private void pendingChanged() {
        counts.pendingEscalations(notices.size());
        summaryIfChanged();
    }

    private void summaryIfChanged() {
        NodeSummary now = counts.toProto();
        if (!now.equals(summarySent)) {
            summarySent = now;
            append(NodeStreamMessage.newBuilder().setSummary(now));
        }
    }

    /**
     * A feed with clients that has sent them nothing for {@code every} sends
     * its summary again, as the next change: a quiet node is then told apart
     * from a dead connection (a browser sees no WebSocket pings). The summary
     * is the one the clients hold, so applying it changes nothing.
     */
    synchronized void heartbeat(Duration every) {
        if (clients.isEmpty() || every.isZero() || lastSentAt == null
                || lastSentAt.plus(every).isAfter(clock.instant())) {
            return;
        }
        append(NodeStreamMessage.newBuilder().setSummary(summarySent));
    }

    private void append(NodeStreamMessage.Builder body) {
        Instant now = clock.instant();
        lastSentAt = now;
        NodeStreamMessage message = body.setSequence(++sequence).setNodeAdcode(adcode).setEpoch(epoch)
                .setAt(IncidentViews.timestamp(now)).build();
        replay.addLast(message);
        if (replay.size() > replayWindow) {
            replay.removeFirst();
        }
        for (Iterator<NodeClient> it = clients.iterator(); it.hasNext(); ) {
            NodeClient c = it.next();
            if (c.deliver(message, () -> resync("fell behind: its buffer of " + c.capacity() + " messages is full"),
                    now) == NodeClient.Delivery.CLOSED) {
                it.remove();
            }
        }
    }

    private NodeStreamMessage resync(String reason) {
        return NodeStreamMessage.newBuilder().setSequence(sequence).setNodeAdcode(adcode).setEpoch(epoch)
                .setAt(IncidentViews.timestamp(clock.instant()))
                .setResync(Resync.newBuilder().setReason(reason)).build();
    }

    /**
     * Attaches a client that last applied {@code lastSequence} of {@code clientEpoch}
     * (empty for a fresh start): it gets the changes after that from the replay
     * window when they are all there, otherwise a snapshot; then every change.
     */
    synchronized void attach(NodeClient client, String clientEpoch, long lastSequence) {
        boolean sent = canReplayFrom(clientEpoch, lastSequence)
                ? client.send(changesAfter(lastSequence))
                : client.send(List.of(snapshot()));
        if (sent) {
            clients.add(client);
            lastSentAt = clock.instant();
        }
    }

    private boolean canReplayFrom(String clientEpoch, long lastSequence) {
        if (!epoch.equals(clientEpoch) || lastSequence > sequence || lastSequence < 0) {
            return false;
        }
        long oldestKept = replay.isEmpty() ? sequence + 1 : replay.peekFirst().getSequence();
        return lastSequence >= oldestKept - 1;
    }

    private List<NodeStreamMessage> changesAfter(long lastSequence) {
        int skip = replay.isEmpty() ? 0 : (int) (lastSequence + 1 - replay.peekFirst().getSequence());
        List<NodeStreamMessage> after = new ArrayList<>(replay.size() - skip);
        Iterator<NodeStreamMessage> it = replay.iterator();
        for (int i = 0; it.hasNext(); i++) {
            NodeStreamMessage m = it.next();
            if (i >= skip) {
                after.add(m);
            }
        }
        return after;
    }

    /**
     * Sends {@code body} to one attached client only, as an answer to its own
     * request: sequence 0, not kept for replay, not a change of the picture. A
     * client that is lagging (told to resync) or whose queue is full does not
     * get it; what the request did shows in the picture it gets next.
     */
    synchronized boolean answer(NodeClient client, NodeStreamMessage.Builder body) {
        if (!clients.contains(client)) {
            return false;
        }
        return client.answer(body.setSequence(0).setNodeAdcode(adcode).setEpoch(epoch)
                .setAt(IncidentViews.timestamp(clock.instant())).build());
    }

    synchronized void detach(NodeClient client) {
        clients.remove(client);
    }

    /** The whole picture at the current sequence, as a client receives it. */
    public synchronized NodeStreamMessage snapshot() {
        NodeSnapshot.Builder s = NodeSnapshot.newBuilder().setSummary(summarySent).addAllEscalations(notices.values())
                .addAllOverdueReports(overdue.values()).addAllWarnings(warnings.values());
        incidents.values().stream().sorted(Comparator.comparing(IncidentView::getIncidentId)).forEach(s::addIncidents);
        units.values().stream().sorted(Comparator.comparing(UnitView::getUnitId)).forEach(s::addUnits);
        return NodeStreamMessage.newBuilder().setSequence(sequence).setNodeAdcode(adcode).setEpoch(epoch)
                .setAt(IncidentViews.timestamp(clock.instant())).setSnapshot(s).build();
    }

    /**
     * Lagging clients that have read everything get a fresh snapshot and go on;
     * those that have not read it for {@code dropAfter} are dropped.
     */
    synchronized void sweep(Duration dropAfter) {
        Instant now = clock.instant();
        for (Iterator<NodeClient> it = clients.iterator(); it.hasNext(); ) {
            NodeClient c = it.next();
            if (c.closed()) {
                it.remove();
            } else if (c.lagging() && c.drained()) {
                c.caughtUp();
                if (!c.send(List.of(snapshot()))) {
                    it.remove();
                }
            } else if (c.lagging() && Duration.between(c.laggingSince(), now).compareTo(dropAfter) >= 0) {
                c.drop("node " + adcode + ": client read nothing for " + dropAfter.toSeconds() + " s after a resync");
                it.remove();
                dropped++;
            }
        }
    }

    public synchronized long sequence() {
        return sequence;
    }

    public synchronized int clientCount() {
        return clients.size();
    }

    /** Clients told to resync that have not yet read their buffer. */
    public synchronized long laggingClients() {
        return clients.stream().filter(NodeClient::lagging).count();
    }

    /** Clients dropped for not reading since this feed started. */
    public synchronized long droppedClients() {
        return dropped;
    }

    /** Messages queued for each attached client now (never more than the client buffer). */
    public synchronized List<Integer> buffered() {
        return clients.stream().map(NodeClient::buffered).toList();
    }

    /** The sequence of the last message queued for each attached client. */
    public synchronized List<Long> lastQueued() {
        return clients.stream().map(NodeClient::lastQueued).toList();
    }

    /** Messages kept for resuming (never more than the replay window). */
    public synchronized int replayKept() {
        return replay.size();
    }
}
