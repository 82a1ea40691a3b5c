package cn.emcc.command.http;

import cn.emcc.command.audit.AuditNote;
import cn.emcc.command.incident.Who;
import cn.emcc.command.mutualaid.MutualAidBoard;
import cn.emcc.command.mutualaid.MutualAidRefusal;
import cn.emcc.command.mutualaid.MutualAidService;
import cn.emcc.command.mutualaid.MutualAidView;
import cn.emcc.command.officers.Officer;
import cn.emcc.command.officers.OfficerAccess;
import cn.emcc.command.officers.OfficerEndpoint;
import cn.emcc.map.jurisdiction.Jurisdiction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Mutual aid over HTTP/JSON: a county's duty officer requests it for an
 * incident and lists the incident's requests, the addressed command node
 * lists its open requests, sees the units it could send and approves (those
 * it picks, or the recommended ones) or declines them, either side releases.
 * Bad input is 400 naming the field, an unknown id 404, the wrong officer
 * 403, a wrong state 409. A request is visible to officers whose
 * jurisdiction holds its requesting or its providing node; the service
 * decides which of them may act.
 */
public final class MutualAidRoutes extends AllDirectives {

    private static final Pattern ID = Pattern.compile("[0-9A-Za-z-]{1,64}");
    private static final Pattern ADCODE = Pattern.compile("\\d{6}");

    private final MutualAidService aid;
    private final OfficerAccess access;

    public MutualAidRoutes(MutualAidService aid, OfficerAccess access) {
        this.aid = aid;
        this.access = access;
    }

    public Route routes() {
        return pathPrefix("v1", () -> concat(
                pathPrefix("incidents", () -> pathPrefix(id -> path("mutual-aid", () -> concat(
                        get(() -> access.incident(OfficerEndpoint.INCIDENT_MUTUAL_AID, id, officer -> {
                            if (!ID.matcher(id).matches()) {
                                return complete(Json.error(StatusCodes.NOT_FOUND, "id", "no incident '" + id + "'"));
                            }
                            return answer(() -> aid.forIncident(id).thenApply(views ->
                                    views.stream().map(this::ofIncident).toList()));
                        })),
                        post(() -> AuditNote.noted(note ->
                        access.incident(OfficerEndpoint.MUTUAL_AID_REQUEST, id, officer -> body(officer, (who, body) -> {
                            checkId("incidentId", id);
                            MutualAidService.Ask ask = new MutualAidService.Ask(
                                    MutualAidService.parseCapability(text(body, "capability")),
                                    text(body, "unitType").toUpperCase(Locale.ROOT), count(body), text(body, "note"),
                                    scope(text(body, "scope")));
                            if (ask.capability() != null) {
                                note.detail("capability", ask.capability().name());
                            }
                            // As asked, before the service checks it: only a word is recorded.
                            note.detail("unitType", ask.unitType().isEmpty() ? "-"
                                    : ask.unitType().matches("[A-Z0-9_]{1,32}") ? ask.unitType() : "invalid")
                                    .detail("count", ask.count()).detail("scope", ask.scope().name());
                            return aid.request(id, who, ask);
                        })))))))),
                pathPrefix("nodes", () -> pathPrefix(adcode -> path("mutual-aid", () -> get(() ->
                        access.officer(OfficerEndpoint.NODE_MUTUAL_AID, officer -> {
                            if (!ADCODE.matcher(adcode).matches()) {
                                return complete(Json.error(StatusCodes.BAD_REQUEST, "adcode",
                                        "not an adcode: '" + adcode + "'; expected 6 digits"));
                            }
                            return access.inside(officer, adcode, "adcode", () -> answer(() ->
                                    CompletableFuture.completedFuture(
                                            aid.openFor(adcode).stream().map(MutualAidRoutes::listed).toList())));
                        }))))),
                pathPrefix("mutual-aid", () -> pathPrefix(requestId -> concat(
                        pathEnd(() -> get(() -> visible(OfficerEndpoint.MUTUAL_AID_GET, requestId,
                                (officer, view) -> complete(Json.ok(view))))),
                        path("candidates", () -> get(() -> visible(OfficerEndpoint.MUTUAL_AID_CANDIDATES, requestId,
                                (officer, view) -> answer(() -> aid.candidates(requestId, officer.who())
                                        .thenApply(offer -> Map.of("requestId", requestId, "count", view.count(),
                                                "units", offer.units(), "alternates", offer.alternates())))))),
                        path("approve", () -> post(() -> AuditNote.noted(note -> visible(OfficerEndpoint.MUTUAL_AID_APPROVE,
                                requestId, (officer, view) -> body(officer, (who, body) -> {
                                    var units = ids(body, "units");
                                    note.detail("units", String.join(",", new java.util.TreeSet<>(units)));
                                    return aid.approve(requestId, who, units);
                                }))))),
                        path("decline", () -> post(() -> visible(OfficerEndpoint.MUTUAL_AID_DECLINE, requestId,
                                (officer, view) -> body(officer, (who, body) ->
                                        aid.decline(requestId, who, text(body, "reason")))))),
                        path("release", () -> post(() -> visible(OfficerEndpoint.MUTUAL_AID_RELEASE, requestId,
                                (officer, view) -> body(officer, (who, body) ->
                                        aid.release(requestId, who, text(body, "why")))))))))));
    }

