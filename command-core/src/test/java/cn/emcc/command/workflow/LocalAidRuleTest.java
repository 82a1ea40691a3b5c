package cn.emcc.command.workflow;

import cn.emcc.dispatch.Capability;
import cn.emcc.dispatch.Phrase;
import cn.emcc.dispatch.PhraseCode;
import cn.emcc.protocols.v1.Agency;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static cn.emcc.dispatch.Capability.FIRE_SUPPRESSION;
import static cn.emcc.dispatch.Capability.RESCUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which requirements of a confirmation need mutual aid, addressed to whom and why (in English and as the
 * phrase the console shows), for an incident in 历下区 (370102) with a local ETA threshold of 20 minutes.
 */
class LocalAidRuleTest {

    static final String COUNTY = "370102";
    final LocalAidRule rule = new LocalAidRule(Duration.ofMinutes(20));

    static ProposedUnit own(String id, Capability c, double etaMinutes) {
        return unit(id, c, COUNTY, "OWN_COUNTY", etaMinutes);
    }

    static ProposedUnit neighbour(String id, Capability c, double etaMinutes) {
        return unit(id, c, "370103", "SAME_CITY_NEIGHBOUR", etaMinutes);
    }

    static ProposedUnit otherCity(String id, Capability c, double etaMinutes) {
        return unit(id, c, "370202", "OTHER_CITY", etaMinutes);
    }

    static ProposedUnit unit(String id, Capability c, String county, String tier, double etaMinutes) {
        return new ProposedUnit(id, Agency.AGENCY_FIRE, "PUMPER_ENGINE", c, county, etaMinutes * 60, tier,
                !tier.equals("OWN_COUNTY"), "test");
    }

    static List<String> ids(List<ProposedUnit> units) {
        return units.stream().map(ProposedUnit::unitId).toList();
    }

    record Row(String what, LocalAidRule.Requirement requirement, List<String> order, List<String> leftOut,
               Optional<LocalAidRule.AidNeed> aid) {
    }

    static LocalAidRule.Requirement req(Capability c, int count, List<ProposedUnit> kept, List<ProposedUnit> added,
                                        List<ProposedUnit> own, List<ProposedUnit> outside) {
        return new LocalAidRule.Requirement(c, count, kept, added, own, outside);
    }

    static Optional<LocalAidRule.AidNeed> aid(Capability c, int n, LocalAidRule.Scope scope, String note,
                                              Phrase phrase) {
        return Optional.of(new LocalAidRule.AidNeed(c, n, scope, note, phrase));
    }

    static final long TWENTY_MINUTES = 20 * 60;

