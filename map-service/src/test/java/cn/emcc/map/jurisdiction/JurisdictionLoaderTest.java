package cn.emcc.map.jurisdiction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Loading from files and refusing data that would give a wrong map. */
class JurisdictionLoaderTest {

    @TempDir
    Path dir;

    @Test
    void loadsFromFilePaths() throws IOException {
        Jurisdictions loaded = JurisdictionLoader.load(copy("province.geojson", s -> s),
                copy("cities.geojson", s -> s), copy("counties.geojson", s -> s), copy("division-codes.csv", s -> s));

        assertThat(loaded.tree().cities()).extracting(Jurisdiction::adcode).containsExactly("990100", "990200");
        assertThat(loaded.tree().counties()).hasSize(5);
        assertThat(loaded.boundaries()).hasSize(8).allSatisfy((code, g) -> {
            assertThat(g.isValid()).isTrue();
            assertThat(g.getSRID()).isEqualTo(4326);
        });
    }

    @Test
    void loadsFromConfigStrings() throws IOException {
        JurisdictionSources sources = JurisdictionSources.of("classpath:geo/synthetic/province.geojson",
                copy("cities.geojson", s -> s).toString(),
                copy("counties.geojson", s -> s).toUri().toString(),
                "classpath:/geo/synthetic/division-codes.csv");

        assertThat(JurisdictionLoader.load(sources, GeographyTolerances.DEFAULTS).tree().all()).hasSize(8);
    }

    @Test
    void aMissingClasspathResourceIsNamed() {
        assertThatThrownBy(() -> JurisdictionSources.of("classpath:geo/nowhere.geojson", "a", "b", "c"))
                .isInstanceOf(JurisdictionDataException.class)
                .hasMessageContaining("province location classpath:geo/nowhere.geojson");
    }

    @Test
    void aCountyWhoseCityIsMissingFailsWithBothCodes() throws IOException {
        assertLoadFails("division-codes.csv", s -> s.replace("990202,Gap County,county,990200",
                "990302,Gap County,county,990300"), "990302", "parent 990300", "not in the table");
    }

    @Test
    void aCodeThatIsNotSixDigitsFailsWithItsLine() throws IOException {
        assertLoadFails("division-codes.csv", s -> s.replace("990103,East", "99013,East"),
                "line 7", "'99013' is not six digits");
    }

    @Test
    void aCountyCodeOutsideItsCityPrefixFails() throws IOException {
        assertLoadFails("division-codes.csv", s -> s.replace("990103,East County,county,990100",
                "990203,East County,county,990100"), "990203", "prefix 9901");
    }

    @Test
    void aCountyWithoutBoundaryFails() throws IOException {
        assertLoadFails("counties.geojson", s -> s.replace("\"990103\"", "\"990104\""),
                "(adcode 990104) is not in the division-code table", "East County (990103) has no boundary");
    }

    @Test
    void aNameThatDisagreesWithTheTableFails() throws IOException {
        assertLoadFails("counties.geojson", s -> s.replace("\"Gap County\"", "\"Gap Town\""),
                "named Gap Town", "the division-code table says Gap County");
    }

    @Test
    void aWrongCityAdcodePropertyFails() throws IOException {
        assertLoadFails("counties.geojson", s -> s.replace(
                "\"adcode\":\"990103\",\"name\":\"East County\",\"city_adcode\":\"990100\"",
                "\"adcode\":\"990103\",\"name\":\"East County\",\"city_adcode\":\"990200\""),
                "city_adcode 990200", "says 990100");
    }

    @Test
    void projectedCoordinatesFail() throws IOException {
        assertLoadFails("cities.geojson", s -> s.replace("[[100,30],[102,30],[102,32],[100,32],[100,30]]",
                        "[[500000,3300000],[700000,3300000],[700000,3500000],[500000,3500000],[500000,3300000]]"),
                "outside lon/lat degrees", "projected");
    }

