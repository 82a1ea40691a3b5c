package cn.emcc.command.situation;

import cn.emcc.command.grading.WarningInForce;
import cn.emcc.protocols.v1.Hazard;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static cn.emcc.command.situation.Warnings.*;
import static cn.emcc.protocols.v1.WarningColour.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Only incidents whose covering warnings changed are told. */
class WarningLinksTest {

    private static final Function<String, Set<String>> ANCESTORS =
            county -> Set.of(county.substring(0, 4) + "00", county.substring(0, 2) + "0000");
    private static final WarningInForce RED_A = new WarningInForce("A", Hazard.HAZARD_RAINSTORM, WARNING_COLOUR_RED);
    private static final WarningInForce BLUE_Q = new WarningInForce("Q", Hazard.HAZARD_RAINSTORM, WARNING_COLOUR_BLUE);

    private static final ActiveWarnings ACTIVE = new ActiveWarnings(T0, List.of(
            alert("A", WARNING_COLOUR_RED, T0, polygonArea(CENTRAL_JINAN)).build().toByteArray(),
            alert("Q", WARNING_COLOUR_BLUE, T0, adcodeArea("370200")).build().toByteArray()));

    @Test
    void incidents_already_linked_right_are_left_alone_and_the_others_are_relinked() {
        List<OpenIncidentRef> open = List.of(
                new OpenIncidentRef("jinan-unlinked", JINAN_LON, JINAN_LAT, "370102", List.of()),
                new OpenIncidentRef("jinan-linked", JINAN_LON, JINAN_LAT, "370102", List.of(RED_A)),
                new OpenIncidentRef("qingdao-stale", QINGDAO_LON, QINGDAO_LAT, "370202", List.of(RED_A)),
                new OpenIncidentRef("qingdao-linked", QINGDAO_LON, QINGDAO_LAT, "370202", List.of(BLUE_Q)));

        assertThat(WarningLinks.changes(open, ACTIVE, ANCESTORS)).containsExactly(
                new WarningLinks.Relink("jinan-unlinked", List.of(RED_A)),
                new WarningLinks.Relink("qingdao-stale", List.of(BLUE_Q)));
    }

    @Test
    void the_order_of_the_linked_list_does_not_count_as_a_change() {
        ActiveWarnings both = new ActiveWarnings(T0, List.of(
                alert("A", WARNING_COLOUR_RED, T0, polygonArea(CENTRAL_JINAN)).build().toByteArray(),
                alert("Q", WARNING_COLOUR_BLUE, T0, adcodeArea("370000")).build().toByteArray()));
        List<OpenIncidentRef> open = List.of(
                new OpenIncidentRef("jinan", JINAN_LON, JINAN_LAT, "370102", List.of(BLUE_Q, RED_A)));

        assertThat(WarningLinks.changes(open, both, ANCESTORS)).isEmpty();
    }

    @Test
    void an_incident_no_longer_covered_is_unlinked() {
        List<OpenIncidentRef> open = List.of(
                new OpenIncidentRef("jinan", JINAN_LON, JINAN_LAT, "370102", List.of(RED_A)));

        assertThat(WarningLinks.changes(open, ActiveWarnings.none(T0), ANCESTORS))
                .containsExactly(new WarningLinks.Relink("jinan", List.of()));
    }
}
