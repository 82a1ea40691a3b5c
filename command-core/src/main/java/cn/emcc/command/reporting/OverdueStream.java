package cn.emcc.command.reporting;

import cn.emcc.command.nodes.IncidentViews;
import cn.emcc.command.nodes.NodeStreams;
import cn.emcc.protocols.v1.ReportOverdue;

import java.util.function.Consumer;

/**
 * Hands the report desks' events, as the projection reads them, to the node
 * streams: a passed deadline alerts the county and its city; the filed report
 * clears the alert there.
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
            streams.reportOverdue(p.countyAdcode(), alert);
            streams.reportOverdue(p.cityAdcode(), alert);
        } else if (event instanceof ReportDesk.ReportFiled f) {
            streams.reportFiled(f.countyAdcode(), f.incidentId(), f.kind());
            streams.reportFiled(f.cityAdcode(), f.incidentId(), f.kind());
        }
    }
}
