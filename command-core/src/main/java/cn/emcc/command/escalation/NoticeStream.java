package cn.emcc.command.escalation;

import cn.emcc.command.nodes.IncidentViews;
import cn.emcc.command.nodes.NodeStreams;
import cn.emcc.protocols.v1.EscalationNotice;

import java.util.function.Consumer;

/** Hands the desks' events, as the projection reads them, to the node streams in the contract's form. */
public final class NoticeStream implements Consumer<EscalationDesk.Event> {

    private final NodeStreams streams;

    public NoticeStream(NodeStreams streams) {
        this.streams = streams;
    }

    @Override
    public void accept(EscalationDesk.Event event) {
        if (event instanceof EscalationDesk.NoticeRaised r) {
            streams.noticeRaised(r.nodeAdcode(), EscalationNotice.newBuilder()
                    .setIncidentId(r.incidentId())
                    .setRevision(r.revision())
                    .setKind(r.kind())
                    .setCountyAdcode(r.countyAdcode())
                    .setGrade(r.grade())
                    .setLeadTier(r.leadTier())
                    .setRaisedAt(IncidentViews.timestamp(r.raisedAt()))
                    .build());
        } else if (event instanceof EscalationDesk.NoticeAcknowledged a) {
            streams.noticeAcknowledged(a.nodeAdcode(), a.incidentId(), a.revision(), a.by().toString());
        }
    }
}
