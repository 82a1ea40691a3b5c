package cn.emcc.command.workflow;

import cn.emcc.command.testsupport.Await;
import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.TestStore;
import cn.emcc.dispatch.ShandongRoster;
import cn.emcc.dispatch.Unit;
import cn.emcc.ops.sim.DemoAgencies;
import cn.emcc.ops.sim.DemoCredentials;
import cn.emcc.ops.sim.DemoOptions;
import cn.emcc.protocols.v1.Agency;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static cn.emcc.command.workflow.DispatchWorkflowBehaviourTest.OFFICER;
import static cn.emcc.command.workflow.DispatchWorkflowBehaviourTest.json;
import static cn.emcc.command.workflow.DispatchWorkflowBehaviourTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo agencies ({@code ops/agency-sim}) against a real node: the crew of
 * an order emcc sends drives there and back with AVL fixes, and emcc's unit
 * map shows the unit leave its station, reach the scene and, stood down,
 * come home.
 */
class DemoCrewsOnARunningNodeTest {

    /** 200 m north-east of 历下区第1消防救援站 (F-370102-1 on the shipped roster, at 117.138707, 36.738116). */
    private static final double FIRE_LON = 117.1403, FIRE_LAT = 36.7394;
    private static final long SEED = 11;

    @TempDir
    Path scratch;

    @Test
    void a_dispatched_engine_drives_from_its_station_to_the_scene_and_home_on_emccs_unit_map() throws Exception {
        // The demo sends no scenario (it is over after a millisecond); its clients stay up to answer orders.
        DemoOptions options = new DemoOptions(SEED, 30, Duration.ofMillis(1), false, 0)
                .withFixEvery(Duration.ofMillis(500));
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch);
             RunningNode node = RunningNode.start(store);
             DemoAgencies demo = DemoAgencies.start(node.baseUri(), demoCredentials(), options)) {
            demo.finished().get(60, TimeUnit.SECONDS);
            String incident = DispatchWorkflowBehaviourTest.verifiedFire(node, FIRE_LON, FIRE_LAT);
            String engine = confirmOneEngine(node, incident);
            Unit unit = ShandongRoster.loadDefault().stream().filter(u -> u.unitId().equals(engine)).findFirst()
                    .orElseThrow();
            double[] station = {unit.home().getLongitude(), unit.home().getLatitude()};
            double stationToFire = metres(station, new double[]{FIRE_LON, FIRE_LAT});
            assertThat(stationToFire).as("the engine has some way to go").isGreaterThan(150);

            List<double[]> seen = new ArrayList<>();
            Await.until(engine + " on scene on emcc's map", Duration.ofMinutes(3), () -> {
                double[] at = mapPosition(node, unit);
                seen.add(at);
                return metres(at, new double[]{FIRE_LON, FIRE_LAT}) < 5;
            });
            assertThat(metres(seen.get(0), station)).as("first seen at its station").isLessThan(1);
            assertThat(seen).as("seen on its way, between station and scene").anySatisfy(p -> {
                assertThat(metres(p, station)).isGreaterThan(5);
                assertThat(metres(p, new double[]{FIRE_LON, FIRE_LAT})).isGreaterThan(5);
            });
            Await.until(engine + " ON_SCENE", Duration.ofSeconds(30),
                    () -> mapProperties(node, unit).path("status").asText().equals("UNIT_STATUS_ON_SCENE"));
            assertThat(mapProperties(node, unit).path("incident_id").asText()).as("the incident it works")
                    .isEqualTo(incident);

            ok(node.post("/v1/incidents/" + incident + "/dispatch/release", OFFICER,
                    "{\"unit\":\"" + engine + "\",\"why\":\"fire out\"}"));
            Await.until(engine + " back at its station on emcc's map", Duration.ofMinutes(3),
                    () -> metres(mapPosition(node, unit), station) < 1);
            assertThat(mapProperties(node, unit).path("incident_id").isNull()).as("released: no incident").isTrue();
            assertThat(demo.positionFixes()).isGreaterThanOrEqualTo(4);
        }
    }

    /** The four demo agencies with the test node's keys, trusting its certificate. */
    private static DemoCredentials demoCredentials() {
        Map<Agency, DemoCredentials.Credential> keys = new EnumMap<>(Agency.class);
        for (Agency a : List.of(Agency.AGENCY_POLICE, Agency.AGENCY_FIRE, Agency.AGENCY_WEATHER,
                Agency.AGENCY_TRAFFIC)) {
            keys.put(a, new DemoCredentials.Credential(RunningNode.KEYS.keyId(a), RunningNode.KEYS.privateKey(a)));
        }
        return new DemoCredentials(keys, RunningNode.orderKeys(), RunningNode.trustingDevCertificate());
    }

    /** Confirms the proposal with its first fire engine only: the one order goes to the demo's 119. */
    private static String confirmOneEngine(RunningNode node, String incident) throws Exception {
        JsonNode proposal = ok(node.post("/v1/incidents/" + incident + "/dispatch/proposal", OFFICER, "{}"))
                .path("proposal");
        String engine = null;
        List<String> drop = new ArrayList<>();
        for (JsonNode u : proposal.path("units")) {
            String id = u.path("unitId").asText();
            if (engine == null && u.path("capability").asText().equals("FIRE_SUPPRESSION")) {
                engine = id;
            } else {
                drop.add("\"" + id + "\"");
            }
        }
        assertThat(engine).as("the proposal has a fire engine: %s", proposal).isNotNull();
        ok(node.post("/v1/incidents/" + incident + "/dispatch/confirm", OFFICER,
                "{\"drop\":[" + String.join(",", drop) + "]}"));
        return engine;
    }

    /** The unit's feature on the map layer of its county. */
    private static JsonNode mapFeature(RunningNode node, Unit unit) {
        try {
            JsonNode units = json(node.get("/v1/map/units?within=" + unit.countyAdcode()));
            for (JsonNode f : units.path("features")) {
                if (f.path("id").asText().equals(unit.unitId())) {
                    return f;
                }
            }
        } catch (Exception e) {
            throw new AssertionError("reading the unit map", e);
        }
        throw new AssertionError(unit.unitId() + " is not on the map of " + unit.countyAdcode());
    }

    private static double[] mapPosition(RunningNode node, Unit unit) {
        JsonNode c = mapFeature(node, unit).path("geometry").path("coordinates");
        return new double[]{c.get(0).asDouble(), c.get(1).asDouble()};
    }

    private static JsonNode mapProperties(RunningNode node, Unit unit) {
        return mapFeature(node, unit).path("properties");
    }

    /** Metres between two lon/lat points (equirectangular: fine over a few kilometres). */
    private static double metres(double[] a, double[] b) {
        double east = (b[0] - a[0]) * Math.cos(Math.toRadians((a[1] + b[1]) / 2)) * 111_195;
        double north = (b[1] - a[1]) * 111_195;
        return Math.hypot(east, north);
    }
}
