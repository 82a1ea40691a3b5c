package cn.emcc.map.web;

import com.typesafe.config.Config;

import java.time.Duration;

/**
 * What a deployment tells the console: an optional tile layer (empty: the
 * jurisdiction boundaries alone are the base map, which works offline) and
 * the language it opens in. From {@code emcc.console} (map-service reference.conf).
 *
 * @param tileUrl    a Leaflet URL template such as {@code https://tiles.example/{z}/{x}/{y}.png}, or ""
 * @param staleAfter the console calls its live picture stale when nothing has come over the node stream for
 *                   this long; longer than the node stream's heartbeat ({@code emcc.nodes.heartbeat-every})
 */
public record ConsoleSettings(String tileUrl, String tileAttribution, String defaultLanguage, Duration staleAfter) {

    /** What the console waits by default before calling a silent stream stale: three heartbeats of 15 s. */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(45);

    public ConsoleSettings {
        if (staleAfter.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("emcc.console.stale-after is " + staleAfter
                    + "; expected at least 1s (and longer than emcc.nodes.heartbeat-every)");
        }
        if (!defaultLanguage.equals("zh") && !defaultLanguage.equals("en")) {
            throw new IllegalArgumentException("emcc.console.default-language is '" + defaultLanguage
                    + "'; expected zh or en");
        }
    }

    public ConsoleSettings(String tileUrl, String tileAttribution, String defaultLanguage) {
        this(tileUrl, tileAttribution, defaultLanguage, DEFAULT_STALE_AFTER);
    }

    public static ConsoleSettings fromConfig(Config config) {
        Config c = config.getConfig("emcc.console");
        return new ConsoleSettings(c.getString("tile-url"), c.getString("tile-attribution"),
                c.getString("default-language"), c.getDuration("stale-after"));
    }

    public static ConsoleSettings offline() {
        return new ConsoleSettings("", "", "zh");
    }
}
