package cn.emcc.command.http;

import cn.emcc.command.audit.AuditNote;
import cn.emcc.command.incident.IncidentActor;
import cn.emcc.command.incident.IncidentCommands;
import cn.emcc.command.incident.IncidentDetails;
import cn.emcc.command.incident.IncidentNotes;
import cn.emcc.command.officers.Officer;
import cn.emcc.command.officers.OfficerAccess;
import cn.emcc.command.officers.OfficerEndpoint;
import cn.emcc.command.officers.Refusal;
import cn.emcc.command.readside.IncidentBoard;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.IncidentStatus;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Incidents over HTTP/JSON: the open incidents of a jurisdiction's subtree,
 * one incident with its timeline, and the officer's actions on it (status,
 * grade override, merge, split, notes). Refusals come back as 409 with the reason.
 * Every request is an officer's ({@link OfficerAccess}): lists are filtered to
 * the officer's jurisdiction, other incidents are refused with 403.
 */
public final class IncidentRoutes extends AllDirectives {

    private static final Pattern ID = Pattern.compile("[0-9A-Za-z-]{1,64}");
    private static final int MAX_REASON = 500;

    private final IncidentBoard board;
    private final IncidentCommands commands;
    private final JurisdictionTree tree;
    private final OfficerAccess access;

    public IncidentRoutes(IncidentBoard board, IncidentCommands commands, JurisdictionTree tree, OfficerAccess access) {
        this.board = board;
        this.commands = commands;
        this.tree = tree;
        this.access = access;
    }

    public Route routes() {
        return pathPrefix("v1", () -> pathPrefix("incidents", () -> concat(
                pathEndOrSingleSlash(() -> get(() -> access.officer(OfficerEndpoint.INCIDENTS_LIST, officer ->
                        parameterOptional("within", within -> {
                    String root = within.orElse(officer.adcode());
                    if (tree.get(root).isEmpty()) {
                        return complete(Json.error(StatusCodes.BAD_REQUEST, "within", "unknown jurisdiction '" + root + "'"));
                    }
                    if (!tree.contains(root, officer.adcode())) {
                        // Asking for a wider area than one's own is fine: the answer is cut to one's own.
                        return access.inside(officer, root, "within", () -> complete(Json.ok(
                                board.open(county -> tree.contains(root, county)))));
                    }
                    return complete(Json.ok(board.open(county -> tree.contains(officer.adcode(), county))));
                })))),
                pathPrefix(segment -> concat(
                        pathEnd(() -> get(() -> access.incident(OfficerEndpoint.INCIDENT_GET, segment,
                                officer -> answer(segment, commands::get)))),
                        path("status", () -> post(() -> AuditNote.noted(note -> officerAction(segment, OfficerEndpoint.INCIDENT_STATUS, (who, body) -> {
                            IncidentStatus to = enumField(body, "to", "INCIDENT_STATUS_", IncidentStatus.class);
                            note.detail("to", to.name().replace("INCIDENT_STATUS_", ""));
                            return commands.changeStatus(segment, to, who.who(), reason(body));
                        })))),
                        path("grade", () -> post(() -> AuditNote.noted(note -> officerAction(segment, OfficerEndpoint.INCIDENT_GRADE, (who, body) -> {
                            Grade grade = enumField(body, "grade", "GRADE_", Grade.class);
                            note.detail("grade", grade.name().replace("GRADE_", ""));
                            return commands.overrideGrade(segment, grade, who.who(), reason(body));
                        })))),
                        pathPrefix("grade-override", () -> path("lift", () -> post(() -> officerAction(segment,
                                OfficerEndpoint.INCIDENT_GRADE_LIFT, (who, body) -> commands.liftGradeOverride(segment, who.who(), reason(body)))))),
                        path("merge", () -> post(() -> AuditNote.noted(note -> officerAction(segment, OfficerEndpoint.INCIDENT_MERGE, (who, body) -> {
                            String into = idField(body, "into");
                            note.detail("into", into);
                            String why = reason(body);
                            return access.requireIncidentInside(who, into, "into")
                                    .thenCompose(inside -> commands.merge(segment, into, who.who(), why));
                        })))),
                        path("split", () -> post(() -> AuditNote.noted(note -> officerAction(segment, OfficerEndpoint.INCIDENT_SPLIT, (who, body) -> {
                            Set<String> reports = new HashSet<>();
                            JsonNode list = body.path("reports");
                            if (!list.isArray() || list.isEmpty() || list.size() > 100) {
                                throw new BadField("reports", "a list of 1..100 report message ids is required");
                            }
                            list.forEach(n -> reports.add(n.asText()));
                            note.detail("reports", reports.size());
                            return commands.split(segment, reports, who.who(), reason(body), List.of());
                        })))),
                        path("notes", () -> post(() -> AuditNote.noted(note -> officerAction(segment, OfficerEndpoint.INCIDENT_NOTE,
                                (who, body) -> {
                                    // The note's length, not its text: the text is in the incident's own journal.
                                    String text = noteText(body);
                                    note.detail("chars", text.length());
                                    return commands.addNote(segment, who.who(), text);
                                }))))
                )))));
    }

