package cn.emcc.map.jurisdiction;

import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Loads each data set once per test JVM: the shipped Shandong data takes about a second. */
final class TestData {

    private static Jurisdictions shandong;

    private TestData() {
    }

    static synchronized Jurisdictions shandong() {
        if (shandong == null) {
            shandong = JurisdictionLoader.loadDefault();
        }
        return shandong;
    }

    static JurisdictionSources syntheticSources() {
        return new JurisdictionSources(synthetic("province.geojson"), synthetic("cities.geojson"),
                synthetic("counties.geojson"), synthetic("division-codes.csv"));
    }

    static Jurisdictions synthetic(GeographyTolerances tolerances) {
        return JurisdictionLoader.load(syntheticSources(), tolerances);
    }

    static URL synthetic(String file) {
        URL url = TestData.class.getClassLoader().getResource("geo/synthetic/" + file);
        if (url == null) {
            throw new IllegalStateException("test resource geo/synthetic/" + file + " is missing");
        }
        return url;
    }

    static Path syntheticPath(String file) {
        try {
            return Paths.get(synthetic(file).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
