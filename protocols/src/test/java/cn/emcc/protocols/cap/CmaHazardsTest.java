package cn.emcc.protocols.cap;

import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.WarningColour;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CmaHazardsTest {

    @Test
    void namesTheFourteenCmaTypes() {
        assertThat(CmaHazards.name(Hazard.HAZARD_TYPHOON)).isEqualTo("台风");
        assertThat(CmaHazards.name(Hazard.HAZARD_SANDSTORM)).isEqualTo("沙尘暴");
        assertThat(CmaHazards.name(Hazard.HAZARD_HAZE)).isEqualTo("霾");
        assertThat(CmaHazards.name(Hazard.HAZARD_ROAD_ICING)).isEqualTo("道路结冰");
        Set<String> names = new HashSet<>();
        for (Hazard h : Hazard.values()) {
            if (h != Hazard.HAZARD_UNSPECIFIED && h != Hazard.UNRECOGNIZED) {
                names.add(CmaHazards.name(h));
                assertThat(CmaHazards.hazard(CmaHazards.name(h))).contains(h);
            }
        }
        assertThat(names).hasSize(14);
        assertThatThrownBy(() -> CmaHazards.name(Hazard.HAZARD_UNSPECIFIED)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesTheColours() {
        assertThat(CmaHazards.colourName(WarningColour.WARNING_COLOUR_BLUE)).isEqualTo("蓝色");
        assertThat(CmaHazards.colourName(WarningColour.WARNING_COLOUR_RED)).isEqualTo("红色");
        assertThat(CmaHazards.colour("橙色")).contains(WarningColour.WARNING_COLOUR_ORANGE);
        assertThat(CmaHazards.colour("紫色")).isEmpty();
    }

    @Test
    void formatsAndParsesEventText() {
        assertThat(CmaHazards.eventText(Hazard.HAZARD_ROAD_ICING, WarningColour.WARNING_COLOUR_YELLOW)).isEqualTo("道路结冰黄色预警");
        assertThat(CmaHazards.parseEvent("台风橙色预警"))
                .isEqualTo(new CmaHazards.Signal(Hazard.HAZARD_TYPHOON, WarningColour.WARNING_COLOUR_ORANGE));
        assertThat(CmaHazards.parseEvent(" 霾黄色预警信号 "))
                .isEqualTo(new CmaHazards.Signal(Hazard.HAZARD_HAZE, WarningColour.WARNING_COLOUR_YELLOW));
        assertThatThrownBy(() -> CmaHazards.parseEvent("红色预警")).hasMessageContaining("unknown hazard ''");
        assertThatThrownBy(() -> CmaHazards.parseEvent("暴雨预警")).hasMessageContaining("unknown colour '暴雨'");
    }

    @Test
    void signalCodesFollowTheCmaTypeThenLevelOrder() {
        assertThat(CmaHazards.signalCode(Hazard.HAZARD_RAINSTORM, WarningColour.WARNING_COLOUR_RED)).isEqualTo("0204");
        assertThat(CmaHazards.signalCode(Hazard.HAZARD_LIGHTNING, WarningColour.WARNING_COLOUR_BLUE)).isEqualTo("0901");
        assertThat(CmaHazards.signalCode(Hazard.HAZARD_ROAD_ICING, WarningColour.WARNING_COLOUR_ORANGE)).isEqualTo("1403");
        assertThat(CmaHazards.parseSignalCode("1202"))
                .isEqualTo(new CmaHazards.Signal(Hazard.HAZARD_HEAVY_FOG, WarningColour.WARNING_COLOUR_YELLOW));
        assertThatThrownBy(() -> CmaHazards.parseSignalCode("1502")).hasMessageContaining("unknown type 15");
        assertThatThrownBy(() -> CmaHazards.parseSignalCode("0205")).hasMessageContaining("unknown level 05");
        assertThatThrownBy(() -> CmaHazards.parseSignalCode("0000")).hasMessageContaining("unknown type 00");
        assertThatThrownBy(() -> CmaHazards.parseSignalCode("24")).hasMessageContaining("four digits");
    }
}