    @Test
    void each_requirement_is_met_at_home_or_asked_of_the_city_or_the_province_with_the_reason() {
        ProposedUnit ownFast = own("O1", FIRE_SUPPRESSION, 8);
        ProposedUnit ownFast2 = own("O2", FIRE_SUPPRESSION, 12);
        ProposedUnit ownSlow = own("O3", FIRE_SUPPRESSION, 33.2);
        ProposedUnit near = neighbour("N1", FIRE_SUPPRESSION, 5);
        ProposedUnit near2 = neighbour("N2", FIRE_SUPPRESSION, 6);
        ProposedUnit far = otherCity("C1", FIRE_SUPPRESSION, 25);
        List<Row> table = List.of(
                new Row("own units in time: ordered as proposed, nothing asked",
                        req(FIRE_SUPPRESSION, 2, List.of(ownFast, ownFast2), List.of(), List.of(ownFast, ownFast2),
                                List.of()), List.of("O1", "O2"), List.of(), Optional.empty()),
                new Row("an outside unit ranked first while the county could make it in time: as proposed",
                        req(FIRE_SUPPRESSION, 1, List.of(near), List.of(), List.of(ownFast), List.of()),
                        List.of("N1"), List.of(), Optional.empty()),
                new Row("own units too slow: the neighbours are left to the city's approval",
                        req(FIRE_SUPPRESSION, 2, List.of(near, near2), List.of(), List.of(ownSlow), List.of()),
                        List.of(), List.of("N1", "N2"),
                        aid(FIRE_SUPPRESSION, 2, LocalAidRule.Scope.CITY,
                                "FIRE_SUPPRESSION ×2: best own-county ETA 34 min > 20 min",
                                PhraseCode.AID_WHY_OWN_TOO_LATE.with("FIRE_SUPPRESSION", 2, 34, TWENTY_MINUTES))),
                new Row("one own unit in time, one missing; the slow own unit proposed is still ordered",
                        req(FIRE_SUPPRESSION, 2, List.of(ownFast, ownSlow), List.of(), List.of(ownFast, ownSlow),
                                List.of(near)), List.of("O1", "O3"), List.of(),
                        aid(FIRE_SUPPRESSION, 1, LocalAidRule.Scope.CITY,
                                "FIRE_SUPPRESSION ×1: only 1 own-county unit within 20 min, the next ETA 34 min",
                                PhraseCode.AID_WHY_TOO_FEW_IN_TIME.with("FIRE_SUPPRESSION", 1, 1, TWENTY_MINUTES,
                                        34))),
                new Row("an own unit in time that the recommender passed over is ordered in place of a neighbour",
                        req(FIRE_SUPPRESSION, 2, List.of(near, near2), List.of(), List.of(ownFast2), List.of()),
                        List.of("O2"), List.of("N1", "N2"),
                        aid(FIRE_SUPPRESSION, 1, LocalAidRule.Scope.CITY,
                                "FIRE_SUPPRESSION ×1: only 1 own-county unit within 20 min, no other own-county unit available",
                                PhraseCode.AID_WHY_TOO_FEW_NO_OTHER.with("FIRE_SUPPRESSION", 1, 1, TWENTY_MINUTES))),
                new Row("the best outside unit is in another city: the province is asked",
                        req(FIRE_SUPPRESSION, 1, List.of(far), List.of(), List.of(), List.of(near)),
                        List.of(), List.of("C1"),
                        aid(FIRE_SUPPRESSION, 1, LocalAidRule.Scope.PROVINCE, "FIRE_SUPPRESSION ×1: no own-county unit available",
                                PhraseCode.AID_WHY_NO_OWN.with("FIRE_SUPPRESSION", 1))),
                new Row("nothing proposed anywhere: the outside alternates decide, here the city",
                        req(RESCUE, 1, List.of(), List.of(), List.of(), List.of(neighbour("N9", RESCUE, 40))),
                        List.of(), List.of(), aid(RESCUE, 1, LocalAidRule.Scope.CITY, "RESCUE ×1: no own-county unit available",
                                PhraseCode.AID_WHY_NO_OWN.with("RESCUE", 1))),
                new Row("nothing anywhere: the city, the default addressee",
                        req(RESCUE, 1, List.of(), List.of(), List.of(), List.of()),
                        List.of(), List.of(), aid(RESCUE, 1, LocalAidRule.Scope.CITY, "RESCUE ×1: no own-county unit available",
                                PhraseCode.AID_WHY_NO_OWN.with("RESCUE", 1))),
                new Row("a unit the officer added counts as supplied, whatever its county",
                        req(FIRE_SUPPRESSION, 1, List.of(), List.of(far), List.of(ownSlow), List.of()),
                        List.of(), List.of(), Optional.empty()),
                new Row("exactly on the threshold is in time",
                        req(FIRE_SUPPRESSION, 1, List.of(own("O4", FIRE_SUPPRESSION, 20)), List.of(),
                                List.of(own("O4", FIRE_SUPPRESSION, 20)), List.of()), List.of("O4"), List.of(),
                        Optional.empty()),
                new Row("a second over the threshold is not, and reads as more than it",
                        req(FIRE_SUPPRESSION, 1, List.of(own("O5", FIRE_SUPPRESSION, 20 + 1 / 60.0)), List.of(),
                                List.of(own("O5", FIRE_SUPPRESSION, 20 + 1 / 60.0)), List.of()), List.of("O5"), List.of(),
                        aid(FIRE_SUPPRESSION, 1, LocalAidRule.Scope.CITY, "FIRE_SUPPRESSION ×1: best own-county ETA 21 min > 20 min",
                                PhraseCode.AID_WHY_OWN_TOO_LATE.with("FIRE_SUPPRESSION", 1, 21, TWENTY_MINUTES))));
        for (Row row : table) {
            LocalAidRule.Decision d = rule.decide(row.requirement(), COUNTY);
            assertThat(ids(d.order())).as(row.what() + ": ordered").containsExactlyElementsOf(row.order());
            assertThat(ids(d.leftOut())).as(row.what() + ": left out").containsExactlyElementsOf(row.leftOut());
            assertThat(d.aid()).as(row.what() + ": aid").isEqualTo(row.aid());
            LocalAidRule.Requirement r = row.requirement();
            boolean quick = rule.metByProposal(r.capability(), r.count(), r.kept(), r.added(), COUNTY);
            if (quick) {
                assertThat(d.aid()).as(row.what() + ": met by the proposal alone, so no aid").isEmpty();
            }
        }
    }

    @Test
    void a_threshold_in_seconds_is_written_in_seconds() {
        LocalAidRule.Decision d = new LocalAidRule(Duration.ofSeconds(90)).decide(
                req(RESCUE, 1, List.of(), List.of(), List.of(own("O1", RESCUE, 2)), List.of()), COUNTY);
        assertThat(d.aid().orElseThrow().note()).isEqualTo("RESCUE ×1: best own-county ETA 2 min > 90 s");
        assertThat(d.aid().orElseThrow().notePhrase().args())
                .as("the limit goes to the console in seconds, which it words as minutes only when whole")
                .containsEntry("limit_seconds", "90").containsEntry("minutes", "2");
    }

    @Test
    void every_form_of_the_reason_names_its_phrase_arguments() {
        LocalAidRule.AidNeed tooFew = rule.decide(req(FIRE_SUPPRESSION, 3, List.of(), List.of(),
                List.of(own("O1", FIRE_SUPPRESSION, 5), own("O2", FIRE_SUPPRESSION, 9),
                        own("O3", FIRE_SUPPRESSION, 40.5)), List.of()), COUNTY).aid().orElseThrow();

        assertThat(tooFew.note()).isEqualTo("FIRE_SUPPRESSION ×1: only 2 own-county units within 20 min, the next ETA 41 min");
        assertThat(tooFew.notePhrase().code()).isEqualTo("mutual_aid.why.too_few_in_time");
        assertThat(tooFew.notePhrase().args()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "capability", "FIRE_SUPPRESSION", "count", "1", "own", "2", "limit_seconds", "1200", "minutes", "41"));
    }

    @Test
    void the_setting_is_read_from_the_configuration_and_a_bad_threshold_is_refused_naming_it() {
        LocalAidSettings defaults = DispatchSettings.fromConfig(ConfigFactory.load()).mutualAid();
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.localEta()).isEqualTo(Duration.ofMinutes(30));
        for (String bad : List.of("0s", "4h", "-5m")) {
            assertThatThrownBy(() -> DispatchSettings.fromConfig(ConfigFactory.parseString(
                    "emcc.dispatch.mutual-aid.local-eta = " + bad).withFallback(ConfigFactory.load())))
                    .isInstanceOf(ConfigException.BadValue.class)
                    .hasMessageContaining("emcc.dispatch.mutual-aid.local-eta")
                    .hasMessageContaining("expected a duration from 1s to 3h");
        }
    }
}
