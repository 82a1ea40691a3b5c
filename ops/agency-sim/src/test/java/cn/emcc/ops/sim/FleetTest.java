package cn.emcc.ops.sim;

import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.GeoPoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FleetTest {

    private final Fleet fleet = Fleet.shandong();

    @Test
    void a_unit_starts_at_its_station_on_the_shipped_roster_and_is_where_its_last_fix_put_it() {
        GeoPoint station = GeoMath.point(117.138707, 36.738116); // 历下区第1消防救援站
        assertThat(fleet.station(Agency.AGENCY_FIRE, "F-370102-1-PE1")).contains(station);
        assertThat(fleet.position("F-370102-1-PE1")).contains(station);

        GeoPoint onTheWay = GeoMath.offset(station, 800, 45);
        fleet.moved("F-370102-1-PE1", onTheWay);

        assertThat(fleet.position("F-370102-1-PE1")).contains(onTheWay);
        assertThat(fleet.station(Agency.AGENCY_FIRE, "F-370102-1-PE1")).contains(station);
        assertThat(fleet.position("F-370102-1-PE2")).as("its neighbour stayed home").contains(station);
    }

    @Test
    void an_agency_has_no_station_for_a_unit_of_another_agency_or_for_one_nobody_has() {
        assertThat(fleet.station(Agency.AGENCY_POLICE, "F-370102-1-PE1")).isEmpty();
        assertThat(fleet.station(Agency.AGENCY_FIRE, "JN-LX-E01")).isEmpty();
        fleet.moved("JN-LX-E01", GeoMath.point(117, 36.6));
        assertThat(fleet.position("JN-LX-E01")).isEmpty();
    }
}