    /**
     * {@code inner} with the request when the officer may use {@code endpoint} and
     * the request's requesting or providing node is inside their jurisdiction;
     * 400 for a malformed id, 404 for an unknown one, 403 for one outside.
     */
    private Route visible(OfficerEndpoint endpoint, String requestId, BiFunction<Officer, MutualAidView, Route> inner) {
        return access.officer(endpoint, officer -> {
            if (!ID.matcher(requestId).matches()) {
                return complete(Json.error(StatusCodes.BAD_REQUEST, "requestId", "not an id: '" + requestId + "'"));
            }
            return onComplete(aid.get(requestId), found -> {
                if (found.isFailure()) {
                    return complete(refusal(found.failed().get()));
                }
                MutualAidView view = found.get();
                if (access.tree().contains(officer.adcode(), view.requestingAdcode())
                        || access.tree().contains(officer.adcode(), view.providingAdcode())) {
                    return inner.apply(officer, view);
                }
                return complete(Json.error(StatusCodes.FORBIDDEN, "requestId", OfficerAccess.outsideReason(officer,
                        "mutual aid " + requestId + " between " + view.requestingAdcode() + " and "
                                + view.providingAdcode())));
            });
        });
    }

    /**
     * A request in the incident's list: as {@code GET /v1/mutual-aid/{id}} has it, with the addressed node's
     * name for the requesting county's console (whose map knows only its own county), without the request's
     * own timeline (its steps are on the incident's).
     */
    private ObjectNode ofIncident(MutualAidView view) {
        ObjectNode node = Json.MAPPER.valueToTree(view);
        node.remove("timeline");
        node.put("providingName", access.tree().get(view.providingAdcode()).map(Jurisdiction::name)
                .orElse(view.providingAdcode()));
        return node;
    }

    private static Map<String, Object> listed(MutualAidBoard.Listed l) {
        var r = l.request();
        Map<String, Object> listed = new LinkedHashMap<>();
        listed.put("requestId", r.requestId());
        listed.put("incidentId", r.incidentId());
        listed.put("requestingAdcode", r.requestingAdcode());
        listed.put("providingAdcode", r.providingAdcode());
        listed.put("capability", r.capability().name());
        listed.put("unitType", l.unitType());
        listed.put("count", r.count());
        listed.put("note", l.note());
        listed.put("notePhrase", l.notePhrase()); // null for an officer's note, as in the request itself
        listed.put("state", r.state().name());
        listed.put("committedUnitIds", r.committedUnitIds());
        return listed;
    }

    private interface Ask {
        CompletionStage<?> run();
    }

    private Route answer(Ask ask) {
        CompletionStage<?> stage;
        try {
            stage = ask.run();
        } catch (RuntimeException e) {
            return complete(refusal(e));
        }
        return completeWithFuture(stage.thenApply(Json::ok).exceptionally(MutualAidRoutes::refusal));
    }

    private Route body(Officer officer, BiFunction<Who, JsonNode, CompletionStage<?>> action) {
        Who who = officer.who();
        return JsonBody.object(16 * 1024, body -> answer(() -> action.apply(who, body)));
    }

    private static void checkId(String field, String id) {
        if (!ID.matcher(id).matches()) {
            throw new MutualAidRefusal(MutualAidRefusal.Kind.BAD_INPUT, field, "not an id: '" + id + "'");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return "";
        }
        if (!n.isTextual()) {
            throw new MutualAidRefusal(MutualAidRefusal.Kind.BAD_INPUT, field, field + " must be a string, was " + n);
        }
        return n.asText();
    }

    private static int count(JsonNode body) {
        JsonNode n = body.path("count");
        if (!n.isInt()) {
            throw new MutualAidRefusal(MutualAidRefusal.Kind.BAD_INPUT, "count",
                    "count is required: a whole number of units, 1.." + MutualAidService.MAX_COUNT
                            + (n.isMissingNode() ? "" : "; was " + n));
        }
        return n.asInt();
    }

    private static MutualAidService.Scope scope(String text) {
        if (text.isEmpty()) {
            return MutualAidService.Scope.CITY;
        }
        try {
            return MutualAidService.Scope.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MutualAidRefusal(MutualAidRefusal.Kind.BAD_INPUT, "scope",
                    "scope '" + text + "'; expected city (the incident's city node) or province");
        }
    }

    private static List<String> ids(JsonNode body, String field) {
        JsonNode list = body.path(field);
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray() || list.size() > MutualAidService.MAX_COUNT) {
            throw new MutualAidRefusal(MutualAidRefusal.Kind.BAD_INPUT, field,
                    "a list of at most " + MutualAidService.MAX_COUNT + " unit ids is expected");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : list) {
            if (!n.isTextual() || !ID.matcher(n.asText()).matches()) {
                throw new MutualAidRefusal(MutualAidRefusal.Kind.BAD_INPUT, field, "not a unit id: " + n);
            }
            out.add(n.asText());
        }
        return out;
    }

    private static HttpResponse refusal(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof MutualAidRefusal r) {
            StatusCode status = switch (r.kind()) {
                case BAD_INPUT -> StatusCodes.BAD_REQUEST;
                case NOT_FOUND -> StatusCodes.NOT_FOUND;
                case NOT_PERMITTED -> StatusCodes.FORBIDDEN;
                case CONFLICT -> StatusCodes.CONFLICT;
            };
            return Json.error(status, r.field(), r.getMessage());
        }
        if (!EdgeErrors.isRefusal(cause) && !(cause instanceof java.util.concurrent.TimeoutException)) {
            return EdgeErrors.internal(cause);
        }
        String message = String.valueOf(cause.getMessage());
        if (message.contains("does not exist") || message.startsWith("unknown unit")) {
            return Json.error(StatusCodes.NOT_FOUND, "id", message);
        }
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return Json.error(StatusCodes.SERVICE_UNAVAILABLE, "", "no answer in time; try again");
        }
        return Json.error(StatusCodes.CONFLICT, "", message);
    }
}
