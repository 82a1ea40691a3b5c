package cn.emcc.command.escalation;

import cn.emcc.command.http.EdgeErrors;
import cn.emcc.command.http.Json;
import cn.emcc.command.incident.Who;
import cn.emcc.command.nodes.NodeStreamRoutes.NodeRequest;
import cn.emcc.command.officers.OfficerAccess;
import cn.emcc.command.officers.OfficerEndpoint;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import cn.emcc.protocols.v1.AcknowledgeEscalation;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Acknowledging escalation notices: a duty officer of the node over HTTP
 * ({@code POST /v1/nodes/<adcode>/escalations/<incident>/ack}, optional body
 * {@code {"revision": n}}), or the node's system with an AcknowledgeEscalation
 * in a frame of its stream ({@link #streamRequests}). {@code GET
 * /v1/nodes/<adcode>/escalations} lists the node's notices.
 */
public final class EscalationRoutes extends AllDirectives {

    private static final Logger log = LoggerFactory.getLogger(EscalationRoutes.class);
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
            return withSizeLimit(4 * 1024, () -> entity(Unmarshaller.entityToString(), text -> {
                int revision;
                try {
                    JsonNode body = text.isBlank() ? null : Json.MAPPER.readTree(text);
                    revision = body == null ? 0 : body.path("revision").asInt(0);
                } catch (Exception e) {
                    return complete(Json.error(StatusCodes.BAD_REQUEST, "body", "not JSON; expected {\"revision\": n} or nothing"));
                }
                return completeWithFuture(commands.acknowledge(node, incident, revision, officer.who())
                        .thenApply(Json::ok).exceptionally(EscalationRoutes::refusal));
            }));
        });
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

    /**
     * Frames a node's system sends on its stream after the first: an
     * AcknowledgeEscalation is recorded as acknowledged by the stream's officer
     * (the field {@code by} is not trusted), when that officer may act for the
     * node; the result shows on the stream (the notice with {@code acknowledged}).
     */
    public Consumer<NodeRequest> streamRequests() {
        return request -> {
            if (!request.request().hasAcknowledge()) {
                return;
            }
            AcknowledgeEscalation ack = request.request().getAcknowledge();
            if (!request.officer().role().acts() || !request.officer().adcode().equals(request.nodeAdcode())) {
                log.info("acknowledgement of {} at node {} by {} ({} of {}) refused: a duty officer of the node is"
                        + " required", ack.getIncidentId(), request.nodeAdcode(), request.officer().username(),
                        request.officer().role(), request.officer().adcode());
                return;
            }
            Who by = request.officer().who();
            commands.acknowledge(request.nodeAdcode(), ack.getIncidentId(), ack.getRevision(), by)
                    .whenComplete((notice, failure) -> {
                        if (failure != null) {
                            log.info("acknowledgement of {} at node {} refused: {}", ack.getIncidentId(),
                                    request.nodeAdcode(), failure.getMessage());
                        }
                    });
        };
    }
}
