package cn.emcc.dispatch;

import java.util.List;

/**
 * Every phrase the server puts before a person: incident timelines, grade
 * reasons, plans, shortfalls and the recommender's reasons. The code is the
 * key of the console's message bundles; the arguments are the {name}
 * placeholders of its templates. One list, so a test can hold the bundles to it.
 */
public enum PhraseCode {
    // the incident's timeline
    INCIDENT_REPORTED("timeline.incident.reported", "category", "address"),
    REPORT_JOINED("timeline.report.joined", "category"),
    OPENED_FROM_SPLIT("timeline.incident.opened_from_split", "count", "source"),
    SPLIT_OFF("timeline.incident.split_off", "count", "target"),
    MERGED_INTO("timeline.incident.merged_into", "target"),
    MERGED_IN("timeline.incident.merged_in", "count", "source"),
    GRADED("timeline.grade.graded", "grade"),
    GRADE_CHANGED("timeline.grade.changed", "from_grade", "to_grade"),
    GRADE_OVERRIDDEN("timeline.grade.overridden", "grade"),
    GRADE_OVERRIDDEN_FROM("timeline.grade.overridden_from", "from_grade", "to_grade"),
    GRADE_OVERRIDE_LIFTED("timeline.grade.override_lifted"),
    STATUS_CHANGED("timeline.status.changed", "from_status", "to_status"),
    WARNINGS_IN_FORCE("timeline.warnings.in_force", "warnings"),
    WARNINGS_NONE("timeline.warnings.none"),
    NOTE("timeline.note"),
    WHY_WARNING_AREA("timeline.why.warning_area"),
    WHY_DISPATCH_PROGRESSED("timeline.why.dispatch_progressed"),
    /** A person's own words inside a list of phrases: shown as they were written. */
    TEXT("text", "text"),

    // why a report opened an incident or joined one
    CORRELATION_NEW("correlation.new", "category", "count"),
    CORRELATION_JOINED("correlation.joined", "metres", "minutes", "category", "incident_category", "group"),

    // why an incident has its grade
    GRADE_REASON_DEFAULT("grade_reason.default", "grade"),
    GRADE_REASON_RULE("grade_reason.rule", "rule"),

    // the dispatch's timeline
    DISPATCH_PROPOSED("timeline.dispatch.proposed", "count", "plan"),
    DISPATCH_PROPOSED_NO_PLAN("timeline.dispatch.proposed_no_plan", "count"),
    WHY_PLAN_MET("timeline.why.plan_met"),
    ORDER_ISSUED("timeline.order.issued", "order", "unit", "unit_type", "capability", "minutes"),
    ORDER_ISSUED_MUTUAL_AID("timeline.order.issued_mutual_aid", "order", "unit", "unit_type", "capability",
            "minutes"),
    WHY_CONFIRMED("timeline.why.confirmed"),
    WHY_REPLACES("timeline.why.replaces", "order"),
    NOT_ORDERED("timeline.dispatch.not_ordered", "count"),
    ORDER_ACCEPTED("timeline.order.accepted", "order", "unit"),
    ORDER_REJECTED("timeline.order.rejected", "order", "unit"),
    ORDER_TIMED_OUT("timeline.order.timed_out", "order", "unit"),
    ORDER_EN_ROUTE("timeline.order.en_route", "order", "unit"),
    ORDER_ON_SCENE("timeline.order.on_scene", "order", "unit"),
    ORDER_RELEASED("timeline.order.released", "order", "unit"),
    ORDER_DELIVERED("timeline.order.delivered", "order", "unit"),
    ORDER_REISSUED("timeline.order.reissued", "order", "unit"),
    ORDER_RELEASING("timeline.order.releasing", "order", "unit"),
    WHY_NO_ACKNOWLEDGEMENT("timeline.why.no_acknowledgement", "agency", "seconds"),
    WHY_RELEASE_SENT("timeline.why.release_sent", "agency"),
    WHY_RELEASE_REFUSED("timeline.why.release_refused", "unit", "reason"),
    WHY_RELEASE_CONFIRMED("timeline.why.release_confirmed"),
    WHY_NEXT_BEST("timeline.why.next_best", "capability", "unit", "order_state"),
    WHY_INCIDENT_ENDED("timeline.why.incident_ended"),
    WHY_NO_UNIT_IN_LIMIT("timeline.why.no_unit_in_limit", "capability"),
    WHY_OFFICER_MUST_FIND("timeline.why.officer_must_find"),
    DISPATCH_ENDED("timeline.dispatch.ended"),
    RELEASE_REFUSED("timeline.order.release_refused", "order"),
    ORDER_OVERDUE("timeline.order.overdue", "order", "timer"),
    WHY_NOT_EN_ROUTE("timeline.why.not_en_route", "unit", "deadline"),
    WHY_NOT_ON_SCENE("timeline.why.not_on_scene", "unit", "deadline"),
    WHY_RELEASE_UNCONFIRMED("timeline.why.release_unconfirmed", "unit", "agency", "deadline"),
    NO_REPLACEMENT("timeline.order.no_replacement", "order"),
    REPLACED("timeline.order.replaced", "order", "replaced"),

