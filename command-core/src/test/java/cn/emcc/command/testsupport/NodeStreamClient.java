package cn.emcc.command.testsupport;

import cn.emcc.protocols.v1.EscalationNotice;
import cn.emcc.protocols.v1.IncidentView;
import cn.emcc.protocols.v1.NodeStreamMessage;
import cn.emcc.protocols.v1.NodeStreamRequest;
import cn.emcc.protocols.v1.NodeSummary;
import cn.emcc.protocols.v1.ReportOverdue;
import cn.emcc.protocols.v1.UnitView;
import cn.emcc.protocols.v1.WarningView;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A command node's client as a real system or browser would write one: it
 * connects to {@code /v1/nodes/<adcode>/stream}, rebuilds the node's picture
 * from the snapshot and the changes, remembers the last sequence it applied
 * and resumes from it after a reconnect. Every message that breaks the
 * stream's promises (a gap, a duplicate, a change before any snapshot, another
 * node's message, a warning already in the picture or whose counties are all
 * outside the node's subtree) is recorded as a violation instead of being
 * applied. Answers to the client's own requests (RequestAccepted,
 * RequestRefused) carry sequence 0 and are kept apart, not applied.
 */
public final class NodeStreamClient implements AutoCloseable {

    /**
     * How a (re)connecting client names where to resume; NOTHING sends neither,
     * as a browser that just opens the stream, and gets a snapshot after the
     * server's first-frame wait.
     */
    public enum ResumeBy { QUERY, FIRST_FRAME, NOTHING }

    private static final JsonFormat.Parser JSON = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer JSON_OUT = JsonFormat.printer();

    private URI base;
    private final String adcode;
    private final boolean json;
    private final String token;

    private final Map<String, IncidentView> incidents = new TreeMap<>();
    private final Map<String, UnitView> units = new TreeMap<>();
    private final Map<String, EscalationNotice> notices = new TreeMap<>();
    private final Map<String, ReportOverdue> overdue = new TreeMap<>();
    private final Map<String, WarningView> warnings = new TreeMap<>();
    private final List<NodeStreamMessage> answers = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final List<NodeStreamMessage> received = new ArrayList<>();
    private NodeSummary summary = NodeSummary.getDefaultInstance();
    private String epoch = "";
    private long last;
    private boolean haveSnapshot;
    private boolean awaitingSnapshot;
    private int snapshots;
    private int resyncs;
    private int generation;
    private PlainWebSocket socket;
    private boolean paused;
    private boolean closedByServer;
    private String closeReason = "";

    /** A client of an officer's session {@code token}, sent as {@code ?access_token=} (the stream accepts it for browsers too). */
    public NodeStreamClient(URI base, String adcode, boolean json, String token) {
        this.base = base;
        this.adcode = adcode;
        this.json = json;
        this.token = token;
    }

