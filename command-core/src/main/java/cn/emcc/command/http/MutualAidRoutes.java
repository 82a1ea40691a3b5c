package cn.emcc.command.http;

import cn.emcc.command.incident.Who;
import cn.emcc.command.mutualaid.MutualAidBoard;
import cn.emcc.command.mutualaid.MutualAidRefusal;
import cn.emcc.command.mutualaid.MutualAidService;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

import java.util.ArrayList;
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
 * incident, the addressed command node lists its open requests and approves
 * or declines them, either side releases. Bad input is 400 naming the field,
 * an unknown id 404, the wrong officer 403, a wrong state 409.
 */
public final class MutualAidRoutes extends AllDirectives {

    private static final Pattern ID = Pattern.compile("[0-9A-Za-z-]{1,64}");
    private static final Pattern ADCODE = Pattern.compile("\\d{6}");

    private final MutualAidService aid;
    private final Officers officers = new Officers();

    public MutualAidRoutes(MutualAidService aid) {
        this.aid = aid;
    }

    public Route routes() {
        return pathPrefix("v1", () -> concat(
                pathPrefix("incidents", () -> pathPrefix(id -> path("mutual-aid", () -> post(() ->
                        officer((who, body) -> {
                            checkId("incidentId", id);
                            return aid.request(id, who, new MutualAidService.Ask(
                                    MutualAidService.parseCapability(text(body, "capability")),
                                    text(body, "unitType").toUpperCase(Locale.ROOT), count(body), text(body, "note"),
                                    scope(text(body, "scope"))));
                        }))))),
                pathPrefix("nodes", () -> pathPrefix(adcode -> path("mutual-aid", () -> get(() -> {
                    if (!ADCODE.matcher(adcode).matches()) {
                        return complete(Json.error(StatusCodes.BAD_REQUEST, "adcode",
                                "not an adcode: '" + adcode + "'; expected 6 digits"));
                    }
                    return answer(() -> CompletableFuture.completedFuture(
                            aid.openFor(adcode).stream().map(MutualAidRoutes::listed).toList()));
                })))),
                pathPrefix("mutual-aid", () -> pathPrefix(requestId -> concat(
                        pathEnd(() -> get(() -> answer(() -> {
                            checkId("requestId", requestId);
                            return aid.get(requestId);
                        }))),
                        path("approve", () -> post(() -> officer((who, body) -> {
                            checkId("requestId", requestId);
                            return aid.approve(requestId, who, ids(body, "units"));
                        }))),
                        path("decline", () -> post(() -> officer((who, body) -> {
                            checkId("requestId", requestId);
                            return aid.decline(requestId, who, text(body, "reason"));
                        }))),
                        path("release", () -> post(() -> officer((who, body) -> {
                            checkId("requestId", requestId);
                            return aid.release(requestId, who, text(body, "why"));
                        }))))))));
    }

    private static Map<String, Object> listed(MutualAidBoard.Listed l) {
        var r = l.request();
        return Map.of("requestId", r.requestId(), "incidentId", r.incidentId(), "requestingAdcode",
                r.requestingAdcode(), "providingAdcode", r.providingAdcode(), "capability", r.capability().name(),
                "unitType", l.unitType(), "count", r.count(), "note", l.note(), "state", r.state().name(),
                "committedUnitIds", r.committedUnitIds());
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

    private Route officer(BiFunction<Who, JsonNode, CompletionStage<?>> action) {
        return officers.officer(who -> withSizeLimit(16 * 1024, () -> entity(Unmarshaller.entityToString(), text -> {
            JsonNode body;
            try {
                body = text.isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(text);
            } catch (Exception e) {
                return complete(Json.error(StatusCodes.BAD_REQUEST, "body", "not JSON"));
            }
            if (body == null || !body.isObject()) {
                return complete(Json.error(StatusCodes.BAD_REQUEST, "body", "a JSON object is required"));
            }
            return answer(() -> action.apply(who, body));
        })));
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
