package cn.emcc.map.travel;

import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.WarningColour;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WeatherSlowdownsTest {

    @Test
    void theShippedTableCoversEveryHazardAndGrowsWithTheColour() {
        WeatherSlowdowns table = WeatherSlowdowns.loadDefault();
        for (Hazard h : Hazard.values()) {
            if (h == Hazard.HAZARD_UNSPECIFIED || h == Hazard.UNRECOGNIZED) {
                continue;
            }
            double blue = table.factor(h, WarningColour.WARNING_COLOUR_BLUE);
            double yellow = table.factor(h, WarningColour.WARNING_COLOUR_YELLOW);
            double orange = table.factor(h, WarningColour.WARNING_COLOUR_ORANGE);
            double red = table.factor(h, WarningColour.WARNING_COLOUR_RED);
            assertThat(blue).as(h.name()).isGreaterThanOrEqualTo(1.0);
            assertThat(new double[]{blue, yellow, orange, red}).as(h.name()).isSorted();
        }
        assertThat(table.factor(Hazard.HAZARD_ROAD_ICING, WarningColour.WARNING_COLOUR_RED)).isEqualTo(2.2);
        assertThat(table.factor(Hazard.HAZARD_UNSPECIFIED, WarningColour.WARNING_COLOUR_RED)).isEqualTo(1.0);
    }

    @Test
    void problemsAreListedWithTheirLines() {
        String csv = """
                hazard,blue,yellow,orange,red
                TYPHOON,1.1,1.2,1.3,1.4
                TORNADO,1,1,1,1
                RAINSTORM,1,fast,1,0.5
                """;
        assertThatThrownBy(() -> WeatherSlowdowns.parse(new StringReader(csv), "test.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test.csv")
                .hasMessageContaining("line 3: hazard 'TORNADO' is not a CMA hazard")
                .hasMessageContaining("line 4: RAINSTORM WARNING_COLOUR_YELLOW factor 'fast'")
                .hasMessageContaining("factor '0.5'; expected a number in [1, 10]")
                .hasMessageContaining("hazard BLIZZARD has no row");
    }
}
