package cn.emcc.command.gateway;

import cn.emcc.command.http.Json;
import cn.emcc.command.testsupport.Await;
import cn.emcc.command.testsupport.CassandraAvailable;
import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.TestStore;
import cn.emcc.protocols.client.AgencyClient;
import cn.emcc.protocols.client.Reply;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Casualties;
import cn.emcc.protocols.v1.RejectionCode;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static cn.emcc.command.testsupport.Envelopes.*;
import static cn.emcc.protocols.v1.IncidentCategory.INCIDENT_CATEGORY_FLOOD_WATERLOGGING;
import static cn.emcc.protocols.v1.WarningColour.WARNING_COLOUR_RED;
import static cn.emcc.protocols.v1.WarningColour.WARNING_COLOUR_YELLOW;
import static cn.emcc.protocols.v1.WarningMsgType.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Weather warnings through the real gateway change the grade of the
 * incidents they cover: a red rainstorm makes Jinan's waterlogging a grade II
 * incident led by the province; its cancellation brings it back to IV.
 */
@ExtendWith(CassandraAvailable.class)
class WarningIngestBehaviourTest {

    @TempDir
    Path scratch;

    private static String grade(RunningNode node, String incidentId) {
        try {
            return Json.MAPPER.readTree(node.get("/v1/incidents/" + incidentId).body()).path("grade").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @EnumSource(JournalUnderTest.class)
    void warnings_that_arrive_update_and_cancel_regrade_the_incidents_they_cover(JournalUnderTest journal)
            throws Exception {
        try (TestStore store = journal.freshStore(scratch); RunningNode node = RunningNode.start(store)) {
            AgencyClient police = node.client(Agency.AGENCY_POLICE);
            AgencyClient weather = node.client(Agency.AGENCY_WEATHER);

            Reply report = police.send(policeReport(police, JINAN_LON, JINAN_LAT, INCIDENT_CATEGORY_FLOOD_WATERLOGGING,
                    Casualties.newBuilder().setCallers(1).build())).get();
            String incident = ((Reply.Acked) report).ack().getEffectRef();
            assertThat(grade(node, incident)).isEqualTo("GRADE_IV");

            Reply alert = weather.send(jinanRainstorm(weather, "37010041600000_20260712083000", WARNING_MSG_TYPE_ALERT,
                    WARNING_COLOUR_YELLOW, List.of())).get();
            assertThat(((Reply.Acked) alert).ack().getEffectRef()).isEqualTo("37010041600000_20260712083000");
            Reply upgrade = weather.send(jinanRainstorm(weather, "37010041600000_20260712093000", WARNING_MSG_TYPE_UPDATE,
                    WARNING_COLOUR_RED, List.of("37010041600000_20260712083000"))).get();
            assertThat(upgrade).isInstanceOf(Reply.Acked.class);

            Await.until("the red warning regrades the waterlogging to II", Duration.ofSeconds(60),
                    () -> grade(node, incident).equals("GRADE_II"));

            Reply unknown = weather.send(jinanRainstorm(weather, "37010041600000_20260712100000", WARNING_MSG_TYPE_CANCEL,
                    WARNING_COLOUR_RED, List.of("37010041600000_19990101000000"))).get();
            assertThat(((Reply.Rejected) unknown).rejection().getCode())
                    .isEqualTo(RejectionCode.REJECTION_CODE_UNKNOWN_REFERENCE);

            Reply cancel = weather.send(jinanRainstorm(weather, "37010041600000_20260712110000", WARNING_MSG_TYPE_CANCEL,
                    WARNING_COLOUR_RED, List.of("37010041600000_20260712093000"))).get();
            assertThat(cancel).isInstanceOf(Reply.Acked.class);
            Await.until("the cancellation brings the grade back to IV", Duration.ofSeconds(60),
                    () -> grade(node, incident).equals("GRADE_IV"));
            assertThat(node.get("/v1/incidents/" + incident).body()).contains("weather warnings in force: none");
        }
    }

    @ParameterizedTest
    @EnumSource(JournalUnderTest.class)
    void a_report_inside_a_red_warning_is_graded_with_it_from_the_start(JournalUnderTest journal) throws Exception {
        try (TestStore store = journal.freshStore(scratch); RunningNode node = RunningNode.start(store)) {
            AgencyClient police = node.client(Agency.AGENCY_POLICE);
            AgencyClient weather = node.client(Agency.AGENCY_WEATHER);
            assertThat(weather.send(jinanRainstorm(weather, "37010041600000_20260712083000", WARNING_MSG_TYPE_ALERT,
                    WARNING_COLOUR_RED, List.of())).get()).isInstanceOf(Reply.Acked.class);
            Await.until("this node's warning cache has the warning", Duration.ofSeconds(30),
                    () -> node.server().situation().warnings().current().size() == 1);

            Reply report = police.send(policeReport(police, JINAN_LON, JINAN_LAT, INCIDENT_CATEGORY_FLOOD_WATERLOGGING,
                    Casualties.newBuilder().setCallers(1).build())).get();

            String body = node.get("/v1/incidents/" + ((Reply.Acked) report).ack().getEffectRef()).body();
            assertThat(body).contains("\"grade\":\"GRADE_II\"").contains("\"leadTier\":\"TIER_PROVINCE\"")
                    .contains("37010041600000_20260712083000");
        }
    }
}
