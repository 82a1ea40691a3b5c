package cn.emcc.command.gateway;

import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.GatewayFrame;
import cn.emcc.protocols.v1.RejectionCode;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Unit positions, statuses and order answers need the unit roster and the
 * dispatch workflow. Until a roster is loaded every such message refers to a
 * unit or order emcc does not know, and is answered so: a Rejection, never a
 * silent drop and never an Ack for something not kept.
 */
public final class NoUnitRoster implements Ingest.Route {

    @Override
    public CompletionStage<GatewayFrame> handle(AgencyIdentity who, Envelope env) {
        return CompletableFuture.completedFuture(Replies.reject(env.getMessageId(),
                RejectionCode.REJECTION_CODE_UNKNOWN_REFERENCE, field(env),
                "no unit roster is loaded, so no unit or order is known to emcc"));
    }

    private static String field(Envelope env) {
        return switch (env.getPayloadCase()) {
            case ORDER_ACKNOWLEDGEMENT -> "order_acknowledgement.order_id";
            case ORDER_PROGRESS -> "order_progress.order_id";
            default -> env.getPayloadCase().name().toLowerCase() + ".unit_id";
        };
    }
}
