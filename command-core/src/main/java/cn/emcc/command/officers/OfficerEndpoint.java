package cn.emcc.command.officers;

/**
 * Every HTTP endpoint and stream an officer uses, and what it needs. A route
 * serves an officer only through {@link OfficerAccess#officer}, which names
 * one of these; a {@code /v1} response that passed no such check is refused
 * ({@link OfficerAccess#guardAll}). The authorization test has one row per
 * constant and fails when one is missing.
 */
public enum OfficerEndpoint {
    SESSION_GET("GET", "/v1/session", Need.SESSION),
    SESSION_DELETE("DELETE", "/v1/session", Need.SESSION),
    SESSION_PASSWORD("POST", "/v1/session/password", Need.SESSION),

    OFFICERS_LIST("GET", "/v1/officers", Need.ADMIN),
    OFFICERS_CREATE("POST", "/v1/officers", Need.ADMIN),
    OFFICER_DISABLE("POST", "/v1/officers/{username}/disable", Need.ADMIN),
    OFFICER_ENABLE("POST", "/v1/officers/{username}/enable", Need.ADMIN),
    OFFICER_RESET_PASSWORD("POST", "/v1/officers/{username}/reset-password", Need.ADMIN),

    INCIDENTS_LIST("GET", "/v1/incidents", Need.READ),
    INCIDENT_GET("GET", "/v1/incidents/{id}", Need.READ),
    INCIDENT_STATUS("POST", "/v1/incidents/{id}/status", Need.ACT),
    INCIDENT_GRADE("POST", "/v1/incidents/{id}/grade", Need.ACT),
    INCIDENT_GRADE_LIFT("POST", "/v1/incidents/{id}/grade-override/lift", Need.ACT),
    INCIDENT_MERGE("POST", "/v1/incidents/{id}/merge", Need.ACT),
    INCIDENT_SPLIT("POST", "/v1/incidents/{id}/split", Need.ACT),
    INCIDENT_NOTE("POST", "/v1/incidents/{id}/notes", Need.ACT),
    INCIDENT_REPORT("POST", "/v1/incidents/{id}/reports", Need.ACT),
    INCIDENT_REPORTS("GET", "/v1/incidents/{id}/reports", Need.READ),

    DISPATCH_GET("GET", "/v1/incidents/{id}/dispatch", Need.READ),
    DISPATCH_PROPOSAL_GET("GET", "/v1/incidents/{id}/dispatch/proposal", Need.READ),
    DISPATCH_PROPOSE("POST", "/v1/incidents/{id}/dispatch/proposal", Need.ACT),
    DISPATCH_CONFIRM("POST", "/v1/incidents/{id}/dispatch/confirm", Need.ACT),
    DISPATCH_RELEASE("POST", "/v1/incidents/{id}/dispatch/release", Need.ACT),
    UNIT_GET("GET", "/v1/units/{id}", Need.READ),

    MUTUAL_AID_REQUEST("POST", "/v1/incidents/{id}/mutual-aid", Need.ACT),
    INCIDENT_MUTUAL_AID("GET", "/v1/incidents/{id}/mutual-aid", Need.READ),
    NODE_MUTUAL_AID("GET", "/v1/nodes/{adcode}/mutual-aid", Need.READ),
    MUTUAL_AID_GET("GET", "/v1/mutual-aid/{requestId}", Need.READ),
    /** The addressed node's officers only: the service checks it. */
    MUTUAL_AID_CANDIDATES("GET", "/v1/mutual-aid/{requestId}/candidates", Need.READ),
    MUTUAL_AID_APPROVE("POST", "/v1/mutual-aid/{requestId}/approve", Need.ACT),
    MUTUAL_AID_DECLINE("POST", "/v1/mutual-aid/{requestId}/decline", Need.ACT),
    MUTUAL_AID_RELEASE("POST", "/v1/mutual-aid/{requestId}/release", Need.ACT),

    NODE_ESCALATIONS("GET", "/v1/nodes/{adcode}/escalations", Need.READ),
    NODE_ESCALATION_ACK("POST", "/v1/nodes/{adcode}/escalations/{incident}/ack", Need.ACT),
    NODE_STREAM("GET", "/v1/nodes/{adcode}/stream", Need.READ),
    NODE_HOURLY("GET", "/v1/nodes/{adcode}/incidents/hourly", Need.READ),

    MAP_LAYER("GET", "/v1/map/{layer}", Need.READ),

    /** ADMIN and COMMANDER only: the route checks the role. */
    AUDIT_QUERY("GET", "/v1/audit", Need.READ);

    /** What the officer's role must allow. */
    public enum Need {
        /** Any valid session, even one whose password must still be changed. */
        SESSION,
        /** Any role; the jurisdiction is checked by the route. */
        READ,
        /** DUTY_OFFICER or COMMANDER; the jurisdiction is checked by the route. */
        ACT,
        /** ADMIN; the target account's jurisdiction is checked by the service. */
        ADMIN
    }

    private final String method;
    private final String path;
    private final Need need;

    OfficerEndpoint(String method, String path, Need need) {
        this.method = method;
        this.path = path;
        this.need = need;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public Need need() {
        return need;
    }

    /** Whether an officer of {@code role} may use this endpoint at all (jurisdiction aside). */
    public boolean allows(Role role) {
        return switch (need) {
            case SESSION, READ -> true;
            case ACT -> role.acts();
            case ADMIN -> role.managesAccounts();
        };
    }
}
