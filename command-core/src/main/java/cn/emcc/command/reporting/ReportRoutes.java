package cn.emcc.command.reporting;

import cn.emcc.command.audit.AuditNote;
import cn.emcc.command.http.EdgeErrors;
import cn.emcc.command.http.Json;
import cn.emcc.command.incident.IncidentCommands;
import cn.emcc.command.incident.IncidentDetails;
import cn.emcc.command.incident.Who;
import cn.emcc.command.officers.Officer;
import cn.emcc.command.officers.OfficerAccess;
import cn.emcc.command.officers.OfficerEndpoint;
import cn.emcc.protocols.v1.ReportKind;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The county files its reports about an incident:
 * {@code POST /v1/incidents/<id>/reports} with {@code {"kind": "INITIAL" | "FOLLOW_UP" | "FINAL", "text": "..."}}
 * by a duty officer or commander of the incident's county ({@link OfficerAccess}); the nodes above read them
 * with {@code GET /v1/incidents/<id>/reports}.
 */
public final class ReportRoutes extends AllDirectives {

    private static final Pattern ID = Pattern.compile("[0-9A-Za-z-]{1,64}");
    private static final int MAX_TEXT = 20_000;

    private final IncidentCommands incidents;
    private final ClusterSharding sharding;
    private final ReportWatcher watcher;
    private final Duration askTimeout;
    private final OfficerAccess access;

    public ReportRoutes(IncidentCommands incidents, ClusterSharding sharding, ReportWatcher watcher,
                        Duration askTimeout, OfficerAccess access) {
        this.incidents = incidents;
        this.sharding = sharding;
        this.watcher = watcher;
        this.askTimeout = askTimeout;
        this.access = access;
    }

    public Route routes() {
        return pathPrefix("v1", () -> pathPrefix("incidents", () -> pathPrefix(id -> path("reports", () -> concat(
                post(() -> access.incident(OfficerEndpoint.INCIDENT_REPORT, id, officer ->
                        AuditNote.noted(note -> known(id, incident -> file(incident, officer, note))))),
                get(() -> access.incident(OfficerEndpoint.INCIDENT_REPORTS, id, officer ->
                        known(id, incident -> list(id)))))))));
    }

    /**
     * {@code inner} with the incident as its entity holds it (not the read side, which may not have
     * caught up with an incident opened or verified a moment ago); 404 when there is no such incident.
     */
    private Route known(String id, Function<IncidentDetails, Route> inner) {
        if (!ID.matcher(id).matches()) {
            return complete(noIncident(id));
        }
        return onComplete(incidents.find(id), found -> {
            if (found.isFailure()) {
                return complete(refusal(found.failed().get()));
            }
            return found.get().map(inner).orElseGet(() -> complete(noIncident(id)));
        });
    }

    private static HttpResponse noIncident(String id) {
        return Json.error(StatusCodes.NOT_FOUND, "id", "no incident '" + id + "'");
    }

    /** The reports filed, oldest first: kind, when, by whom, the text. */
    private Route list(String id) {
        return completeWithFuture(sharding.entityRefFor(ReportDesk.ENTITY_TYPE_KEY, id)
                .<ReportDesk.Filed>ask(ReportDesk.ListReports::new, askTimeout)
                .thenApply(filed -> Json.ok(filed.reports().stream().map(ReportView::of).toList()))
                .exceptionally(ReportRoutes::refusal));
    }

    /** A filed report as officers read it. */
    record ReportView(String kind, String at, String by, String jurisdiction, String text) {
        static ReportView of(ReportDesk.FiledReport r) {
            return new ReportView(r.kind().name().substring("REPORT_KIND_".length()), r.at().toString(),
                    r.by().toString(), r.by().jurisdiction(), r.text());
        }
    }

    private Route file(IncidentDetails incident, Officer officer, AuditNote note) {
        String id = incident.incidentId();
        String county = incident.countyAdcode();
        if (!officer.adcode().equals(county)) {
            return complete(Json.error(StatusCodes.FORBIDDEN, "adcode", "officer of " + officer.adcode()
                    + " cannot file reports of " + id + "; expected a duty officer of its county " + county));
        }
        return withSizeLimit(64 * 1024, () -> entity(Unmarshaller.entityToString(), text -> {
            ReportKind kind;
            String body;
            try {
                JsonNode json = Json.MAPPER.readTree(text);
                String k = json == null ? "" : json.path("kind").asText("");
                kind = ReportKind.valueOf("REPORT_KIND_" + k.toUpperCase());
                if (kind == ReportKind.REPORT_KIND_UNSPECIFIED) {
                    throw new IllegalArgumentException(k);
                }
                body = json.path("text").asText("");
            } catch (Exception e) {
                return complete(Json.error(StatusCodes.BAD_REQUEST, "kind", "a body {\"kind\": INITIAL | FOLLOW_UP | FINAL,"
                        + " \"text\": \"...\"} is required"));
            }
            if (body.isBlank() || body.length() > MAX_TEXT) {
                return complete(Json.error(StatusCodes.BAD_REQUEST, "text", "a report text of 1.." + MAX_TEXT
                        + " characters is required"));
            }
            // The kind and length of the report, not its text: the text is in the report desk's journal.
            note.detail("kind", kind.name().replace("REPORT_KIND_", "")).detail("chars", body.length());
            Who who = officer.who();
            return completeWithFuture(watcher.track(incident)
                    .thenCompose(tracked -> sharding.entityRefFor(ReportDesk.ENTITY_TYPE_KEY, id)
                            .<ReportDesk.NextCheck>askWithStatus(replyTo -> new ReportDesk.FileReport(kind, who, body, replyTo),
                                    askTimeout))
                    .thenApply(next -> {
                        watcher.remember(next);
                        return Json.ok(next);
                    })
                    .exceptionally(ReportRoutes::refusal));
        }));
    }

    private static HttpResponse refusal(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (!EdgeErrors.isRefusal(cause) && !(cause instanceof java.util.concurrent.TimeoutException)) {
            return EdgeErrors.internal(cause);
        }
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return Json.error(StatusCodes.SERVICE_UNAVAILABLE, "", "no answer in time; try again");
        }
        return Json.error(StatusCodes.CONFLICT, "kind", String.valueOf(cause.getMessage()));
    }
}
