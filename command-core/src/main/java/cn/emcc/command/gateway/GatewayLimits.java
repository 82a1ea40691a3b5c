package cn.emcc.command.gateway;

import com.typesafe.config.Config;

/**
 * Size and concurrency bounds of the gateway ({@code emcc.gateway.*}).
 *
 * @param parallelism frames of one connection in progress at once: more are
 *                    not read until one is answered (backpressure)
 */
public record GatewayLimits(int maxFrameBytes, int maxBatchBytes, int maxBatchFrames, int parallelism) {

    public static GatewayLimits fromConfig(Config root) {
        Config c = root.getConfig("emcc.gateway");
        return new GatewayLimits((int) c.getBytes("max-frame-size").longValue(),
                (int) c.getBytes("max-batch-size").longValue(), c.getInt("max-batch-frames"), c.getInt("parallelism"));
    }
}
