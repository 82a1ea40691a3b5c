package cn.emcc.command.gateway;

import com.typesafe.config.Config;

/**
 * Size, concurrency and rate bounds of the gateway ({@code emcc.gateway.*}).
 *
 * @param maxFrameBytes           one Envelope: a WebSocket message or one delimited frame of a batch
 * @param maxBatchBytes           the body of one batch POST
 * @param maxBatchFrames          frames in one batch POST
 * @param parallelism             frames of one connection in progress at once: more are
 *                                not read until one is answered (backpressure)
 * @param maxConnectionsPerAgency WebSocket connections one agency system may hold on this node
 * @param messagesPerSecond       sustained messages per second of one agency system on this node
 * @param burst                   messages one agency system may send at once above that rate;
 *                                at least {@code maxBatchFrames}, so a full batch can pass
 */
public record GatewayLimits(int maxFrameBytes, int maxBatchBytes, int maxBatchFrames, int parallelism,
                            int maxConnectionsPerAgency, double messagesPerSecond, int burst) {

    public GatewayLimits {
        if (burst < maxBatchFrames) {
            throw new IllegalArgumentException("emcc.gateway.rate.burst (" + burst
                    + ") must be at least emcc.gateway.max-batch-frames (" + maxBatchFrames
                    + "), or a full batch could never be admitted");
        }
    }

    public static GatewayLimits fromConfig(Config root) {
        Config c = root.getConfig("emcc.gateway");
        return new GatewayLimits((int) c.getBytes("max-frame-size").longValue(),
                (int) c.getBytes("max-batch-size").longValue(), c.getInt("max-batch-frames"), c.getInt("parallelism"),
                c.getInt("max-connections-per-agency"), c.getDouble("rate.messages-per-second"),
                c.getInt("rate.burst"));
    }
}
