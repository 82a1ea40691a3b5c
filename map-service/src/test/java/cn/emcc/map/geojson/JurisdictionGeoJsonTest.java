package cn.emcc.map.geojson;

import cn.emcc.map.jurisdiction.Jurisdiction;
import cn.emcc.map.jurisdiction.JurisdictionLoader;
import cn.emcc.map.jurisdiction.Jurisdictions;
import cn.emcc.map.jurisdiction.Tier;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.wololo.geojson.Feature;
import org.wololo.geojson.FeatureCollection;
import org.wololo.geojson.GeoJSONFactory;
import org.wololo.jts2geojson.GeoJSONReader;

import java.net.URL;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JurisdictionGeoJsonTest {

    private static Jurisdictions synthetic() {
        return JurisdictionLoader.load(resource("province.geojson"), resource("cities.geojson"),
                resource("counties.geojson"), resource("division-codes.csv"));
    }

    private static URL resource(String file) {
        return JurisdictionGeoJsonTest.class.getClassLoader().getResource("geo/synthetic/" + file);
    }

    @Test
    void rendersOneFeaturePerJurisdictionWithItsProperties() {
        Jurisdictions js = synthetic();

        String json = JurisdictionGeoJson.render(js.tree().all(), js.boundaries());

        FeatureCollection collection = (FeatureCollection) GeoJSONFactory.create(json);
        assertThat(collection.getFeatures()).extracting(f -> f.getProperties().get("adcode")).containsExactly(
                "990000", "990100", "990101", "990102", "990103", "990200", "990201", "990202");
        Map<String, Object> enclave = collection.getFeatures()[3].getProperties();
        assertThat(enclave).containsExactly(Map.entry("adcode", "990102"), Map.entry("name", "Enclave County"),
                Map.entry("tier", "COUNTY"), Map.entry("parent", "990100"));
        assertThat(collection.getFeatures()[0].getProperties()).containsEntry("parent", null)
                .containsEntry("tier", "PROVINCE");
        assertThat(json).startsWith("{\"type\":\"FeatureCollection\"").doesNotContain("\"crs\"")
                .contains("\"id\":\"990102\"");

        Geometry island = new GeoJSONReader().read(collection.getFeatures()[6].getGeometry());
        assertThat(island.getNumGeometries()).isEqualTo(3);
        Geometry outer = new GeoJSONReader().read(collection.getFeatures()[2].getGeometry());
        assertThat(((Polygon) outer).getNumInteriorRing()).isEqualTo(1);
    }

    @Test
    void windsExteriorRingsCounterClockwiseAndHolesClockwise() throws ParseException {
        // the exterior is clockwise and the hole counter-clockwise: both the wrong way for RFC 7946
        Geometry backwards = new WKTReader().read(
                "POLYGON ((0 0, 0 4, 4 4, 4 0, 0 0), (1 1, 2 1, 2 2, 1 2, 1 1))");
        Jurisdiction j = new Jurisdiction("990101", "Outer County", Tier.COUNTY, "990100");
        assertThat(Orientation.isCCW(((Polygon) backwards).getExteriorRing().getCoordinates())).isFalse();

        String json = JurisdictionGeoJson.render(List.of(j), Map.of("990101", backwards));

        Feature feature = ((FeatureCollection) GeoJSONFactory.create(json)).getFeatures()[0];
        Polygon written = (Polygon) new GeoJSONReader().read(feature.getGeometry());
        assertThat(Orientation.isCCW(written.getExteriorRing().getCoordinates())).isTrue();
        assertThat(Orientation.isCCW(written.getInteriorRingN(0).getCoordinates())).isFalse();
        assertThat(written.equalsTopo(backwards)).isTrue();
    }

    @Test
    void simplifiedCountiesHaveFewerVerticesAndStillMeetAlongTheirBorders() {
        Jurisdictions shandong = JurisdictionLoader.loadDefault();
        List<Jurisdiction> counties = shandong.tree().counties();

        String full = JurisdictionGeoJson.render(counties, shandong.boundaries());
        String simplified = JurisdictionGeoJson.render(counties, shandong.boundaries(), 0.01);

        assertThat(simplified.length()).isLessThan(full.length() * 2 / 3);
        Map<String, Geometry> byCode = geometries(simplified);
        assertThat(byCode).hasSize(136).allSatisfy((code, g) -> assertThat(g.isValid()).as("%s", code).isTrue());
        Geometry muping = byCode.get("370612");
        Geometry huancui = byCode.get("371002");
        assertThat(muping.intersection(huancui).getArea()).isLessThan(1e-9);
        assertThat(muping.getBoundary().intersection(huancui.getBoundary()).getLength()).isPositive();
    }

    @Test
    void refusesAJurisdictionWithoutBoundaryAndANegativeTolerance() {
        Jurisdiction j = new Jurisdiction("990101", "Outer County", Tier.COUNTY, "990100");

        assertThatThrownBy(() -> JurisdictionGeoJson.render(List.of(j), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("990101");
        assertThatThrownBy(() -> JurisdictionGeoJson.render(List.of(), Map.of(), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("toleranceDegrees is -1");
    }

    private static Map<String, Geometry> geometries(String json) {
        GeoJSONReader reader = new GeoJSONReader();
        return Arrays.stream(((FeatureCollection) GeoJSONFactory.create(json)).getFeatures())
                .collect(Collectors.toMap(f -> (String) f.getProperties().get("adcode"), f -> reader.read(f.getGeometry())));
    }
}
