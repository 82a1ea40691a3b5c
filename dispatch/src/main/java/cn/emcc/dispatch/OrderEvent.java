package cn.emcc.dispatch;

/** What can happen to an order: the agency's answers, the unit's progress, the incident's decisions, a timer. */
public enum OrderEvent {
    /** The agency's system confirmed receipt. */
    DELIVER,
    ACCEPT,
    REJECT,
    /** A deadline of {@link OrderDeadlines} passed. */
    TIME_OUT,
    /** The unit reported en route. */
    DEPART,
    /** The unit reported on scene. */
    ARRIVE,
    /** The unit has left the incident: the agency confirms a stand-down or reports the unit released. */
    RELEASE,
    /**
     * emcc stands the unit down (an officer's release, the incident closed or cancelled): a release order
     * goes to the agency, and the unit stays committed until the agency confirms.
     */
    RECALL
}
