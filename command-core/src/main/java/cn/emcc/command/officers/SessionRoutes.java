package cn.emcc.command.officers;

import cn.emcc.command.audit.AuditActor;
import cn.emcc.command.audit.AuditNote;
import cn.emcc.command.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.RemoteAddress;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Officer sessions over HTTP/JSON: {@code POST /v1/session} logs in,
 * {@code GET} answers who the token is, {@code DELETE} logs out, and
 * {@code POST /v1/session/password} changes the password (and answers a new
 * session, the old ones having ended).
 */
public final class SessionRoutes extends AllDirectives {

    private final OfficerService officers;
    private final OfficerAccess access;

    public SessionRoutes(OfficerService officers, OfficerAccess access) {
        this.officers = officers;
        this.access = access;
    }

    public Route routes() {
        return pathPrefix("v1", () -> pathPrefix("session", () -> concat(
                pathEnd(() -> concat(
                        post(this::login),
                        get(() -> access.officer(OfficerEndpoint.SESSION_GET, officer ->
                                complete(Json.ok(officer.json())))),
                        delete(() -> access.officer(OfficerEndpoint.SESSION_DELETE, officer -> AuditNote.noted(note -> {
                            note.target(officer.username());
                            return completeWithFuture(officers.logout(officer).thenApply(done ->
                                    HttpResponse.create().withStatus(StatusCodes.NO_CONTENT))
                                    .exceptionally(OfficerAccess::refused));
                        }))))),
                path("password", () -> post(() -> access.officer(OfficerEndpoint.SESSION_PASSWORD, officer ->
                        AuditNote.noted(note -> json(body -> {
                            note.target(officer.username());
                            return answer(() -> officers.changePassword(officer,
                                    text(body, "current_password"), text(body, "new_password"))
                                    .thenApply(SessionRoutes::granted));
                        }))))))));
    }

    /**
     * The login, audited with the username tried as the target (never the password): on success
     * the officer is the actor; on a refusal nobody is, and the entry carries why
     * ({@link LoginRefusal.Reason}) and the jurisdiction of the account tried when it exists.
     */
    private Route login() {
        return extractRequest(request -> {
            // The socket's peer, never a client-supplied X-Forwarded-For: the back-off must not be dodged by a header.
            String address = request.getAttribute(AttributeKeys.remoteAddress)
                    .flatMap(RemoteAddress::getAddress).map(java.net.InetAddress::getHostAddress).orElse("unknown");
            AuditNote note = AuditNote.of(request);
            return json(body -> {
                String username = text(body, "username");
                note.target(username == null ? "" : OfficerService.isUsername(username) ? username : "invalid");
                return answer(() -> officers.login(username, text(body, "password"), address)
                        .whenComplete((granted, failure) -> noteLogin(note, granted, failure))
                        .thenApply(SessionRoutes::granted));
            });
        });
    }

    private static void noteLogin(AuditNote note, OfficerService.Granted granted, Throwable failure) {
        if (granted != null) {
            Officer o = granted.officer();
            note.actor(AuditActor.officer(o.username(), o.role().name(), o.adcode())).result("SUCCESS");
        } else if (OfficerService.unwrap(failure) instanceof LoginRefusal refused) {
            note.actor(AuditActor.anonymous(refused.accountAdcode())).result(refused.reason().name());
        }
    }

    private static HttpResponse granted(OfficerService.Granted g) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", g.session().token());
        body.put("expires_at", g.session().expiresAt().toString());
        body.put("officer", g.officer().json());
        return Json.ok(body);
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }

    private Route json(Function<JsonNode, Route> inner) {
        return withSizeLimit(4 * 1024, () -> entity(Unmarshaller.entityToString(), text -> {
            JsonNode body;
            try {
                body = Json.MAPPER.readTree(text);
            } catch (Exception e) {
                body = null;
            }
            if (body == null || !body.isObject()) {
                return complete(Json.error(StatusCodes.BAD_REQUEST, "body", "a JSON object is required"));
            }
            return inner.apply(body);
        }));
    }

    private Route answer(Supplier<CompletionStage<HttpResponse>> call) {
        try {
            return completeWithFuture(call.get().exceptionally(OfficerAccess::refused));
        } catch (Refusal r) {
            return complete(OfficerAccess.refused(r));
        }
    }
}