    private Route answer(String id, Function<String, CompletionStage<IncidentDetails>> ask) {
        if (!ID.matcher(id).matches()) {
            return complete(Json.error(StatusCodes.BAD_REQUEST, "id", "not an incident id: '" + id + "'"));
        }
        return completeWithFuture(ask.apply(id).thenApply(Json::ok).exceptionally(IncidentRoutes::refusal));
    }

    private interface Action {
        CompletionStage<IncidentDetails> run(Officer who, JsonNode body);
    }

    private Route officerAction(String id, OfficerEndpoint endpoint, Action action) {
        return access.incident(endpoint, id, who -> {
            return withSizeLimit(16 * 1024, () -> entity(Unmarshaller.entityToString(), text -> {
                JsonNode body;
                try {
                    body = Json.MAPPER.readTree(text);
                } catch (Exception e) {
                    return complete(Json.error(StatusCodes.BAD_REQUEST, "body", Json.notJson(e)));
                }
                if (body == null || !body.isObject()) {
                    return complete(Json.error(StatusCodes.BAD_REQUEST, "body", "a JSON object is required"));
                }
                try {
                    return answer(id, ignored -> action.run(who, body));
                } catch (BadField bad) {
                    return complete(Json.error(StatusCodes.BAD_REQUEST, bad.field, bad.getMessage()));
                }
            }));
        });
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
        if (IncidentActor.isNotFound(cause)) {
            return Json.error(StatusCodes.NOT_FOUND, "id", message);
        }
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return Json.error(StatusCodes.SERVICE_UNAVAILABLE, "", "no answer in time; try again");
        }
        return Json.error(StatusCodes.CONFLICT, "", message);
    }

    /** A request field that is missing or wrong. */
    private static final class BadField extends RuntimeException {
        final String field;

        BadField(String field, String reason) {
            super(reason);
            this.field = field;
        }
    }

    private static String reason(JsonNode body) {
        String why = body.path("why").asText("");
        if (why.isBlank() || why.length() > MAX_REASON) {
            throw new BadField("why", "a reason of 1.." + MAX_REASON + " characters is required");
        }
        return why;
    }

    private static String noteText(JsonNode body) {
        JsonNode n = body.path("text");
        if (!n.isTextual()) {
            throw new BadField("text", "text is required: a string of 1.." + IncidentNotes.MAX_LENGTH
                    + " characters" + (n.isMissingNode() ? "" : ", was " + n.getNodeType().name().toLowerCase()));
        }
        String text = n.asText().strip();
        IncidentNotes.problem(text).ifPresent(problem -> {
            throw new BadField("text", problem);
        });
        return text;
    }

    private static String idField(JsonNode body, String field) {
        String v = body.path(field).asText("");
        if (!ID.matcher(v).matches()) {
            throw new BadField(field, "an incident id is required, was '" + v + "'");
        }
        return v;
    }

    private static <E extends Enum<E>> E enumField(JsonNode body, String field, String prefix, Class<E> type) {
        String v = body.path(field).asText("");
        try {
            E e = Enum.valueOf(type, prefix + v.toUpperCase());
            if (e.name().endsWith("UNSPECIFIED") || e.name().equals("UNRECOGNIZED")) {
                throw new IllegalArgumentException();
            }
            return e;
        } catch (IllegalArgumentException ex) {
            throw new BadField(field, "'" + v + "' is not one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).filter(n -> n.startsWith(prefix) && !n.endsWith("UNSPECIFIED"))
                    .map(n -> n.substring(prefix.length())).toList());
        }
    }
}
