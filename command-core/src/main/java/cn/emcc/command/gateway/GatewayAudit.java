package cn.emcc.command.gateway;

import cn.emcc.protocols.v1.GatewayFrame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where the gateway reports each frame it answered: the agency, the peer
 * address of its connection, the frame as received and emcc's reply. The
 * returned reply is the one sent; it may be held until the record is durable,
 * or replaced when it could not be recorded.
 */
@FunctionalInterface
public interface GatewayAudit {

    CompletionStage<GatewayFrame> answered(AgencyIdentity who, String from, byte[] frame, GatewayFrame reply);

    GatewayAudit NONE = (who, from, frame, reply) -> CompletableFuture.completedFuture(reply);
}
