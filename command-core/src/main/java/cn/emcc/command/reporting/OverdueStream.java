package cn.emcc.command.reporting;

import cn.emcc.command.nodes.IncidentViews;
import cn.emcc.command.nodes.NodeStreams;
import cn.emcc.protocols.v1.ReportKind;
import cn.emcc.protocols.v1.ReportOverdue;

import java.util.function.Consumer;

/**
 * Hands the report desks' events, as the projection reads them, to the node
 * streams: a passed deadline alerts the county and the nodes above it (its
 * city and the province); the filed report clears the alert there, and so
 * does a false alarm or a merge, which owe nothing.
 */
public final class OverdueStream implements Consumer<ReportDesk.Event> {

    private final NodeStreams streams;

    public OverdueStream(NodeStreams streams) {
        this.streams = streams;
    }

    @Override
    public void accept(ReportDesk.Event event) {
        if (event instanceof ReportDesk.DeadlinePassed p) {
            ReportOverdue alert = ReportOverdue.newBuilder().setIncidentId(p.incidentId()).setKind(p.kind())
                    .setCountyAdcode(p.countyAdcode()).setGrade(p.grade())
                    .setDueAt(IncidentViews.timestamp(p.dueAt())).build();
            streams.reportOverdue(alert);
        } else if (event instanceof ReportDesk.ReportFiled f) {
            streams.reportFiled(f.countyAdcode(), f.incidentId(), f.kind());
            if (f.kind() == ReportKind.REPORT_KIND_FINAL) {
                // The final report covers the whole incident, an unanswered follow-up included.
                streams.reportFiled(f.countyAdcode(), f.incidentId(), ReportKind.REPORT_KIND_FOLLOW_UP);
            }
        } else if (event instanceof ReportDesk.IncidentTracked t && ReportDesk.owesNothing(t.status())) {
            // A false alarm or a merged incident owes no report: what was overdue no longer counts.
            for (ReportKind kind : ReportDesk.OWED_KINDS) {
                streams.reportFiled(t.countyAdcode(), t.incidentId(), kind);
            }
        }
    }
}
