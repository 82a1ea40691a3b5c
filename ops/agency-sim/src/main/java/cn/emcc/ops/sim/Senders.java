package cn.emcc.ops.sim;

import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Sender;

import java.util.List;

/** The four simulated province-level agency systems and how they identify themselves on the wire. */
public final class Senders {

    public static final String PROVINCE = "370000";

    /** The agencies the simulator plays, in the order they are started. */
    public static final List<Agency> SIMULATED = List.of(
            Agency.AGENCY_POLICE, Agency.AGENCY_FIRE, Agency.AGENCY_WEATHER, Agency.AGENCY_TRAFFIC);

    private Senders() {
    }

    public static Sender of(Agency agency) {
        String systemId = switch (agency) {
            case AGENCY_POLICE -> "shandong-110-cad";
            case AGENCY_FIRE -> "shandong-119-cad";
            case AGENCY_WEATHER -> "shandong-weather-cap";
            case AGENCY_TRAFFIC -> "shandong-traffic-tmc";
            default -> throw new IllegalArgumentException("agency " + agency + " is not simulated; expected one of "
                    + SIMULATED);
        };
        return Sender.newBuilder().setAgency(agency).setSystemId(systemId).setAdcode(PROVINCE).build();
    }
}
