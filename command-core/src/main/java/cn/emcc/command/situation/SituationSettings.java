package cn.emcc.command.situation;

import com.typesafe.config.Config;

import java.time.Duration;

/**
 * The situation layer's settings, read from {@code emcc.situation} (defaults in
 * command-core's reference.conf).
 *
 * @param warningRefresh      how often each node re-reads the warning board into its {@link WarningCache}
 * @param linkInterval        how often the {@link WarningLinker} reconciles all open incidents
 * @param linkParallelism     at most this many {@code UpdateWarnings} asks in flight during a pass
 * @param askTimeout          how long to wait for a board or an incident to answer
 * @param messages            how many message ids, for how long, the boards remember to answer resends
 * @param keepExpiredWarnings how long an expired warning stays on the board so a late UPDATE or CANCEL still finds it
 */
public record SituationSettings(Duration warningRefresh, Duration linkInterval, int linkParallelism,
                                Duration askTimeout, MessageWindow.Limits messages, Duration keepExpiredWarnings) {

    public SituationSettings {
        if (linkParallelism < 1) {
            throw new IllegalArgumentException("emcc.situation.link-parallelism must be at least 1, was " + linkParallelism);
        }
    }

    public static SituationSettings fromConfig(Config root) {
        Config c = root.getConfig("emcc.situation");
        return new SituationSettings(c.getDuration("warning-refresh"), c.getDuration("link-interval"),
                c.getInt("link-parallelism"), c.getDuration("ask-timeout"),
                new MessageWindow.Limits(c.getInt("remember-messages"), c.getDuration("remember-messages-for")),
                c.getDuration("keep-expired-warnings"));
    }
}
