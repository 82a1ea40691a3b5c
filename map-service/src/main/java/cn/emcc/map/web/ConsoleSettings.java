package cn.emcc.map.web;

import com.typesafe.config.Config;

/**
 * What a deployment tells the console: an optional tile layer (empty: the
 * jurisdiction boundaries alone are the base map, which works offline) and
 * the language it opens in. From {@code emcc.console} (map-service reference.conf).
 *
 * @param tileUrl a Leaflet URL template such as {@code https://tiles.example/{z}/{x}/{y}.png}, or ""
 */
public record ConsoleSettings(String tileUrl, String tileAttribution, String defaultLanguage) {

    public ConsoleSettings {
        if (!defaultLanguage.equals("zh") && !defaultLanguage.equals("en")) {
            throw new IllegalArgumentException("emcc.console.default-language is '" + defaultLanguage
                    + "'; expected zh or en");
        }
    }

    public static ConsoleSettings fromConfig(Config config) {
        Config c = config.getConfig("emcc.console");
        return new ConsoleSettings(c.getString("tile-url"), c.getString("tile-attribution"),
                c.getString("default-language"));
    }

    public static ConsoleSettings offline() {
        return new ConsoleSettings("", "", "zh");
    }
}