    // mutual aid on the incident's timeline
    AID_REQUESTED("timeline.mutual_aid.requested", "request", "jurisdiction", "count", "capability"),
    AID_REQUESTED_UNIT_TYPE("timeline.mutual_aid.requested_unit_type", "request", "jurisdiction", "count",
            "capability", "unit_type"),
    AID_APPROVED("timeline.mutual_aid.approved", "request", "jurisdiction", "units"),
    WHY_UNITS_COMMITTED("timeline.why.units_committed"),
    AID_ORDERED("timeline.mutual_aid.ordered", "request", "count"),
    WHY_ORDERS("timeline.why.orders", "orders"),
    WHY_NOT_ORDERED("timeline.why.not_ordered", "refusals"),
    AID_DECLINED("timeline.mutual_aid.declined", "request", "jurisdiction"),
    AID_RELEASED("timeline.mutual_aid.released", "request", "units"),
    AID_STOOD_DOWN("timeline.mutual_aid.stood_down", "request", "units"),
    WHY_FREE_ONCE_CONFIRMED("timeline.why.free_once_confirmed"),

    // why emcc raised a mutual-aid request itself (the request's note); {limit_seconds} is a duration
    AID_WHY_OWN_TOO_LATE("mutual_aid.why.own_too_late", "capability", "count", "minutes", "limit_seconds"),
    AID_WHY_NO_OWN("mutual_aid.why.no_own", "capability", "count"),
    AID_WHY_TOO_FEW_IN_TIME("mutual_aid.why.too_few_in_time", "capability", "count", "own", "limit_seconds",
            "minutes"),
    AID_WHY_TOO_FEW_NO_OTHER("mutual_aid.why.too_few_no_other", "capability", "count", "own", "limit_seconds"),

    // the plan and what it lacks
    PLAN_ITEM("plan.item", "capability", "count"),
    PLAN_NONE("plan.none", "category", "grade"),
    SHORTFALL("shortfall", "capability", "count"),

    // the recommender's reason for a unit
    REASON_PROPOSED("reason.proposed", "unit_type", "station", "tier"),
    REASON_ALTERNATE("reason.alternate", "unit_type", "station", "tier"),
    REASON_MUTUAL_AID_FROM("reason.mutual_aid_from", "county"),
    REASON_ETA("reason.eta", "minutes", "km", "road_km"),
    REASON_DELAY("reason.delay", "cause", "seconds"),
    REASON_RANKED_WITH_PREFERENCE("reason.ranked_with_preference", "minutes", "tier"),
    PASSED_OVER_EXCLUDED("reason.passed_over.excluded", "unit", "km"),
    PASSED_OVER_TAKEN("reason.passed_over.taken", "unit", "km", "capability"),
    PASSED_OVER_IMPOSSIBLE("reason.passed_over.impossible", "unit", "km", "why"),
    PASSED_OVER_TOO_LATE("reason.passed_over.too_late", "unit", "km", "minutes", "limit"),
    PASSED_OVER_LATER("reason.passed_over.later", "unit", "km", "minutes"),
    PASSED_OVER_LATER_PREFERENCE("reason.passed_over.later_preference", "unit", "km", "minutes", "tier",
            "seconds"),
    PASSED_OVER_MORE("reason.passed_over.more", "count"),
    REASON_MUTUAL_AID_COMMITTED("reason.mutual_aid_committed", "request", "jurisdiction"),
    REASON_OFFICER_ADDED("reason.officer_added");

    private final String code;
    private final List<String> args;

    PhraseCode(String code, String... args) {
        this.code = code;
        this.args = List.of(args);
    }

    public String code() {
        return code;
    }

    /** The names of the arguments, in the order {@link #with} takes their values. */
    public List<String> args() {
        return args;
    }

    /** This phrase with the values of its arguments, in the order of {@link #args()}. */
    public Phrase with(Object... values) {
        if (values.length != args.size()) {
            throw new IllegalArgumentException(code + " takes " + args + ", got " + values.length + " values");
        }
        Object[] pairs = new Object[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            pairs[2 * i] = args.get(i);
            pairs[2 * i + 1] = values[i];
        }
        return Phrase.of(code, pairs);
    }
}
