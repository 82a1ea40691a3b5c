package cn.emcc.command.http;

import cn.emcc.command.audit.AuditNote;
import cn.emcc.command.incident.Who;
import cn.emcc.command.officers.OfficerAccess;
import cn.emcc.command.officers.OfficerEndpoint;
import cn.emcc.command.officers.Refusal;
import cn.emcc.command.workflow.DispatchService;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * The dispatch of an incident over HTTP/JSON: the proposal (plan and
 * recommendation with reasons), the officer's confirmation with edits, the
 * release of a unit, the orders and their timeline; and one unit's status.
 * Refusals come back as 409 with the reason, unknown things as 404; incidents
 * and units outside the officer's jurisdiction as 403 ({@link OfficerAccess}).
 */
public final class DispatchRoutes extends AllDirectives {

    private static final Pattern ID = Pattern.compile("[0-9A-Za-z-]{1,64}");
    private static final int MAX_UNITS = 200;

    private final DispatchService dispatch;
    private final OfficerAccess access;

    public DispatchRoutes(DispatchService dispatch, OfficerAccess access) {
        this.dispatch = dispatch;
        this.access = access;
    }

    public Route routes() {
        return pathPrefix("v1", () -> concat(
                pathPrefix("incidents", () -> pathPrefix(id -> pathPrefix("dispatch", () -> incidentDispatch(id)))),
                pathPrefix("units", () -> path(unitId -> get(() -> access.officer(OfficerEndpoint.UNIT_GET, officer ->
                        answer(unitId, () -> dispatch.unitSnapshot(unitId).thenApply(unit -> {
                            if (!access.tree().contains(officer.adcode(), unit.countyAdcode())) {
                                throw new Refusal(403, "id", OfficerAccess.outsideReason(officer,
                                        "unit " + unitId + " of " + unit.countyAdcode()));
                            }
                            return unit;
                        }))))))));
    }

    private Route incidentDispatch(String id) {
        Action release = (who, body, note) -> {
            String unit = body.path("unit").asText("");
            if (!ID.matcher(unit).matches()) {
                throw new BadField("unit", "a unit id is required, was '" + unit + "'");
            }
            String why = body.path("why").asText("");
            if (why.isBlank() || why.length() > 500) {
                throw new BadField("why", "a reason of 1..500 characters is required");
            }
            note.detail("unit", unit);
            return dispatch.release(id, unit, who, why);
        };
        return concat(
                pathEnd(() -> get(() -> access.incident(OfficerEndpoint.DISPATCH_GET, id, officer ->
                        answer(id, () -> dispatch.getOrPropose(id))))),
                path("proposal", () -> concat(
                        get(() -> access.incident(OfficerEndpoint.DISPATCH_PROPOSAL_GET, id, officer -> answer(id, () -> dispatch.getOrPropose(id).thenApply(v -> {
                            if (v.proposal() == null) {
                                throw new CompletionException(new IllegalStateException(
                                        "incident " + id + " has no dispatch proposal yet"));
                            }
                            return v.proposal();
                        })))),
                        post(() -> officer(id, OfficerEndpoint.DISPATCH_PROPOSE, (who, body, note) -> dispatch.propose(id, who))))),
                path("confirm", () -> post(() -> officer(id, OfficerEndpoint.DISPATCH_CONFIRM, (who, body, note) -> {
                    Set<String> drop = ids(body, "drop");
                    Set<String> add = ids(body, "add");
                    note.detail("add", String.join(",", new TreeSet<>(add)));
                    note.detail("drop", String.join(",", new TreeSet<>(drop)));
                    return dispatch.confirm(id, drop, List.copyOf(add), who);
                }))),
                path("release", () -> post(() -> officer(id, OfficerEndpoint.DISPATCH_RELEASE, release))));
    }

    private interface Ask {
        CompletionStage<?> run();
    }

    private Route answer(String id, Ask ask) {
        if (!ID.matcher(id).matches()) {
            return complete(Json.error(StatusCodes.BAD_REQUEST, "id", "not an id: '" + id + "'"));
        }
        return completeWithFuture(ask.run().thenApply(Json::ok).exceptionally(DispatchRoutes::refusal));
    }

    /** An officer's action on the incident's dispatch; it adds its details to the request's audit entry. */
    private interface Action {
        CompletionStage<?> run(Who who, JsonNode body, AuditNote note);
    }

    private Route officer(String id, OfficerEndpoint endpoint, Action action) {
        return access.incident(endpoint, id, officer -> AuditNote.noted(note -> {
            Who who = officer.who();
            return JsonBody.object(16 * 1024, body -> {
                try {
                    return answer(id, () -> action.run(who, body, note));
                } catch (BadField bad) {
                    return complete(Json.error(StatusCodes.BAD_REQUEST, bad.field, bad.getMessage()));
                }
            });
        }));
    }

    private static Set<String> ids(JsonNode body, String field) {
        JsonNode list = body.path(field);
        if (list.isMissingNode() || list.isNull()) {
            return Set.of();
        }
        if (!list.isArray() || list.size() > MAX_UNITS) {
            throw new BadField(field, "a list of at most " + MAX_UNITS + " unit ids is expected");
        }
        Set<String> out = new HashSet<>();
        List<String> bad = new ArrayList<>();
        list.forEach(n -> {
            if (ID.matcher(n.asText()).matches()) {
                out.add(n.asText());
            } else {
                bad.add(n.asText());
            }
        });
        if (!bad.isEmpty()) {
            throw new BadField(field, "not unit ids: " + bad);
        }
        return out;
    }

    private static HttpResponse refusal(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (!EdgeErrors.isRefusal(cause) && !(cause instanceof java.util.concurrent.TimeoutException)) {
            return EdgeErrors.internal(cause);
        }
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof Refusal) {
            return OfficerAccess.refused(cause);
        }
        if (message.contains("does not exist") || message.contains("has no dispatch") || message.startsWith("unknown unit")) {
            return Json.error(StatusCodes.NOT_FOUND, "id", message);
        }
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return Json.error(StatusCodes.SERVICE_UNAVAILABLE, "", "no answer in time; try again");
        }
        return Json.error(StatusCodes.CONFLICT, "", message);
    }

    private static final class BadField extends RuntimeException {
        final String field;

        BadField(String field, String reason) {
            super(reason);
            this.field = field;
        }
    }
}
