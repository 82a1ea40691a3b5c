package cn.emcc.command.incident;

import cn.emcc.command.grading.GradingRules;
import cn.emcc.command.grading.WarningInForce;
import cn.emcc.command.testsupport.EmccTestConfig;
import cn.emcc.dispatch.PhraseCode;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.IncidentStatus;
import cn.emcc.protocols.v1.Tier;
import cn.emcc.protocols.v1.WarningColour;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static cn.emcc.command.incident.Reports.*;
import static cn.emcc.protocols.v1.Agency.AGENCY_FIRE;
import static cn.emcc.protocols.v1.Agency.AGENCY_POLICE;
import static cn.emcc.protocols.v1.IncidentCategory.*;
import static cn.emcc.protocols.v1.IncidentStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incident entity's rules, with every command, event and state
 * round-tripped through the real serializer by the testkit.
 */
class IncidentActorTest {

    private static final ActorTestKit KIT = ActorTestKit.create(
            EmccTestConfig.layer().withFallback(EventSourcedBehaviorTestKit.config()).withFallback(ConfigFactory.load()));
    private static final Who OFFICER = Who.officer("zhang.wei", "370102");

    private EventSourcedBehaviorTestKit<IncidentActor.Command, IncidentActor.Event, IncidentActor.State> incident;

