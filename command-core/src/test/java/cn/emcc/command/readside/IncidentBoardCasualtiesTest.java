package cn.emcc.command.readside;

import cn.emcc.command.incident.Counts;
import cn.emcc.command.incident.IncidentActor;
import cn.emcc.command.incident.Report;
import cn.emcc.command.incident.Who;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Grade;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cn.emcc.command.incident.Reports.QUANCHENG_LAT;
import static cn.emcc.command.incident.Reports.QUANCHENG_LON;
import static cn.emcc.command.incident.Reports.T0;
import static cn.emcc.command.incident.Reports.report;
import static cn.emcc.protocols.v1.IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING;
import static org.assertj.core.api.Assertions.assertThat;

/** The read side's casualty counts follow the reports an incident holds, combined as the incident combines them. */
class IncidentBoardCasualtiesTest {

    private static final String ID = "370102-20260712-0001";
    private static final Who OFFICER = Who.officer("wang.wei", "370102");

    private final IncidentBoard board = new IncidentBoard();

    private static Report withCounts(String messageId, Counts counts) {
        return report(messageId, Agency.AGENCY_FIRE, INCIDENT_CATEGORY_FIRE_BUILDING, QUANCHENG_LON, QUANCHENG_LAT, T0,
                counts, false);
    }

    private Counts casualties(String id) {
        return board.get(id).orElseThrow().casualties();
    }

    @Test
    void joining_reports_add_callers_and_keep_the_largest_other_figures() {
        board.apply(new IncidentActor.IncidentOpened(ID, T0, withCounts("m1", new Counts(1, 3, 2, 1, 0)), "370100",
                "first report", Grade.GRADE_IV, "test", List.of()));
        assertThat(casualties(ID)).isEqualTo(new Counts(1, 3, 2, 1, 0));

        board.apply(new IncidentActor.ReportJoined(ID, T0.plusSeconds(60), withCounts("m2", new Counts(1, 5, 1, 0, 2)),
                "same place"));
        assertThat(casualties(ID)).isEqualTo(new Counts(2, 5, 2, 1, 2));
    }

    @Test
    void a_split_takes_the_counts_of_the_reports_that_leave_with_it() {
        Report first = withCounts("m1", new Counts(1, 1, 0, 0, 0));
        Report second = withCounts("m2", new Counts(1, 6, 0, 2, 0));
        board.apply(new IncidentActor.IncidentOpened(ID, T0, first, "370100", "first report", Grade.GRADE_IV, "test",
                List.of()));
        board.apply(new IncidentActor.ReportJoined(ID, T0.plusSeconds(60), second, "same place"));

        String newId = "370102-20260712-0002";
        board.apply(new IncidentActor.ReportsSplitOff(ID, T0.plusSeconds(120), newId, List.of(second), OFFICER,
                "another building"));
        board.apply(new IncidentActor.OpenedFromSplit(newId, T0.plusSeconds(120), ID, List.of(second), "370100",
                OFFICER, "another building"));

        assertThat(casualties(ID)).isEqualTo(new Counts(1, 1, 0, 0, 0));
        assertThat(casualties(newId)).isEqualTo(new Counts(1, 6, 0, 2, 0));
    }

    @Test
    void a_merge_brings_the_absorbed_reports_counts() {
        board.apply(new IncidentActor.IncidentOpened(ID, T0, withCounts("m1", new Counts(1, 2, 0, 0, 0)), "370100",
                "first report", Grade.GRADE_IV, "test", List.of()));
        board.apply(new IncidentActor.ReportsAbsorbed(ID, T0.plusSeconds(60), "370102-20260712-0003",
                List.of(withCounts("m3", new Counts(2, 0, 4, 0, 1))), OFFICER, "duplicate"));

        assertThat(casualties(ID)).isEqualTo(new Counts(3, 2, 4, 0, 1));
    }
}
