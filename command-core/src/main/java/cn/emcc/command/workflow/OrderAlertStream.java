package cn.emcc.command.workflow;

import cn.emcc.command.nodes.NodeStreams;
import cn.emcc.command.readside.IncidentBoard;
import cn.emcc.command.readside.IncidentSummary;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Hands the dispatches' order alerts, as the projection reads them, to the
 * command nodes: an order whose timer ran out counts among the overdue timers
 * of its incident's county and of every node above it, until the order moves on.
 * (The alert itself, with its reason, is on the incident's timeline.)
 */
public final class OrderAlertStream implements Consumer<DispatchActor.Event> {

    private final NodeStreams streams;
    private final IncidentBoard board;

    public OrderAlertStream(NodeStreams streams, IncidentBoard board) {
        this.streams = streams;
        this.board = board;
    }

    @Override
    public void accept(DispatchActor.Event event) {
        Optional<IncidentSummary> incident = board.get(event.incidentId());
        // At start-up the board replays beside this stream and may not have the incident yet; its id begins
        // with its county's code (<county>-<day>-<n>).
        String county = incident.map(IncidentSummary::countyAdcode).orElse(event.incidentId().substring(0, 6));
        if (event instanceof DispatchActor.OrderOverdue overdue) {
            streams.orderOverdue(county, overdue.orderId());
        } else if (event instanceof DispatchActor.OrderMoved moved) {
            streams.orderMoved(county, moved.orderId());
        }
    }
}
