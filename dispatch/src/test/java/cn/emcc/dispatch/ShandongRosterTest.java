package cn.emcc.dispatch;

import cn.emcc.map.jurisdiction.Jurisdiction;
import cn.emcc.protocols.v1.Agency;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShandongRosterTest {

    private static List<Unit> generated;

    private static synchronized List<Unit> generated() {
        if (generated == null) {
            generated = ShandongRoster.generate(ShandongRoster.DEFAULT_SEED, Geography.shandong());
        }
        return generated;
    }

    @Test
    void theCommittedRosterIsWhatTheGeneratorMakes() {
        assertThat(ShandongRoster.loadDefault()).isEqualTo(generated());
    }

    @Test
    void thousandsOfUnitsWithDistinctIds() {
        List<Unit> units = generated();
        assertThat(units.size()).isBetween(3_000, 12_000);
        assertThat(units.stream().map(Unit::unitId).distinct().count()).isEqualTo(units.size());
    }

    @Test
    void everyCountyHasFirePoliceTrafficEmergencyManagementAndAmbulances() {
        Map<String, Set<Agency>> agencies = generated().stream().collect(Collectors.groupingBy(Unit::countyAdcode,
                Collectors.mapping(Unit::agency, Collectors.toSet())));
        List<Jurisdiction> counties = Geography.shandong().tree().counties();
        assertThat(agencies).hasSize(counties.size());
        for (Jurisdiction county : counties) {
            assertThat(agencies.get(county.adcode())).as(county.toString()).contains(Agency.AGENCY_FIRE,
                    Agency.AGENCY_POLICE, Agency.AGENCY_TRAFFIC, Agency.AGENCY_EMERGENCY_MGMT, Agency.AGENCY_MEDICAL);
        }
    }

    @Test
    void unitsStartAtHomeInsideTheirCounty() {
        var locator = Geography.shandong().locator();
        long misplaced = generated().stream()
                .filter(u -> !(locator.locate(u.home()) instanceof cn.emcc.map.jurisdiction.Placement.Inside in
                        && in.county().adcode().equals(u.countyAdcode())))
                .count();
        assertThat(misplaced).isZero();
        assertThat(generated()).allMatch(u -> u.position().equals(u.home()));
    }

    @Test
    void floodBoatsOnlyNearWaterAndSomeEverywhereTheyAreNeeded() {
        Set<String> boatCounties = generated().stream().filter(u -> u.unitType() == UnitType.FLOOD_BOAT_TEAM)
                .map(Unit::countyAdcode).collect(Collectors.toSet());
        assertThat(boatCounties.size()).isBetween(20, 100);
        assertThat(boatCounties).contains("371002"); // 威海 环翠区 on the coast
    }

    @Test
    void theSameSeedGivesTheSameRosterAndAnotherSeedAnother() {
        assertThat(ShandongRoster.generate(ShandongRoster.DEFAULT_SEED, Geography.shandong())).isEqualTo(generated());
        assertThat(ShandongRoster.generate(7, Geography.shandong())).isNotEqualTo(generated());
    }

    @Test
    void aLargerScaleGivesMoreUnits() {
        assertThat(ShandongRoster.generate(1, Geography.shandong(), 3.0).size()).isGreaterThan(2 * generated().size());
    }

    @Test
    void csvRoundTripsAndNamesTheBadLine() throws IOException {
        StringBuilder out = new StringBuilder();
        RosterCsv.write(generated().subList(0, 50), out);
        assertThat(RosterCsv.read(new StringReader(out.toString()), "x")).isEqualTo(generated().subList(0, 50));

        String bad = RosterCsv.HEADER + "\nF-1,FIRE,SPACESHIP,RESCUE,站,370102,370100,117,36,AVAILABLE,117,36\n";
        assertThatThrownBy(() -> RosterCsv.read(new StringReader(bad), "r.csv"))
                .hasMessageContaining("r.csv line 2").hasMessageContaining("SPACESHIP");
    }
}
