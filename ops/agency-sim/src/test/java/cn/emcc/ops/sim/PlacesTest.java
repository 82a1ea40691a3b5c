package cn.emcc.ops.sim;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlacesTest {

    private final Places places = Places.shandong();

    @Test
    void every_county_of_shandong_has_a_point_inside_the_province_and_a_weight() {
        assertThat(places.all()).hasSize(136);
        assertThat(places.byCity()).hasSize(16);
        assertThat(places.all()).allSatisfy(p -> {
            assertThat(p.adcode()).matches("37\\d{4}").startsWith(p.cityAdcode().substring(0, 4));
            assertThat(ContractCheck.inShandongBox(p.point())).as(p.fullName()).isTrue();
            assertThat(p.populationWeight()).isPositive();
        });
        Set<String> adcodes = places.all().stream().map(Place::adcode).collect(Collectors.toSet());
        assertThat(adcodes).hasSize(136);
    }

    @Test
    void city_weights_follow_the_population_figures() {
        Map<String, Integer> byCity = places.all().stream()
                .collect(Collectors.groupingBy(Place::city, Collectors.summingInt(Place::populationWeight)));
        assertThat(byCity.get("临沂市")).isBetween(10_900, 11_100);
        assertThat(byCity.get("东营市")).isBetween(2_150, 2_250);
        assertThat(byCity.get("青岛市")).isGreaterThan(byCity.get("济南市"));
    }

    @Test
    void weighted_picks_favour_populous_counties() {
        Random random = new Random(1);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            counts.merge(places.pick(random).cityAdcode(), 1, Integer::sum);
        }
        assertThat(counts.get("371300")).isGreaterThan(4 * counts.get("370500"));
    }

    @Test
    void the_seat_of_a_city_is_its_first_district() {
        assertThat(places.seatOf("370100").county()).isEqualTo("历下区");
        assertThat(places.seatOf("370200").county()).isEqualTo("市南区");
        assertThatThrownBy(() -> places.inCity("371200")).hasMessageContaining("371200");
    }

    @Test
    void a_malformed_file_is_refused_with_the_line_number() {
        String text = "adcode,county,city_adcode,city,lon,lat,population_weight\n370102,历下区,370100,济南市,117.1\n";
        assertThatThrownBy(() -> Places.parse(new BufferedReader(new StringReader(text))))
                .hasMessageContaining("line 2").hasMessageContaining("expected 7");
        assertThatThrownBy(() -> Places.parse(new BufferedReader(new StringReader("adcode,name\n"))))
                .hasMessageContaining("header");
    }
}