    @Test
    void aBowTieThatBufferZeroCannotRepairFails() throws IOException {
        assertLoadFails("counties.geojson", s -> s.replace(
                "[[100.4,30.9],[100.6,30.9],[100.6,31.1],[100.4,31.1],[100.4,30.9]]]}}",
                "[[100.4,30.9],[100.6,31.1],[100.6,30.9],[100.4,31.1],[100.4,30.9]]]}}"),
                "Enclave County", "is invalid", "cannot repair");
    }

    @Test
    void aSelfTouchingRingIsRepairedWithBufferZero() throws IOException {
        // the shell of Gap County dents in to touch itself at (103.0005, 31): invalid, same area once repaired
        Path counties = copy("counties.geojson", s -> s.replace(
                "[[103.0005,30],[104,30],[104,32],[103.0005,32],[103.0005,30]]",
                "[[103.0005,30],[104,30],[104,32],[103.0005,32],[103.0005,31],[103.5,31.2],[103.5,30.8],"
                        + "[103.0005,31],[103.0005,30]]"));
        Jurisdictions loaded = JurisdictionLoader.load(TestData.syntheticPath("province.geojson"),
                TestData.syntheticPath("cities.geojson"), counties, TestData.syntheticPath("division-codes.csv"));

        Geometry gap = loaded.boundary("990202");
        assertThat(gap.isValid()).isTrue();
        assertThat(loaded.locator().locate(103.8, 31.0)).isInstanceOfSatisfying(Placement.Inside.class,
                inside -> assertThat(inside.county().adcode()).isEqualTo("990202"));
        assertThat(loaded.locator().locate(103.3, 31.0)).as("inside the dent").isInstanceOf(Placement.Outside.class);
    }

    @Test
    void theDefaultShapeIsCheckedForSixteenCitiesAndOneHundredThirtySixCounties() {
        JurisdictionTree synthetic = TestData.synthetic(GeographyTolerances.DEFAULTS).tree();

        assertThatThrownBy(() -> JurisdictionLoader.checkDefaultShape(synthetic))
                .isInstanceOf(JurisdictionDataException.class)
                .hasMessageContaining("found 2 cities; expected 16")
                .hasMessageContaining("found 5 counties; expected 136");
    }

    @Test
    void everyProblemIsListedNotJustTheFirst() throws IOException {
        JurisdictionDataException e = loadFailure("division-codes.csv", s -> s
                .replace("990103,East County,county,990100", "990103,East County,county,990900")
                .replace("990202,Gap County,county,990200", "990202,Gap County,county,990900"));

        assertThat(e.problems()).hasSize(2);
    }

    private void assertLoadFails(String file, UnaryOperator<String> damage, String... expected) throws IOException {
        JurisdictionDataException e = loadFailure(file, damage);
        for (String fragment : expected) {
            assertThat(e.getMessage()).contains(fragment);
        }
    }

    private JurisdictionDataException loadFailure(String file, UnaryOperator<String> damage) throws IOException {
        Path[] paths = new Path[4];
        String[] files = {"province.geojson", "cities.geojson", "counties.geojson", "division-codes.csv"};
        for (int i = 0; i < files.length; i++) {
            paths[i] = files[i].equals(file) ? copy(file, damage) : TestData.syntheticPath(files[i]);
        }
        String original = Files.readString(TestData.syntheticPath(file));
        assertThat(damage.apply(original)).as("the test must change the file").isNotEqualTo(original);
        try {
            JurisdictionLoader.load(paths[0], paths[1], paths[2], paths[3]);
        } catch (JurisdictionDataException e) {
            return e;
        }
        throw new AssertionError("loading damaged " + file + " should have failed");
    }

    private Path copy(String file, UnaryOperator<String> change) throws IOException {
        Path target = dir.resolve(file);
        Files.writeString(target, change.apply(Files.readString(TestData.syntheticPath(file))), StandardCharsets.UTF_8);
        return target;
    }
}
