package cn.emcc.bench.ingest;

import cn.emcc.map.jurisdiction.JurisdictionLoader;
import cn.emcc.map.jurisdiction.JurisdictionLocator;
import cn.emcc.map.jurisdiction.Placement;
import cn.emcc.ops.sim.Place;
import cn.emcc.ops.sim.Places;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReportPlanTest {

    private static JurisdictionLocator locator;
    private static List<Place> places;

    @BeforeAll
    static void geography() {
        locator = JurisdictionLoader.loadDefault().locator();
        places = Places.shandong().all();
    }

    @Test
    void every_county_gets_reports_and_every_point_lies_in_its_county() {
        List<PlannedReport> plan = new ReportPlan(places, locator).generate(2_000, 0.10, 100, 7);

        assertThat(plan).hasSize(2_000);
        assertThat(plan.stream().map(PlannedReport::countyAdcode).collect(Collectors.toSet()))
                .hasSize(136)
                .isEqualTo(places.stream().map(Place::adcode).collect(Collectors.toSet()));
        for (PlannedReport r : plan) {
            Placement placement = locator.locate(r.longitude(), r.latitude());
            assertThat(placement).as("%s", r).isInstanceOf(Placement.Inside.class);
            assertThat(((Placement.Inside) placement).county().adcode()).as("%s", r).isEqualTo(r.countyAdcode());
        }
    }

    @Test
    void about_a_tenth_are_second_callers_close_to_a_report_well_before_them() {
        List<PlannedReport> plan = new ReportPlan(places, locator).generate(5_000, 0.10, 1_024, 7);

        long second = plan.stream().filter(PlannedReport::secondCaller).count();
        assertThat(second / 5_000.0).isCloseTo(0.08, within(0.02)); // none in the first 1,024
        for (int i = 0; i < plan.size(); i++) {
            PlannedReport r = plan.get(i);
            if (!r.secondCaller()) {
                continue;
            }
            assertThat(i).isGreaterThanOrEqualTo(1_024);
            List<PlannedReport> earlier = plan.subList(0, i - 1_024 + 1);
            assertThat(earlier).as("a first report within 100 m of %s", r).anySatisfy(first -> {
                assertThat(first.secondCaller()).isFalse();
                assertThat(first.category()).isEqualTo(r.category());
                assertThat(first.agency()).isEqualTo(r.agency());
                assertThat(metres(first, r)).isLessThanOrEqualTo(100.5);
            });
        }
    }

    @Test
    void the_same_seed_plans_the_same_reports_and_police_and_fire_share_them() {
        ReportPlan planner = new ReportPlan(places, locator);
        List<PlannedReport> plan = planner.generate(1_000, 0.10, 100, 42);

        assertThat(planner.generate(1_000, 0.10, 100, 42)).isEqualTo(plan);
        assertThat(planner.generate(1_000, 0.10, 100, 43)).isNotEqualTo(plan);
        Set<Object> agencies = plan.stream().map(PlannedReport::agency).collect(Collectors.toSet());
        assertThat(agencies).hasSize(2);
        long police = plan.stream().filter(r -> r.agency().name().equals("AGENCY_POLICE")).count();
        assertThat(police).isBetween(400L, 600L);
    }

    private static double metres(PlannedReport a, PlannedReport b) {
        double dLat = (a.latitude() - b.latitude()) * 111_195.0;
        double dLon = (a.longitude() - b.longitude()) * 111_195.0 * Math.cos(Math.toRadians(a.latitude()));
        return Math.hypot(dLat, dLon);
    }
}
