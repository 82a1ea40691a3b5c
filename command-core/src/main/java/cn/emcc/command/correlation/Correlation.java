package cn.emcc.command.correlation;

/** The outcome of correlating one report: join an open incident, or open a new one. */
public sealed interface Correlation {

    /** @param reason for the timeline, e.g. "joined: 140 m, 3 min, fire_building/fire_building (fire)" */
    record Join(String incidentId, String reason) implements Correlation {
    }

    /** @param reason why no open incident matched, for the timeline */
    record OpenNew(String reason) implements Correlation {
    }
}
