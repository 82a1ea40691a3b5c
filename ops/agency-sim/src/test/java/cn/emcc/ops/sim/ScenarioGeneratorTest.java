package cn.emcc.ops.sim;

import cn.emcc.protocols.cap.CapAlert;
import cn.emcc.protocols.cap.CapReader;
import cn.emcc.protocols.cap.CapWriter;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Casualties;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.FireAlarm;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.Location;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.MessageStatus;
import cn.emcc.protocols.v1.PoliceReport;
import cn.emcc.protocols.v1.TrafficCondition;
import cn.emcc.protocols.v1.TrafficConditionType;
import cn.emcc.protocols.v1.WarningColour;
import cn.emcc.protocols.v1.WarningMsgType;
import cn.emcc.protocols.v1.WarningReference;
import cn.emcc.protocols.v1.WeatherWarning;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioGeneratorTest {

    private static final Instant ORIGIN = Instant.parse("2026-07-12T00:30:00Z");
    private static final Set<IncidentCategory> FIRE_SERVICE_CATEGORIES = Set.of(
            IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING, IncidentCategory.INCIDENT_CATEGORY_FIRE_FOREST,
            IncidentCategory.INCIDENT_CATEGORY_HAZARDOUS_MATERIALS, IncidentCategory.INCIDENT_CATEGORY_FLOOD_WATERLOGGING,
            IncidentCategory.INCIDENT_CATEGORY_PERSON_TRAPPED, IncidentCategory.INCIDENT_CATEGORY_BUILDING_COLLAPSE,
            IncidentCategory.INCIDENT_CATEGORY_FLOOD_RESCUE);

    /** About six hours at 30 reports a minute: roughly 10,000 reports. */
    private static List<PlannedMessage> day;

    @BeforeAll
    static void generateADay() {
        day = new ScenarioGenerator(7, 30, ORIGIN).until(Duration.ofHours(6));
    }

    @Test
    void the_same_seed_and_origin_give_the_same_scenario() {
        List<PlannedMessage> a = new ScenarioGenerator(99, 30, ORIGIN).until(Duration.ofMinutes(45));
        List<PlannedMessage> b = new ScenarioGenerator(99, 30, ORIGIN).until(Duration.ofMinutes(45));
        List<PlannedMessage> otherSeed = new ScenarioGenerator(100, 30, ORIGIN).until(Duration.ofMinutes(45));

        assertThat(a).hasSizeGreaterThan(1000).isEqualTo(b);
        assertThat(otherSeed.stream().map(PlannedMessage::envelope).toList())
                .doesNotContainAnyElementsOf(a.stream().map(PlannedMessage::envelope).toList());
    }

    @Test
    void a_run_started_at_another_time_never_reuses_a_message_id() {
        Set<String> first = ids(new ScenarioGenerator(99, 30, ORIGIN).until(Duration.ofMinutes(30)));
        Set<String> later = ids(new ScenarioGenerator(99, 30, ORIGIN.plusSeconds(3600)).until(Duration.ofMinutes(30)));

        assertThat(first).doesNotContainAnyElementsOf(later);
    }

    @Test
    void messages_come_in_time_order_at_the_requested_rate() {
        for (int i = 1; i < day.size(); i++) {
            assertThat(day.get(i).at()).isGreaterThanOrEqualTo(day.get(i - 1).at());
        }
        long firstReports = reports().count();
        // 6 h × 30/min = 10,800 first reports, plus about 20 % of the 119 share as second callers.
        assertThat(firstReports).isBetween(10_000L, 13_000L);

        List<PlannedMessage> fast = new ScenarioGenerator(7, 120, ORIGIN).until(Duration.ofMinutes(30));
        long fastReports = fast.stream().filter(m -> !m.resend()
                && (m.envelope().hasPoliceReport() || m.envelope().hasFireAlarm())).count();
        assertThat(fastReports).isBetween(3_300L, 4_300L);
    }

    @Test
    void every_envelope_meets_the_contract_and_lies_in_shandong() {
        List<String> problems = new ArrayList<>();
        for (PlannedMessage m : day) {
            problems.addAll(ContractCheck.problems(m.envelope()));
            assertThat(m.envelope().getSender()).isEqualTo(Senders.of(m.agency()));
        }
        assertThat(problems).isEmpty();
        assertThat(day.stream().map(PlannedMessage::kind).collect(Collectors.toSet())).containsExactlyInAnyOrder(
                MessageKind.MESSAGE_KIND_POLICE_REPORT, MessageKind.MESSAGE_KIND_FIRE_ALARM,
                MessageKind.MESSAGE_KIND_WEATHER_WARNING, MessageKind.MESSAGE_KIND_TRAFFIC_CONDITION);
    }

    @Test
    void envelopes_are_stamped_when_planned_and_reports_were_taken_shortly_before() {
        for (PlannedMessage m : day.stream().filter(m -> !m.resend()).toList()) {
            Envelope e = m.envelope();
            assertThat(Times.instant(e.getSent())).isEqualTo(ORIGIN.plus(m.at()));
            assertThat(e.getStatus()).isEqualTo(MessageStatus.MESSAGE_STATUS_ACTUAL);
            Instant reported = e.hasPoliceReport() ? Times.instant(e.getPoliceReport().getReportedAt())
                    : e.hasFireAlarm() ? Times.instant(e.getFireAlarm().getReportedAt()) : null;
            if (reported != null) {
                assertThat(Duration.between(reported, Times.instant(e.getSent())))
                        .isPositive().isLessThanOrEqualTo(Duration.ofMinutes(2));
            }
        }
    }

    @Test
    void message_ids_are_unique_random_uuids_except_for_deliberate_resends() {
        Map<String, PlannedMessage> firstById = new HashMap<>();
        int resends = 0;
        for (PlannedMessage m : day) {
            UUID uuid = UUID.fromString(m.messageId());
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.toString()).isEqualTo(m.messageId());
            PlannedMessage earlier = firstById.putIfAbsent(m.messageId(), m);
            if (m.resend()) {
                resends++;
                assertThat(earlier).as("a resend repeats an earlier message").isNotNull();
                assertThat(m.envelope()).isEqualTo(earlier.envelope());
                assertThat(m.at()).isGreaterThan(earlier.at());
            } else {
                assertThat(earlier).as("message id %s planned twice", m.messageId()).isNull();
            }
        }
        long reports = reports().count();
        assertThat((double) resends / reports).isBetween(0.004, 0.02);
    }

    @Test
    void reports_spread_over_the_cities_by_population() {
        Map<String, Integer> byCity = new HashMap<>();
        int located = 0;
        for (Location l : reports().map(ScenarioGeneratorTest::location).toList()) {
            if (!l.getAdcode().isEmpty()) {
                byCity.merge(l.getAdcode().substring(0, 4) + "00", 1, Integer::sum);
                located++;
            }
        }
        Places places = Places.shandong();
        assertThat(byCity).hasSize(16);
        int big4 = byCity.get("371300") + byCity.get("370200") + byCity.get("370100") + byCity.get("370700");
        assertThat((double) big4 / located).isGreaterThan(0.30);

        double totalWeight = places.all().stream().mapToInt(Place::populationWeight).sum();
        for (Map.Entry<String, List<Place>> city : places.byCity().entrySet()) {
            double share = city.getValue().stream().mapToInt(Place::populationWeight).sum() / totalWeight;
            double observed = (double) byCity.get(city.getKey()) / located;
            assertThat(observed).as("share of reports in %s", city.getKey()).isBetween(share * 0.75, share * 1.25);
        }
        assertThat(byCity.get("371300")).as("Linyi outnumbers Dongying").isGreaterThan(3 * byCity.get("370500"));
    }

    @Test
    void report_points_stay_within_a_kilometre_of_their_county_point() {
        Map<String, Place> byAdcode = Places.shandong().all().stream()
                .collect(Collectors.toMap(Place::adcode, p -> p));
        reports().filter(m -> !m.agency().equals(Agency.AGENCY_POLICE) || !isSecondCaller(m))
                .map(ScenarioGeneratorTest::location)
                .filter(l -> !l.getAdcode().isEmpty())
                .forEach(l -> assertThat(GeoMath.distanceMeters(l.getPoint(), byAdcode.get(l.getAdcode()).point()))
                        .isLessThanOrEqualTo(1000.5));
    }

    @Test
    void traffic_accidents_and_public_security_are_most_common_and_the_rest_is_a_tail() {
        Map<IncidentCategory, Integer> counts = new EnumMap<>(IncidentCategory.class);
        reports().forEach(m -> counts.merge(category(m), 1, Integer::sum));
        List<IncidentCategory> ranked = counts.entrySet().stream()
                .sorted(Map.Entry.<IncidentCategory, Integer>comparingByValue().reversed())
                .map(Map.Entry::getKey).toList();

        assertThat(ranked.subList(0, 2)).containsExactlyInAnyOrder(
                IncidentCategory.INCIDENT_CATEGORY_TRAFFIC_ACCIDENT, IncidentCategory.INCIDENT_CATEGORY_PUBLIC_SECURITY);
        assertThat(ranked.get(2)).isEqualTo(IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING);
        assertThat(counts).containsKeys(IncidentCategory.INCIDENT_CATEGORY_HAZARDOUS_MATERIALS,
                IncidentCategory.INCIDENT_CATEGORY_FLOOD_WATERLOGGING, IncidentCategory.INCIDENT_CATEGORY_PERSON_TRAPPED,
                IncidentCategory.INCIDENT_CATEGORY_MEDICAL, IncidentCategory.INCIDENT_CATEGORY_FIRE_FOREST);
        assertThat(counts.get(IncidentCategory.INCIDENT_CATEGORY_HAZARDOUS_MATERIALS))
                .isLessThan(counts.get(IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING) / 4);
    }

    @Test
    void casualties_are_mostly_zero_with_a_tail() {
        List<Casualties> all = reports().map(m -> m.envelope().hasPoliceReport()
                ? m.envelope().getPoliceReport().getCasualties() : m.envelope().getFireAlarm().getCasualties()).toList();
        long unhurt = all.stream().filter(c -> c.getInjured() + c.getDead() + c.getTrapped() + c.getMissing() == 0).count();
        long many = all.stream().filter(c -> c.getInjured() + c.getDead() + c.getTrapped() >= 5).count();
        long dead = all.stream().filter(c -> c.getDead() > 0).count();

        assertThat((double) unhurt / all.size()).isBetween(0.6, 0.9);
        assertThat(many).isPositive().isLessThan(all.size() / 50);
        assertThat(dead).isPositive().isLessThan(all.size() / 50);
        assertThat(all).allSatisfy(c -> assertThat(c.getCallers()).isPositive());
    }

    @Test
    void about_a_fifth_of_119_reports_are_also_called_in_to_110_nearby_a_minute_or_two_later() {
        List<FireAlarm> alarms = reports().filter(m -> m.envelope().hasFireAlarm())
                .map(m -> m.envelope().getFireAlarm()).toList();
        List<PoliceReport> secondCallers = reports().filter(ScenarioGeneratorTest::isSecondCaller)
                .map(m -> m.envelope().getPoliceReport()).toList();

        assertThat((double) secondCallers.size() / alarms.size()).isBetween(0.15, 0.25);
        for (PoliceReport call : secondCallers) {
            Instant callAt = Times.instant(call.getReportedAt());
            List<FireAlarm> matches = alarms.stream()
                    .filter(a -> a.getCategory() == call.getCategory())
                    .filter(a -> {
                        Duration after = Duration.between(Times.instant(a.getReportedAt()), callAt);
                        return !after.isNegative() && after.compareTo(Duration.ofMinutes(4)) <= 0;
                    })
                    .filter(a -> {
                        double m = GeoMath.distanceMeters(a.getLocation().getPoint(), call.getLocation().getPoint());
                        return m >= 49.9 && m <= 600;
                    })
                    .toList();
            assertThat(matches).as("the 119 alarm behind 110 report %s", call.getReportId()).isNotEmpty();
            assertThat(matches.get(0).getAlarmId()).isNotEqualTo(call.getReportId());
        }
    }

    @Test
    void warnings_go_alert_then_update_then_cancel_each_referencing_the_earlier_alerts() {
        List<Envelope> warnings = day.stream().map(PlannedMessage::envelope).filter(Envelope::hasWeatherWarning).toList();
        Map<String, Envelope> byIdentifier = new HashMap<>();
        Map<String, String> storyOf = new HashMap<>();
        Map<String, List<Envelope>> stories = new HashMap<>();
        for (Envelope e : warnings) {
            WeatherWarning w = e.getWeatherWarning();
            String story;
            if (w.getMsgType() == WarningMsgType.WARNING_MSG_TYPE_ALERT) {
                assertThat(w.getReferencesList()).isEmpty();
                assertThat(e.getReferencesList()).isEmpty();
                story = w.getIdentifier();
            } else {
                assertThat(w.getReferencesList()).isNotEmpty();
                String alert = w.getReferences(0);
                assertThat(byIdentifier).as("%s refers to an alert issued before it", w.getIdentifier()).containsKey(alert);
                assertThat(byIdentifier.get(alert).getWeatherWarning().getMsgType()).isEqualTo(WarningMsgType.WARNING_MSG_TYPE_ALERT);
                story = storyOf.get(alert);
                List<Envelope> before = stories.get(story);
                assertThat(w.getReferencesList()).containsExactlyElementsOf(
                        before.stream().map(b -> b.getWeatherWarning().getIdentifier()).toList());
                assertThat(e.getReferencesList()).containsExactlyElementsOf(before.stream().map(Envelope::getMessageId).toList());
                for (WarningReference r : w.getReferenceDetailsList()) {
                    WeatherWarning earlier = byIdentifier.get(r.getIdentifier()).getWeatherWarning();
                    assertThat(r.getSent()).isEqualTo(earlier.getIssuedAt());
                    assertThat(r.getSender()).startsWith(w.getAreas(0).getAdcodes(0).substring(0, 4));
                }
                WeatherWarning last = before.get(before.size() - 1).getWeatherWarning();
                assertThat(last.getMsgType()).isNotEqualTo(WarningMsgType.WARNING_MSG_TYPE_CANCEL);
                if (w.getMsgType() == WarningMsgType.WARNING_MSG_TYPE_UPDATE) {
                    assertThat(w.getColour().getNumber()).isGreaterThan(last.getColour().getNumber());
                } else {
                    assertThat(w.getColour()).isEqualTo(last.getColour());
                }
                assertThat(w.getHazard()).isEqualTo(last.getHazard());
            }
            byIdentifier.put(w.getIdentifier(), e);
            storyOf.put(w.getIdentifier(), story);
            stories.computeIfAbsent(story, k -> new ArrayList<>()).add(e);
        }
        assertThat(stories.size()).isGreaterThan(20);
        long cancelled = stories.values().stream().filter(s -> s.get(s.size() - 1).getWeatherWarning().getMsgType()
                == WarningMsgType.WARNING_MSG_TYPE_CANCEL).count();
        assertThat(cancelled).isGreaterThanOrEqualTo(stories.size() - 3);

        List<WeatherWarning> opening = stories.get(warnings.get(0).getWeatherWarning().getIdentifier()).stream()
                .map(Envelope::getWeatherWarning).toList();
        assertThat(opening).extracting(WeatherWarning::getIssuer).containsOnly("济南市气象台");
        assertThat(opening).extracting(WeatherWarning::getMsgType).containsExactly(WarningMsgType.WARNING_MSG_TYPE_ALERT,
                WarningMsgType.WARNING_MSG_TYPE_UPDATE, WarningMsgType.WARNING_MSG_TYPE_UPDATE,
                WarningMsgType.WARNING_MSG_TYPE_CANCEL);
        assertThat(opening).extracting(WeatherWarning::getColour).containsExactly(WarningColour.WARNING_COLOUR_YELLOW,
                WarningColour.WARNING_COLOUR_ORANGE, WarningColour.WARNING_COLOUR_RED, WarningColour.WARNING_COLOUR_RED);
    }

    @Test
    void every_warning_is_cap_1_2_that_reads_back_to_itself() throws Exception {
        CapWriter writer = new CapWriter();
        CapReader reader = new CapReader();
        for (Envelope e : day.stream().map(PlannedMessage::envelope).filter(Envelope::hasWeatherWarning).toList()) {
            WeatherWarning w = e.getWeatherWarning();
            String sender = w.getIdentifier().substring(0, w.getIdentifier().indexOf('_'));
            String xml = writer.write(new CapAlert(w, MessageStatus.MESSAGE_STATUS_ACTUAL, sender));
            assertThat(reader.read(xml).warning()).isEqualTo(w);
            assertThat(w.getIssuedAt().getNanos()).isZero();
        }
    }

    @Test
    void traffic_conditions_on_real_roads_come_and_clear() {
        Map<String, List<TrafficCondition>> byId = new HashMap<>();
        // Stories that began in the last half hour may end after the generated span.
        Duration lastStart = day.get(day.size() - 1).at().minusMinutes(30);
        Set<String> recent = day.stream().filter(m -> m.at().compareTo(lastStart) > 0)
                .filter(m -> m.envelope().hasTrafficCondition())
                .map(m -> m.envelope().getTrafficCondition().getConditionId()).collect(Collectors.toSet());
        day.stream().map(PlannedMessage::envelope).filter(Envelope::hasTrafficCondition)
                .filter(e -> !recent.contains(e.getTrafficCondition().getConditionId()))
                .forEach(e -> byId.computeIfAbsent(e.getTrafficCondition().getConditionId(), k -> new ArrayList<>())
                        .add(e.getTrafficCondition()));
        Set<String> roads = new HashSet<>();
        int closuresCleared = 0;
        Set<TrafficConditionType> types = new HashSet<>();
        for (List<TrafficCondition> story : byId.values()) {
            TrafficCondition first = story.get(0);
            assertThat(first.getCleared()).isFalse();
            types.add(first.getType());
            roads.add(first.getRoadName().split(" ")[0]);
            for (TrafficCondition later : story.subList(1, story.size())) {
                assertThat(later.getType()).isEqualTo(first.getType());
                assertThat(later.getSegment()).isEqualTo(first.getSegment());
            }
            if (first.getType() == TrafficConditionType.TRAFFIC_CONDITION_TYPE_CLOSURE) {
                assertThat(story.get(story.size() - 1).getCleared()).isTrue();
                closuresCleared++;
            }
        }
        assertThat(types).contains(TrafficConditionType.TRAFFIC_CONDITION_TYPE_CONGESTION,
                TrafficConditionType.TRAFFIC_CONDITION_TYPE_CLOSURE, TrafficConditionType.TRAFFIC_CONDITION_TYPE_ICING);
        assertThat(roads).contains("G2", "G3", "G15", "G20", "G25");
        assertThat(closuresCleared).isPositive();
    }

    @Test
    void the_g2_is_reported_between_dezhou_and_linyi() {
        day.stream().map(PlannedMessage::envelope).filter(Envelope::hasTrafficCondition)
                .map(Envelope::getTrafficCondition)
                .filter(c -> c.getRoadName().startsWith("G2 京沪高速"))
                .flatMap(c -> c.getSegment().getPointsList().stream())
                .forEach(p -> {
                    assertThat(p.getLongitude()).isBetween(116.3, 118.45);
                    assertThat(p.getLatitude()).isBetween(34.45, 37.6);
                });
    }

    private static java.util.stream.Stream<PlannedMessage> reports() {
        return day.stream().filter(m -> !m.resend()
                && (m.kind() == MessageKind.MESSAGE_KIND_POLICE_REPORT || m.kind() == MessageKind.MESSAGE_KIND_FIRE_ALARM));
    }

    /** 110 never takes the first call for a 119 category: such a report is another caller's. */
    private static boolean isSecondCaller(PlannedMessage m) {
        return m.envelope().hasPoliceReport()
                && FIRE_SERVICE_CATEGORIES.contains(m.envelope().getPoliceReport().getCategory());
    }

    private static Location location(PlannedMessage m) {
        return m.envelope().hasPoliceReport() ? m.envelope().getPoliceReport().getLocation()
                : m.envelope().getFireAlarm().getLocation();
    }

    private static IncidentCategory category(PlannedMessage m) {
        return m.envelope().hasPoliceReport() ? m.envelope().getPoliceReport().getCategory()
                : m.envelope().getFireAlarm().getCategory();
    }

    private static Set<String> ids(List<PlannedMessage> messages) {
        return messages.stream().map(PlannedMessage::messageId).collect(Collectors.toSet());
    }
}
