package cn.emcc.dispatch;

/** Where an order (调度指令) to send one unit stands. */
public enum OrderState {
    /** Signed and sent to the agency, not yet known to have arrived. */
    ISSUED,
    /** The agency's system has it (optional: an acceptance may come first). */
    DELIVERED,
    /** The agency will send the unit. */
    ACCEPTED,
    /** The agency will not send it. Terminal. */
    REJECTED,
    /** A timer ran out (no answer, not en route, not on scene in time). Terminal. */
    TIMED_OUT,
    /** The unit is on its way. */
    EN_ROUTE,
    /** The unit is at the scene. */
    ON_SCENE,
    /** The incident no longer needs the unit (stood down or finished). Terminal. */
    RELEASED,
    /** emcc has sent the agency a release order; the unit is committed until the agency confirms. */
    RELEASING;

    public boolean isTerminal() {
        return this == REJECTED || this == TIMED_OUT || this == RELEASED;
    }

    /** Whether the unit is committed to the incident in this state. */
    public boolean holdsUnit() {
        return this == ACCEPTED || this == EN_ROUTE || this == ON_SCENE || this == RELEASING;
    }
}
