package cn.emcc.command.incident;

import cn.emcc.protocols.v1.IncidentStatus;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static cn.emcc.protocols.v1.IncidentStatus.*;

/**
 * The incident state machine: which status may follow which. MERGED and
 * CANCELLED (false alarm) can end any incident that is not yet on scene;
 * CLOSED, MERGED and CANCELLED are final.
 */
public final class IncidentLifecycle {

    private static final Map<IncidentStatus, Set<IncidentStatus>> NEXT = new EnumMap<>(IncidentStatus.class);

    static {
        NEXT.put(INCIDENT_STATUS_REPORTED, EnumSet.of(INCIDENT_STATUS_VERIFIED, INCIDENT_STATUS_CANCELLED, INCIDENT_STATUS_MERGED));
        NEXT.put(INCIDENT_STATUS_VERIFIED, EnumSet.of(INCIDENT_STATUS_DISPATCHING, INCIDENT_STATUS_CLOSED,
                INCIDENT_STATUS_CANCELLED, INCIDENT_STATUS_MERGED));
        NEXT.put(INCIDENT_STATUS_DISPATCHING, EnumSet.of(INCIDENT_STATUS_RESPONDING, INCIDENT_STATUS_CANCELLED, INCIDENT_STATUS_MERGED));
        NEXT.put(INCIDENT_STATUS_RESPONDING, EnumSet.of(INCIDENT_STATUS_ON_SCENE, INCIDENT_STATUS_CANCELLED, INCIDENT_STATUS_MERGED));
        NEXT.put(INCIDENT_STATUS_ON_SCENE, EnumSet.of(INCIDENT_STATUS_CONTROLLED));
        // A controlled incident can flare up again.
        NEXT.put(INCIDENT_STATUS_CONTROLLED, EnumSet.of(INCIDENT_STATUS_CLOSED, INCIDENT_STATUS_ON_SCENE));
        NEXT.put(INCIDENT_STATUS_CLOSED, EnumSet.noneOf(IncidentStatus.class));
        NEXT.put(INCIDENT_STATUS_MERGED, EnumSet.noneOf(IncidentStatus.class));
        NEXT.put(INCIDENT_STATUS_CANCELLED, EnumSet.noneOf(IncidentStatus.class));
    }

    private IncidentLifecycle() {
    }

    public static boolean isOpen(IncidentStatus s) {
        return !isFinal(s);
    }

    public static boolean isFinal(IncidentStatus s) {
        return s == INCIDENT_STATUS_CLOSED || s == INCIDENT_STATUS_MERGED || s == INCIDENT_STATUS_CANCELLED;
    }

    /** Empty when the move is legal, otherwise the reason it is refused. */
    public static Optional<String> refusal(IncidentStatus from, IncidentStatus to) {
        Set<IncidentStatus> allowed = NEXT.get(from);
        if (allowed != null && allowed.contains(to)) {
            return Optional.empty();
        }
        return Optional.of("an incident that is " + label(from) + " cannot become " + label(to)
                + "; allowed next: " + (allowed == null || allowed.isEmpty() ? "none (final)" :
                allowed.stream().map(IncidentLifecycle::label).toList()));
    }

    public static String label(IncidentStatus s) {
        return s.name().replace("INCIDENT_STATUS_", "");
    }
}
