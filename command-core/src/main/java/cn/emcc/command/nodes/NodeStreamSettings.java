package cn.emcc.command.nodes;

import cn.emcc.map.jurisdiction.Tier;
import com.typesafe.config.Config;

import java.time.Duration;

/**
 * Bounds of the node streams ({@code emcc.nodes.*}), see docs/command-nodes.md.
 *
 * @param replayProvince   changes the province's feed keeps for resuming clients
 * @param replayCity       the same for each city
 * @param replayCounty     the same for each county
 * @param clientBuffer     messages waiting for one client at most; when full the client is told to resync
 * @param dropSlowAfter    a client told to resync that has still not read its buffer after this long is dropped
 * @param firstFrameWait   how long a connection without resume parameters waits for a NodeStreamRequest
 *                         before it starts with a snapshot
 * @param sweepInterval    how often lagging clients and waiting notices are checked
 * @param reannounceEvery  an escalation notice not yet acknowledged is announced again this long after the last time
 * @param heartbeatEvery   a feed that has sent its clients nothing for this long sends its summary again
 *                         (0: never), so a console can tell a quiet node from a dead connection
 */
public record NodeStreamSettings(int replayProvince, int replayCity, int replayCounty, int clientBuffer,
                                 Duration dropSlowAfter, Duration firstFrameWait, Duration sweepInterval,
                                 Duration reannounceEvery, Duration heartbeatEvery) {

    public NodeStreamSettings {
        if (clientBuffer < 2) {
            throw new IllegalArgumentException("emcc.nodes.client-buffer is " + clientBuffer
                    + "; expected at least 2 (one place is kept for the resync notice)");
        }
        if (replayProvince < 1 || replayCity < 1 || replayCounty < 1) {
            throw new IllegalArgumentException("emcc.nodes.replay-window values are " + replayProvince + "/"
                    + replayCity + "/" + replayCounty + "; expected at least 1 each");
        }
        if (heartbeatEvery.isNegative()) {
            throw new IllegalArgumentException("emcc.nodes.heartbeat-every is " + heartbeatEvery
                    + "; expected 0 (off) or more");
        }
    }

    public static NodeStreamSettings fromConfig(Config root) {
        Config c = root.getConfig("emcc.nodes");
        return new NodeStreamSettings(c.getInt("replay-window.province"), c.getInt("replay-window.city"),
                c.getInt("replay-window.county"), c.getInt("client-buffer"), c.getDuration("drop-slow-client-after"),
                c.getDuration("first-frame-wait"), c.getDuration("sweep-interval"), c.getDuration("reannounce-every"),
                c.getDuration("heartbeat-every"));
    }

    public int replayWindow(Tier tier) {
        return switch (tier) {
            case PROVINCE -> replayProvince;
            case CITY -> replayCity;
            case COUNTY -> replayCounty;
        };
    }
}
