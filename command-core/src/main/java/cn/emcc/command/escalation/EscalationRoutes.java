package cn.emcc.command.escalation;

import cn.emcc.command.http.EdgeErrors;
import cn.emcc.command.http.Json;
import cn.emcc.command.http.JsonBody;
import cn.emcc.command.officers.OfficerAccess;
import cn.emcc.command.officers.OfficerEndpoint;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

/**
 * Acknowledging escalation notices: a duty officer of the node over HTTP
 * ({@code POST /v1/nodes/<adcode>/escalations/<incident>/ack}, body
 * {@code {"revision": n}}: anything else is 400 on {@code revision} and changes
 * nothing), or the node's system with an AcknowledgeEscalation in a frame of
 * its stream ({@link StreamAcknowledgements}). {@code GET
 * /v1/nodes/<adcode>/escalations} lists the node's notices.
 */
public final class EscalationRoutes extends AllDirectives {

    private static final Pattern ID = Pattern.compile("[0-9A-Za-z-]{1,64}");

    private final EscalationCommands commands;
    private final JurisdictionTree tree;
    private final OfficerAccess access;

    public EscalationRoutes(EscalationCommands commands, JurisdictionTree tree, OfficerAccess access) {
        this.commands = commands;
        this.tree = tree;
        this.access = access;
    }

    public Route routes() {
        return pathPrefix("v1", () -> pathPrefix("nodes", () -> pathPrefix(node -> pathPrefix("escalations", () -> {
            if (tree.get(node).isEmpty()) {
                return complete(Json.error(StatusCodes.NOT_FOUND, "adcode", "no command node '" + node + "'"));
            }
            return concat(
                    pathEndOrSingleSlash(() -> get(() -> access.officer(OfficerEndpoint.NODE_ESCALATIONS, officer ->
                            access.inside(officer, node, "adcode", () ->
                                    completeWithFuture(commands.notices(node).thenApply(Json::ok)))))),
                    pathPrefix(incident -> path("ack", () -> post(() -> acknowledge(node, incident)))));
        }))));
    }

    private Route acknowledge(String node, String incident) {
        return access.officer(OfficerEndpoint.NODE_ESCALATION_ACK, officer -> {
            if (!officer.adcode().equals(node)) {
                return complete(Json.error(StatusCodes.FORBIDDEN, "adcode", "officer of " + officer.adcode()
                        + " cannot acknowledge for node " + node + "; expected a duty officer of " + node));
            }
            if (!ID.matcher(incident).matches()) {
                return complete(Json.error(StatusCodes.BAD_REQUEST, "incident", "not an incident id: '" + incident + "'"));
            }
            return JsonBody.object(4 * 1024, body -> {
                String problem = revisionProblem(body);
                if (problem != null) {
                    return complete(Json.error(StatusCodes.BAD_REQUEST, "revision", problem));
                }
                return completeWithFuture(commands.acknowledge(node, incident, body.get("revision").intValue(),
                                officer.who())
                        .thenApply(Json::ok).exceptionally(EscalationRoutes::refusal));
            });
        });
    }

    /**
     * Why {@code body} is not {@code {"revision": n}} with n a whole number of
     * 1 or more (the revision of the notice the officer saw), or null when it is.
     */
    private static String revisionProblem(JsonNode body) {
        List<String> others = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("revision")) {
                others.add(name);
            }
        });
        JsonNode revision = body.get("revision");
        String expected = "expected {\"revision\": n}, n the revision of the notice acknowledged (1 or more)";
        if (revision == null || revision.isNull()) {
            return "required: " + expected + (others.isEmpty() ? "" : "; unknown field(s) " + others);
        }
        if (!others.isEmpty()) {
            return "unknown field(s) " + others + " next to revision; " + expected;
        }
        if (!revision.isIntegralNumber() || !revision.canConvertToInt() || revision.intValue() < 1) {
            return "'" + revision + "' is not a revision; " + expected;
        }
        return null;
    }

    private static HttpResponse refusal(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (!EdgeErrors.isRefusal(cause) && !(cause instanceof java.util.concurrent.TimeoutException)) {
            return EdgeErrors.internal(cause);
        }
        String message = String.valueOf(cause.getMessage());
        if (message.contains("does not exist")) {
            return Json.error(StatusCodes.NOT_FOUND, "incident", message);
        }
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return Json.error(StatusCodes.SERVICE_UNAVAILABLE, "", "no answer in time; try again");
        }
        return Json.error(StatusCodes.CONFLICT, "revision", message);
    }
}
