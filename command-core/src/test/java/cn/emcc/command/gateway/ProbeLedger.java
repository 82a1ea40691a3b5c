package cn.emcc.command.gateway;

import cn.emcc.map.jurisdiction.JurisdictionLocator;
import cn.emcc.map.jurisdiction.Placement;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.GatewayFrame;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The valid messages a hostile-input test sends between the bad ones to prove
 * a connection still works, and the incidents they opened: after any number
 * of bad inputs, these must be the only incidents there are. Reports go to
 * points two kilometres apart over Jinan, each placed in a county, so every
 * one opens an incident of its own.
 */
final class ProbeLedger {

    /** Over 威海 (Weihai), far from every probe report, so a probe warning never touches an incident. */
    private static final double[] WARNING_AREA = {122.00, 37.40, 122.08, 37.40, 122.08, 37.46, 122.00, 37.46};

    private final Deque<double[]> points = new ArrayDeque<>();
    private final Set<String> incidents = new HashSet<>();

    ProbeLedger(JurisdictionLocator locator) {
        // 0.02° apart is about 1.8 km east-west and 2.2 km north-south: beyond every correlation radius used here.
        for (int row = 0; row < 19; row++) {
            for (int col = 0; col < 29; col++) {
                double lon = 116.82 + col * 0.02;
                double lat = 36.50 + row * 0.02;
                if (locator.locate(lon, lat) instanceof Placement.Inside) {
                    points.add(new double[]{lon, lat});
                }
            }
        }
    }

    /** A fresh valid message this agency may send: a report for police and fire, else a warning or condition. */
    synchronized Envelope next(Agency connection) {
        return switch (connection) {
            case AGENCY_POLICE -> freshPoliceReport().build();
            case AGENCY_FIRE -> {
                double[] p = nextPoint();
                yield AgencyMessages.fireAlarm(p[0], p[1]).build();
            }
            case AGENCY_WEATHER -> AgencyMessages.weatherAlert(AgencyMessages.ring(WARNING_AREA)).build();
            case AGENCY_TRAFFIC -> AgencyMessages.trafficCondition(118.05, 36.80).build();
            default -> throw new IllegalArgumentException("no probe for " + connection);
        };
    }

    private double[] nextPoint() {
        assertThat(points).as("probe points left over Jinan").isNotEmpty();
        return points.poll();
    }

    /** Checks the probe was acknowledged as a first delivery and records the incident it opened. */
    synchronized void acked(Envelope probe, GatewayFrame reply) {
        assertThat(reply.hasAck()).as("the valid probe %s is acknowledged, got %s", probe.getMessageId(), reply).isTrue();
        assertThat(reply.getAck().getMessageId()).isEqualTo(probe.getMessageId());
        assertThat(reply.getAck().getDuplicate()).isFalse();
        String ref = reply.getAck().getEffectRef();
        switch (probe.getPayloadCase()) {
            case POLICE_REPORT, FIRE_ALARM -> {
                assertThat(incidents).as("probe %s opens an incident of its own", probe.getMessageId())
                        .doesNotContain(ref);
                incidents.add(ref);
            }
            case WEATHER_WARNING -> assertThat(ref).isEqualTo(probe.getWeatherWarning().getIdentifier());
            case TRAFFIC_CONDITION -> assertThat(ref).isEqualTo(probe.getTrafficCondition().getConditionId());
            default -> throw new IllegalArgumentException("not a probe: " + probe.getPayloadCase());
        }
    }

    /** Records an incident opened by a valid message that is not a probe. */
    synchronized void opened(String incidentId) {
        incidents.add(incidentId);
    }

    /** A report to a point no probe uses, for tests that send their own valid report. */
    synchronized Envelope.Builder freshPoliceReport() {
        double[] p = nextPoint();
        return AgencyMessages.policeReport(p[0], p[1]);
    }

    synchronized Set<String> incidents() {
        return Set.copyOf(incidents);
    }
}
