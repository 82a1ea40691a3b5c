package cn.emcc.command.workflow;

import cn.emcc.dispatch.DispatchTimers;
import com.typesafe.config.Config;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The workflow's settings ({@code emcc.dispatch.*}); the order timers are a
 * data file on the classpath, so a deployment (or a test) names its own.
 */
public record DispatchSettings(DispatchTimers timers, Duration redeliverEvery, Duration wakeEvery, int outboundQueue,
                               Duration avlSampleEvery, int avlKeepSamples, boolean haltBeforeIssue,
                               Duration wakeEndedWithin, LocalAidSettings mutualAid) {

    public static DispatchSettings fromConfig(Config root) {
        Config c = root.getConfig("emcc.dispatch");
        return new DispatchSettings(timers(c.getString("timers")), c.getDuration("redeliver-every"),
                c.getDuration("wake-every"), c.getInt("outbound-queue"), c.getDuration("avl-sample-every"),
                c.getInt("avl-keep-samples"), c.getBoolean("fault.halt-before-issue"),
                c.getDuration("wake-ended-within"), LocalAidSettings.fromConfig(c));
    }

    private static DispatchTimers timers(String resource) {
        InputStream in = DispatchSettings.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("emcc.dispatch.timers = '" + resource
                    + "': no such resource on the classpath; expected a dispatch timers CSV");
        }
        try (InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return DispatchTimers.parse(reader, resource);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }

    public DispatchActor.Settings entitySettings() {
        return new DispatchActor.Settings(timers, redeliverEvery, haltBeforeIssue);
    }
}
