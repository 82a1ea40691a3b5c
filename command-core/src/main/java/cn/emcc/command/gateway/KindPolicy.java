package cn.emcc.command.gateway;

import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.MessageKind;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static cn.emcc.protocols.v1.MessageKind.*;

/**
 * Which kinds of message each agency may send. The weather bureau issues
 * warnings and nothing else; police file 110 reports, fire 119 alarms; every
 * agency that owns units reports their positions and statuses and answers
 * orders. Dispatch orders only ever flow from emcc to agencies.
 */
public final class KindPolicy {

    private static final Set<MessageKind> UNIT_OWNER = EnumSet.of(
            MESSAGE_KIND_UNIT_POSITION, MESSAGE_KIND_UNIT_STATUS,
            MESSAGE_KIND_ORDER_ACKNOWLEDGEMENT, MESSAGE_KIND_ORDER_PROGRESS);

    private static final Map<Agency, Set<MessageKind>> ALLOWED = new EnumMap<>(Agency.class);

    static {
        ALLOWED.put(Agency.AGENCY_POLICE, with(UNIT_OWNER, MESSAGE_KIND_POLICE_REPORT));
        ALLOWED.put(Agency.AGENCY_FIRE, with(UNIT_OWNER, MESSAGE_KIND_FIRE_ALARM));
        ALLOWED.put(Agency.AGENCY_TRAFFIC, with(UNIT_OWNER, MESSAGE_KIND_TRAFFIC_CONDITION));
        ALLOWED.put(Agency.AGENCY_WEATHER, EnumSet.of(MESSAGE_KIND_WEATHER_WARNING));
        ALLOWED.put(Agency.AGENCY_EMERGENCY_MGMT, EnumSet.copyOf(UNIT_OWNER));
        ALLOWED.put(Agency.AGENCY_URBAN_MGMT, EnumSet.copyOf(UNIT_OWNER));
        ALLOWED.put(Agency.AGENCY_MEDICAL, EnumSet.copyOf(UNIT_OWNER));
    }

    private KindPolicy() {
    }

    private static Set<MessageKind> with(Set<MessageKind> base, MessageKind extra) {
        EnumSet<MessageKind> s = EnumSet.copyOf(base);
        s.add(extra);
        return s;
    }

    public static boolean allows(Agency agency, MessageKind kind) {
        return ALLOWED.getOrDefault(agency, Set.of()).contains(kind);
    }

    public static Set<MessageKind> allowed(Agency agency) {
        return Set.copyOf(ALLOWED.getOrDefault(agency, Set.of()));
    }
}
