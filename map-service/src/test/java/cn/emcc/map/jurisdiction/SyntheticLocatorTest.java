package cn.emcc.map.jurisdiction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Placement rules on small hand-made boundaries (see src/test/resources/geo/synthetic/README.md). */
class SyntheticLocatorTest {

    private final Jurisdictions synthetic = TestData.synthetic(GeographyTolerances.DEFAULTS);
    private final JurisdictionLocator locator = synthetic.locator();

    @Test
    void enclaveFillsTheHoleOfTheOuterCounty() {
        assertCounty(100.5, 31.0, "990102", false);
        assertCounty(100.2, 31.0, "990101", false);
        assertCounty(100.35, 31.0, "990101", false);
    }

    @Test
    void pointOnTheHoleRingTiesToTheLowerAdcode() {
        assertCounty(100.4, 31.0, "990101", true);
        assertCounty(100.6, 31.05, "990101", true);
    }

    @Test
    void sharedBorderTiesToTheLowerAdcodeWhateverTheFileOrder() {
        assertCounty(101.0, 31.0, "990101", true);
        Placement acrossCities = locator.locate(102.0, 31.0);
        assertThat(acrossCities).isInstanceOfSatisfying(Placement.Inside.class, inside -> {
            assertThat(inside.county().adcode()).isEqualTo("990103");
            assertThat(inside.city().adcode()).isEqualTo("990100");
            assertThat(inside.onBorder()).isTrue();
        });
    }

    @Test
    void outerCoastIsOnBorderToo() {
        assertCounty(100.0, 31.0, "990101", true);
    }

    @Test
    void islandsBelongToTheirCountyAndTheSeaBetweenIsOutside() {
        assertCounty(103.3, 32.6, "990201", false);
        assertCounty(102.25, 32.55, "990201", false);
        assertThat(locator.locate(103.3, 32.4)).isInstanceOfSatisfying(Placement.Outside.class,
                o -> assertThat(o.reason()).contains("outside Testland (990000)"));
    }

    @Test
    void aNarrowGapInsideTheProvinceGoesToTheNearestCounty() {
        assertCounty(103.0001, 31.0, "990201", true);
        assertCounty(103.0004, 31.0, "990202", true);
    }

    @Test
    void aWideGapInsideTheProvinceIsOutsideWithItsReason() {
        assertThat(locator.locate(101.5, 32.1)).isInstanceOfSatisfying(Placement.Outside.class,
                o -> assertThat(o.reason()).contains("inside Testland (990000) but in no county")
                        .contains("500 m"));
    }

    @Test
    void withoutGapToleranceTheNarrowGapIsOutside() {
        JurisdictionLocator strict = TestData.synthetic(new GeographyTolerances(0, 100, 500)).locator();

        assertThat(strict.locate(103.0001, 31.0)).isInstanceOf(Placement.Outside.class);
        assertThat(strict.locate(103.5, 31.0)).isInstanceOf(Placement.Inside.class);
    }

    @Test
    void nearestCountyReachesJustOffTheCoast() {
        // 0.001° of longitude at 31°N is about 95 m
        assertThat(locator.locate(104.001, 31.0)).isInstanceOf(Placement.Outside.class);
        assertThat(locator.nearestCounty(104.001, 31.0, 200)).map(Jurisdiction::adcode).contains("990202");
        assertThat(locator.nearestCounty(104.001, 31.0, 50)).isEmpty();
        assertThat(locator.nearestCounty(Double.NaN, 31.0, 200)).isEmpty();
    }

    @Test
    void neighboursIncludeTheEnclaveAndBridgeTheNarrowGap() {
        JurisdictionTree tree = synthetic.tree();

        assertThat(tree.neighbours("990101")).extracting(Jurisdiction::adcode).containsExactly("990102", "990103");
        assertThat(tree.neighbours("990102")).extracting(Jurisdiction::adcode).containsExactly("990101");
        assertThat(tree.neighbours("990103")).extracting(Jurisdiction::adcode).containsExactly("990101", "990201");
        assertThat(tree.neighbours("990201")).extracting(Jurisdiction::adcode).containsExactly("990103", "990202");
        assertThat(tree.neighbours("990202")).extracting(Jurisdiction::adcode).containsExactly("990201");
    }

    @Test
    void withoutNeighbourToleranceTheGapSeparatesCounties() {
        JurisdictionTree tree = TestData.synthetic(new GeographyTolerances(500, 0, 500)).tree();

        assertThat(tree.neighbours("990201")).extracting(Jurisdiction::adcode).containsExactly("990103");
        assertThat(tree.neighbours("990101")).extracting(Jurisdiction::adcode).containsExactly("990102", "990103");
    }

    private void assertCounty(double lon, double lat, String county, boolean onBorder) {
        assertThat(locator.locate(lon, lat)).as("(%s, %s)", lon, lat)
                .isInstanceOfSatisfying(Placement.Inside.class, inside -> {
                    assertThat(inside.county().adcode()).isEqualTo(county);
                    assertThat(inside.onBorder()).isEqualTo(onBorder);
                    assertThat(inside.province().adcode()).isEqualTo("990000");
                });
    }
}
