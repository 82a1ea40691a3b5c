package cn.emcc.command.officers;

import cn.emcc.command.audit.AuditNote;
import cn.emcc.command.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Account management for admins, within the admin's jurisdiction:
 * {@code GET /v1/officers} lists, {@code POST /v1/officers} creates
 * ({@code {"username","display_name","role","adcode"}}), and
 * {@code POST /v1/officers/<username>/disable | enable | reset-password}.
 * Creating and resetting answer a one-time password that must be changed at
 * the first login.
 */
public final class OfficerAdminRoutes extends AllDirectives {

    private final OfficerService officers;
    private final OfficerAccess access;

    public OfficerAdminRoutes(OfficerService officers, OfficerAccess access) {
        this.officers = officers;
        this.access = access;
    }

    public Route routes() {
        return pathPrefix("v1", () -> pathPrefix("officers", () -> concat(
                pathEndOrSingleSlash(() -> concat(
                        get(() -> access.officer(OfficerEndpoint.OFFICERS_LIST, this::list)),
                        post(() -> access.officer(OfficerEndpoint.OFFICERS_CREATE, this::create)))),
                pathPrefix(username -> concat(
                        path("disable", () -> post(() -> access.officer(OfficerEndpoint.OFFICER_DISABLE, admin ->
                                answer(() -> officers.setDisabled(admin, username, true).thenApply(this::account))))),
                        path("enable", () -> post(() -> access.officer(OfficerEndpoint.OFFICER_ENABLE, admin ->
                                answer(() -> officers.setDisabled(admin, username, false).thenApply(this::account))))),
                        path("reset-password", () -> post(() -> access.officer(OfficerEndpoint.OFFICER_RESET_PASSWORD,
                                admin -> answer(() -> officers.resetPassword(admin, username)
                                        .thenApply(reset -> withPassword(StatusCodes.OK, reset)))))))))));
    }

    private Route list(Officer admin) {
        return answer(() -> officers.list(admin).thenApply(list -> Json.ok(list.stream()
                .map(a -> OfficerService.view(a, access.tree())).toList())));
    }

    /** Audited with the new username as the target and its role and jurisdiction as details. */
    private Route create(Officer admin) {
        return AuditNote.noted(note -> withSizeLimit(4 * 1024, () -> entity(Unmarshaller.entityToString(), text -> answer(() -> {
            JsonNode body = body(text);
            noteNewAccount(note, body);
            return officers.create(admin, field(body, "username"), field(body, "display_name"),
                            field(body, "role"), field(body, "adcode"))
                    .thenApply(created -> withPassword(StatusCodes.CREATED, created));
        }))));
    }

    private static void noteNewAccount(AuditNote note, JsonNode body) {
        String username = field(body, "username");
        if (username != null) {
            note.target(OfficerService.isUsername(username) ? username : "invalid");
        }
        String role = field(body, "role");
        if (role != null) {
            note.detail("role", role.matches("[A-Z_]{1,32}") ? role : "invalid");
        }
        String adcode = field(body, "adcode");
        if (adcode != null) {
            note.detail("adcode", adcode.matches("[0-9]{6}") ? adcode : "invalid");
        }
    }

    private HttpResponse account(Account a) {
        return Json.ok(OfficerService.view(a, access.tree()));
    }

    private HttpResponse withPassword(org.apache.pekko.http.javadsl.model.StatusCode status,
                                      OfficerService.WithPassword w) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("officer", OfficerService.view(w.account(), access.tree()));
        body.put("one_time_password", w.oneTimePassword());
        return Json.response(status, body);
    }

    private static JsonNode body(String text) {
        try {
            JsonNode body = Json.MAPPER.readTree(text);
            if (body != null && body.isObject()) {
                return body;
            }
        } catch (Exception e) {
            // answered below
        }
        throw new Refusal(400, "body", "a JSON object {\"username\",\"display_name\",\"role\",\"adcode\"} is required");
    }

    private static String field(JsonNode body, String name) {
        JsonNode v = body.get(name);
        return v == null || !v.isTextual() ? null : v.asText();
    }

    private Route answer(Supplier<CompletionStage<HttpResponse>> call) {
        try {
            return completeWithFuture(call.get().exceptionally(OfficerAccess::refused));
        } catch (Refusal r) {
            return complete(OfficerAccess.refused(r));
        }
    }
}
