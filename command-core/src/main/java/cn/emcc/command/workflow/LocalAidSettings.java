package cn.emcc.command.workflow;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

import java.time.Duration;

/**
 * When emcc raises mutual aid by itself ({@code emcc.dispatch.mutual-aid.*}): on a confirmation, for each
 * requirement the incident's own county cannot meet within {@code localEta}. Off, a confirmation orders the
 * proposal as it stands and only officers ask for mutual aid.
 */
public record LocalAidSettings(boolean enabled, Duration localEta) {

    /** The recommender proposes nothing slower than this, so a longer threshold could never be exceeded. */
    static final Duration LONGEST = Duration.ofHours(3);

    public LocalAidSettings {
        if (localEta == null || localEta.compareTo(Duration.ofSeconds(1)) < 0 || localEta.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("emcc.dispatch.mutual-aid.local-eta = " + localEta
                    + ": expected a duration from 1s to 3h (the longest ETA the recommender proposes)");
        }
    }

    static LocalAidSettings fromConfig(Config dispatch) {
        Config c = dispatch.getConfig("mutual-aid");
        try {
            return new LocalAidSettings(c.getBoolean("enabled"), c.getDuration("local-eta"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(c.origin(), "local-eta", e.getMessage());
        }
    }

    public LocalAidRule rule() {
        return new LocalAidRule(localEta);
    }
}