    /** Connects (or reconnects), resuming from the last sequence applied, if any. */
    public NodeStreamClient connect(ResumeBy how) {
        int gen;
        NodeStreamRequest resume;
        URI base;
        boolean startPaused;
        synchronized (this) {
            base = this.base;
            gen = ++generation;
            closedByServer = false;
            closeReason = "";
            startPaused = paused;
            // After a Resync the picture at the last applied sequence is still sound: resume from it.
            awaitingSnapshot = false;
            resume = NodeStreamRequest.newBuilder().setEpoch(epoch).setLastSequence(last).build();
        }
        String ws = base.toString().replaceFirst("^http", "ws") + "/v1/nodes/" + adcode + "/stream";
        String query = how == ResumeBy.QUERY ? "?epoch=" + epoch + "&last_sequence=" + last : "";
        if (json) {
            query += (query.isEmpty() ? "?" : "&") + "format=json";
        }
        query += (query.isEmpty() ? "?" : "&") + "access_token=" + token;
        PlainWebSocket s = PlainWebSocket.open(URI.create(ws + query), new Connection(gen));
        if (startPaused) {
            s.pause();
        }
        synchronized (this) {
            socket = s;
        }
        if (how == ResumeBy.FIRST_FRAME) {
            if (json) {
                try {
                    s.sendText(JSON_OUT.print(resume));
                } catch (InvalidProtocolBufferException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                s.sendBinary(resume.toByteArray());
            }
        }
        return this;
    }

    /** The same client (picture, epoch, last sequence) for a server now on another address, e.g. after a restart. */
    public synchronized NodeStreamClient movedTo(URI newBase) {
        base = newBase;
        return this;
    }

    /** Sends a request frame (binary) on the open connection. */
    public void send(NodeStreamRequest request) {
        PlainWebSocket s;
        synchronized (this) {
            s = socket;
        }
        s.sendBinary(request.toByteArray());
    }

    /** Drops the connection without a goodbye, as a lost network would; later frames of it are ignored. */
    public void disconnect() {
        PlainWebSocket s;
        synchronized (this) {
            generation++;
            s = socket;
            socket = null;
        }
        if (s != null) {
            s.abort();
        }
    }

    /** Stops reading the socket: its buffers fill and the server sees a client that does not read. */
    public void pause() {
        PlainWebSocket s;
        synchronized (this) {
            paused = true;
            s = socket;
        }
        if (s != null) {
            s.pause();
        }
    }

    public void resume() {
        PlainWebSocket s;
        synchronized (this) {
            paused = false;
            s = socket;
        }
        if (s != null) {
            s.resume();
        }
    }

    /** One connection's messages, each whole as the server framed it; {@code gen} tells a dropped one apart. */
    private final class Connection implements PlainWebSocket.Handler {
        private final int gen;

        Connection(int gen) {
            this.gen = gen;
        }

        @Override
        public void message(byte[] payload, boolean text) {
            try {
                if (text) {
                    NodeStreamMessage.Builder b = NodeStreamMessage.newBuilder();
                    JSON.merge(new String(payload, StandardCharsets.UTF_8), b);
                    accept(gen, b.build());
                } else {
                    accept(gen, NodeStreamMessage.parseFrom(payload));
                }
            } catch (InvalidProtocolBufferException e) {
                violationOn(gen, "undecodable " + (text ? "text" : "binary") + " frame of " + payload.length
                        + " bytes: " + e.getMessage());
            } catch (RuntimeException e) {
                // Recorded, never swallowed silently.
                violationOn(gen, "client failed on a frame: " + e);
            }
        }

        @Override
        public void closed(String why) {
            serverClosed(gen, why);
        }
    }

    private synchronized void serverClosed(int gen, String why) {
        if (gen == generation) {
            closedByServer = true;
            closeReason = why;
        }
    }

    /** A broken frame counts only on the live connection, not on one this client already dropped. */
    private synchronized void violationOn(int gen, String what) {
        if (gen == generation) {
            violations.add(what);
        }
    }

    private synchronized void accept(int gen, NodeStreamMessage m) {
        if (gen != generation) {
            return; // a frame of a connection this client already dropped
        }
        received.add(m);
        if (!m.getNodeAdcode().equals(adcode)) {
            violations.add("message of node " + m.getNodeAdcode() + " on the stream of " + adcode);
            return;
        }
        switch (m.getBodyCase()) {
            case REQUEST_ACCEPTED, REQUEST_REFUSED -> {
                if (m.getSequence() != 0) {
                    violations.add("answer to a request with sequence " + m.getSequence() + "; expected 0");
                }
                answers.add(m);
            }
            case RESYNC -> {
                resyncs++;
                awaitingSnapshot = true;
            }
            case SNAPSHOT -> {
                snapshots++;
                incidents.clear();
                units.clear();
                notices.clear();
                overdue.clear();
                warnings.clear();
                m.getSnapshot().getWarningsList().forEach(w -> {
                    if (!touchesSubtree(w)) {
                        violations.add("snapshot " + m.getSequence() + " lists warning " + w.getWarningId()
                                + " of counties " + w.getCountyAdcodesList() + ", none in " + adcode);
                    }
                    warnings.put(w.getWarningId(), w);
                });
                m.getSnapshot().getOverdueReportsList().forEach(o -> overdue.put(key(o), o));
                m.getSnapshot().getEscalationsList().forEach(n -> notices.put(n.getIncidentId(), n));
                m.getSnapshot().getIncidentsList().forEach(i -> incidents.put(i.getIncidentId(), i));
                m.getSnapshot().getUnitsList().forEach(u -> units.put(u.getUnitId(), u));
                summary = m.getSnapshot().getSummary();
                epoch = m.getEpoch();
                last = m.getSequence();
                haveSnapshot = true;
                awaitingSnapshot = false;
            }
            default -> change(m);
        }
    }

    private void change(NodeStreamMessage m) {
        if (!haveSnapshot && epoch.isEmpty()) {
            violations.add("change " + m.getSequence() + " before any snapshot");
            return;
        }
        if (awaitingSnapshot) {
            violations.add("change " + m.getSequence() + " after a resync, before its snapshot");
            return;
        }
        if (!m.getEpoch().equals(epoch)) {
            violations.add("change " + m.getSequence() + " of epoch " + m.getEpoch() + " while in epoch " + epoch);
            return;
        }
        if (m.getSequence() != last + 1) {
            violations.add("change " + m.getSequence() + " after " + last + (m.getSequence() <= last ? " (duplicate)" : " (gap)"));
            return;
        }
        last = m.getSequence();
        switch (m.getBodyCase()) {
            case INCIDENT_CHANGE -> {
                IncidentView v = m.getIncidentChange().getIncident();
                if (m.getIncidentChange().getRemoved()) {
                    if (incidents.remove(v.getIncidentId()) == null) {
                        violations.add("removal of " + v.getIncidentId() + " that is not in the picture");
                    }
                } else {
                    incidents.put(v.getIncidentId(), v);
                }
            }
            case UNIT_CHANGE -> {
                UnitView u = m.getUnitChange().getUnit();
                if (m.getUnitChange().getRemoved()) {
                    units.remove(u.getUnitId());
                } else {
                    units.put(u.getUnitId(), u);
                }
            }
            case WARNING_CHANGE -> {
                WarningView w = m.getWarningChange().getWarning();
                if (m.getWarningChange().getRemoved()) {
                    if (warnings.remove(w.getWarningId()) == null) {
                        violations.add("removal of warning " + w.getWarningId() + " that is not in the picture");
                    }
                } else if (!touchesSubtree(w)) {
                    violations.add("warning " + w.getWarningId() + " of counties " + w.getCountyAdcodesList()
                            + ", none in " + adcode);
                } else if (warnings.containsKey(w.getWarningId())) {
                    violations.add("warning " + w.getWarningId() + " again while in the picture (duplicate)");
                } else {
                    w.getReplacesList().forEach(warnings::remove);
                    warnings.put(w.getWarningId(), w);
                }
            }
            case SUMMARY -> summary = m.getSummary();
            case REPORT_OVERDUE -> {
                ReportOverdue o = m.getReportOverdue();
                if (o.getFiled()) {
                    overdue.remove(key(o));
                } else {
                    overdue.put(key(o), o);
                }
            }
            case ESCALATION -> {
                EscalationNotice n = m.getEscalation();
                if (n.getAcknowledged()) {
                    notices.remove(n.getIncidentId());
                } else {
                    notices.put(n.getIncidentId(), n);
                }
            }
            default -> { } // messages added to the contract later: counted in sequence, otherwise ignored
        }
    }

    public String adcode() {
        return adcode;
    }

    public synchronized Map<String, IncidentView> incidents() {
        return Map.copyOf(incidents);
    }

    public synchronized Map<String, UnitView> units() {
        return Map.copyOf(units);
    }

    /** Whether one of the warning's counties lies in this node's subtree (GB/T 2260: 37xxxx, 3701xx, 370102). */
    private boolean touchesSubtree(WarningView w) {
        String prefix = adcode.endsWith("0000") ? adcode.substring(0, 2)
                : adcode.endsWith("00") ? adcode.substring(0, 4) : adcode;
        return w.getCountyAdcodesList().stream().anyMatch(c -> c.startsWith(prefix));
    }

    /** The weather warnings in force over this node's subtree, by warning id. */
    public synchronized Map<String, WarningView> warnings() {
        return Map.copyOf(warnings);
    }

    /** The server's answers to this client's request frames (RequestAccepted, RequestRefused), in order. */
    public synchronized List<NodeStreamMessage> answers() {
        return List.copyOf(answers);
    }

    /** Sends a text frame as it is (e.g. JSON, or something that is not a request at all). */
    public void sendText(String text) {
        PlainWebSocket s;
        synchronized (this) {
            s = socket;
        }
        s.sendText(text);
    }

    /** Sends a binary frame as it is. */
    public void sendBinary(byte[] bytes) {
        PlainWebSocket s;
        synchronized (this) {
            s = socket;
        }
        s.sendBinary(bytes);
    }

    private static String key(ReportOverdue o) {
        return o.getIncidentId() + "/" + o.getKind().name();
    }

    /** Overdue reports shown at this node, keyed "incident/REPORT_KIND_…". */
    public synchronized Map<String, ReportOverdue> overdueReports() {
        return Map.copyOf(overdue);
    }

    /** The node's escalation notices still waiting for acknowledgement, by incident. */
    public synchronized Map<String, EscalationNotice> notices() {
        return Map.copyOf(notices);
    }

    /** Every escalation message received, announcements and acknowledgements, in order. */
    public synchronized List<EscalationNotice> escalationMessages() {
        return received.stream().filter(NodeStreamMessage::hasEscalation).map(NodeStreamMessage::getEscalation).toList();
    }

    public synchronized NodeSummary summary() {
        return summary;
    }

    public synchronized long lastSequence() {
        return last;
    }

    public synchronized String epoch() {
        return epoch;
    }

    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    public synchronized List<NodeStreamMessage> received() {
        return List.copyOf(received);
    }

    /** How many times this client has connected (the first time included). */
    public synchronized int connections() {
        return generation;
    }

    public synchronized int snapshots() {
        return snapshots;
    }

    public synchronized int resyncs() {
        return resyncs;
    }

    /** Connected, past any resync, and has applied {@code sequence} of {@code epoch}. */
    public synchronized boolean isAt(String epoch, long sequence) {
        return socket != null && !closedByServer && !awaitingSnapshot && this.epoch.equals(epoch) && last == sequence;
    }

    /** The client's state in a few words, for failure messages. */
    public synchronized String describe() {
        return adcode + (json ? " json" : " proto") + " epoch=" + epoch + " last=" + last + " connected=" + (socket != null)
                + " closedByServer=" + closedByServer + (closedByServer ? " (" + closeReason + ")" : "") + " awaitingSnapshot=" + awaitingSnapshot + " snapshots=" + snapshots
                + " resyncs=" + resyncs + " received=" + received.size() + " paused=" + paused;
    }

    public synchronized boolean closedByServer() {
        return closedByServer;
    }

    @Override
    public void close() {
        disconnect();
    }
}
