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
    /** The incident stands the unit down. */
    RELEASE
}