    @BeforeEach
    void fresh() {
        incident = EventSourcedBehaviorTestKit.create(KIT.system(),
                IncidentActor.create("370102-20260712-0001", GradingRules.fromConfig(ConfigFactory.load()),
                        Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC)));
    }

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private IncidentActor.FileOutcome file(Report r) {
        return incident.<IncidentActor.FileOutcome>runCommand(
                replyTo -> new IncidentActor.FileReport(r, "370100", "test", List.of(), replyTo)).reply();
    }

    private IncidentDetails details() {
        return incident.<StatusReply<IncidentDetails>>runCommand(IncidentActor.GetIncident::new).reply().getValue();
    }

    private StatusReply<IncidentDetails> status(IncidentStatus to, String why) {
        return incident.<StatusReply<IncidentDetails>>runCommand(
                replyTo -> new IncidentActor.ChangeStatus(to, OFFICER, why, replyTo)).reply();
    }

    @Test
    void the_first_report_opens_the_incident_graded_and_on_its_timeline() {
        IncidentActor.FileOutcome out = file(fire("m1", AGENCY_FIRE, QUANCHENG_LON, QUANCHENG_LAT, T0));

        assertThat(out).isEqualTo(new IncidentActor.ReportFiled("370102-20260712-0001", true, false));
        IncidentDetails d = details();
        assertThat(d.status()).isEqualTo(INCIDENT_STATUS_REPORTED);
        assertThat(d.grade()).isEqualTo(Grade.GRADE_IV);
        assertThat(d.leadTier()).isEqualTo(Tier.TIER_COUNTY);
        assertThat(d.timeline()).extracting(TimelineEntry::what)
                .containsExactly("reported: fire_building at 济南市历下区泉城路", "graded: IV");
        // the same as phrases for the console, the grade's reason too
        assertThat(d.timeline()).extracting(TimelineEntry::whatPhrase).containsExactly(
                PhraseCode.INCIDENT_REPORTED.with("INCIDENT_CATEGORY_FIRE_BUILDING", "济南市历下区泉城路"),
                PhraseCode.GRADED.with("GRADE_IV"));
        assertThat(d.gradeReasonPhrase()).isIn(PhraseCode.GRADE_REASON_DEFAULT.with("GRADE_IV"),
                PhraseCode.GRADE_REASON_RULE.with(d.gradeReason().replaceAll("^rule '(.*)'$", "$1")));
        assertThat(d.timeline().get(1).whyPhrases()).containsExactly(d.gradeReasonPhrase());
    }

    @Test
    void a_resent_report_is_a_duplicate_and_changes_nothing() {
        Report r = fire("m1", AGENCY_FIRE, QUANCHENG_LON, QUANCHENG_LAT, T0);
        file(r);
        IncidentDetails before = details();

        var result = incident.<IncidentActor.FileOutcome>runCommand(
                replyTo -> new IncidentActor.FileReport(r, "370100", "test", List.of(), replyTo));

        assertThat(result.reply()).isEqualTo(new IncidentActor.ReportFiled("370102-20260712-0001", false, true));
        assertThat(result.events()).isEmpty();
        assertThat(details()).isEqualTo(before);
    }

    @Test
    void a_joining_report_with_casualties_regrades_and_the_lead_tier_follows() {
        file(fire("m1", AGENCY_FIRE, QUANCHENG_LON, QUANCHENG_LAT, T0));
        file(report("m2", AGENCY_POLICE, INCIDENT_CATEGORY_PERSON_TRAPPED, QUANCHENG_LON, QUANCHENG_LAT, T0,
                new Counts(1, 4, 12, 0, 0), false));

        IncidentDetails d = details();
        assertThat(d.reports()).hasSize(2);
        assertThat(d.counts()).isEqualTo(new Counts(1, 4, 12, 0, 0));
        assertThat(d.grade()).isEqualTo(Grade.GRADE_III);
        assertThat(d.leadTier()).isEqualTo(Tier.TIER_CITY);
        assertThat(d.gradeReason()).contains("10+ trapped");
    }

    @Test
    void the_state_machine_refuses_illegal_moves_with_a_reason_and_persists_nothing() {
        file(fire("m1", AGENCY_FIRE, QUANCHENG_LON, QUANCHENG_LAT, T0));

        var result = incident.<StatusReply<IncidentDetails>>runCommand(
                replyTo -> new IncidentActor.ChangeStatus(INCIDENT_STATUS_ON_SCENE, OFFICER, "jump", replyTo));

        assertThat(result.reply().isError()).isTrue();
        assertThat(result.reply().getError().getMessage())
                .contains("REPORTED cannot become ON_SCENE").contains("VERIFIED");
        assertThat(result.events()).isEmpty();
    }

    @Test
    void the_full_lifecycle_is_recorded_with_who_and_why_and_survives_recovery() {
        file(fire("m1", AGENCY_FIRE, QUANCHENG_LON, QUANCHENG_LAT, T0));
        for (IncidentStatus s : List.of(INCIDENT_STATUS_VERIFIED, INCIDENT_STATUS_DISPATCHING, INCIDENT_STATUS_RESPONDING,
                INCIDENT_STATUS_ON_SCENE, INCIDENT_STATUS_CONTROLLED, INCIDENT_STATUS_CLOSED)) {
            assertThat(status(s, "step " + s).isSuccess()).as(s.name()).isTrue();
        }
        IncidentDetails before = details();

        incident.restart();

        assertThat(details()).isEqualTo(before);
        assertThat(before.status()).isEqualTo(INCIDENT_STATUS_CLOSED);
        assertThat(before.timeline()).filteredOn(e -> e.what().startsWith("status:"))
                .extracting(TimelineEntry::who).containsOnly(OFFICER);
        assertThat(before.timeline().get(before.timeline().size() - 1).why()).isEqualTo("step " + INCIDENT_STATUS_CLOSED);
    }

    @Test
    void a_closed_incident_refuses_new_reports_so_they_can_go_elsewhere() {
        file(fire("m1", AGENCY_FIRE, QUANCHENG_LON, QUANCHENG_LAT, T0));
        status(INCIDENT_STATUS_CANCELLED, "false alarm: cooking smoke");

        assertThat(file(fire("m2", AGENCY_FIRE, QUANCHENG_LON, QUANCHENG_LAT, T0)))
                .isEqualTo(new IncidentActor.IncidentEnded("370102-20260712-0001", INCIDENT_STATUS_CANCELLED));
    }

    @Test
    void an_override_sticks_through_new_reports_until_lifted() {
        file(fire("m1", AGENCY_FIRE, QUANCHENG_LON, QUANCHENG_LAT, T0));
        var override = incident.<StatusReply<IncidentDetails>>runCommand(
                r -> new IncidentActor.OverrideGrade(Grade.GRADE_II, OFFICER, "high-rise, many residents", r)).reply();
        assertThat(override.getValue().grade()).isEqualTo(Grade.GRADE_II);

        file(report("m2", AGENCY_POLICE, INCIDENT_CATEGORY_FIRE_BUILDING, QUANCHENG_LON, QUANCHENG_LAT, T0,
                new Counts(1, 0, 0, 0, 0), false));
        assertThat(details().grade()).isEqualTo(Grade.GRADE_II);

        var lifted = incident.<StatusReply<IncidentDetails>>runCommand(
                r -> new IncidentActor.LiftGradeOverride(OFFICER, "fire contained to one flat", r)).reply();
        assertThat(lifted.getValue().grade()).isEqualTo(Grade.GRADE_IV);
        assertThat(lifted.getValue().gradeOverridden()).isFalse();
    }

    @Test
    void a_red_rainstorm_warning_regrades_a_waterlogging_incident() {
        file(report("m1", AGENCY_POLICE, INCIDENT_CATEGORY_FLOOD_WATERLOGGING, QUANCHENG_LON, QUANCHENG_LAT, T0,
                Counts.NONE, false));
        var w = new WarningInForce("37010041600000_20260712083000", Hazard.HAZARD_RAINSTORM, WarningColour.WARNING_COLOUR_RED);

        incident.<Done>runCommand(r -> new IncidentActor.UpdateWarnings(List.of(w), r));

        IncidentDetails d = details();
        assertThat(d.grade()).isEqualTo(Grade.GRADE_II);
        assertThat(d.warnings()).containsExactly(w);
        assertThat(d.leadTier()).isEqualTo(Tier.TIER_PROVINCE);
    }

    @Test
    void merging_is_an_event_that_hands_over_the_reports_and_repeats_safely() {
        file(fire("m1", AGENCY_FIRE, QUANCHENG_LON, QUANCHENG_LAT, T0));

        var first = incident.<StatusReply<IncidentActor.ReportsHandedOver>>runCommand(
                r -> new IncidentActor.MergeInto("370102-20260712-0002", OFFICER, "same fire", r));
        var again = incident.<StatusReply<IncidentActor.ReportsHandedOver>>runCommand(
                r -> new IncidentActor.MergeInto("370102-20260712-0002", OFFICER, "same fire", r));

        assertThat(first.reply().getValue().reports()).extracting(Report::messageId).containsExactly("m1");
        assertThat(again.reply().getValue()).isEqualTo(first.reply().getValue());
        assertThat(again.events()).isEmpty();
        assertThat(details().status()).isEqualTo(INCIDENT_STATUS_MERGED);
        assertThat(details().mergedInto()).isEqualTo("370102-20260712-0002");
    }

    @Test
    void splitting_moves_named_reports_out_and_refuses_to_empty_the_incident() {
        file(fire("m1", AGENCY_FIRE, QUANCHENG_LON, QUANCHENG_LAT, T0));
        file(fire("m2", AGENCY_POLICE, QUANCHENG_LON, QUANCHENG_LAT, T0));

        var all = incident.<StatusReply<IncidentActor.ReportsHandedOver>>runCommand(
                r -> new IncidentActor.SplitOff(Set.of("m1", "m2"), "370102-20260712-0009", OFFICER, "x", r));
        assertThat(all.reply().isError()).isTrue();

        var split = incident.<StatusReply<IncidentActor.ReportsHandedOver>>runCommand(
                r -> new IncidentActor.SplitOff(Set.of("m2"), "370102-20260712-0009", OFFICER, "different building", r));
        assertThat(split.reply().getValue().reports()).extracting(Report::messageId).containsExactly("m2");
        assertThat(details().reports()).extracting(Report::messageId).containsExactly("m1");
    }
}
