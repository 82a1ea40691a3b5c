package cn.emcc.command.officers;

import cn.emcc.command.audit.AuditActor;
import cn.emcc.command.http.Json;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import org.apache.pekko.http.javadsl.model.AttributeKey;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The one directive every officer route goes through: it resolves the bearer
 * token to the {@link Officer} (401 without a good session), checks that the
 * officer's role allows the {@link OfficerEndpoint} (403), and offers the
 * jurisdiction checks the routes need (inside the officer's subtree, or 403
 * with the reason).
 */
public final class OfficerAccess extends AllDirectives {

    private static final Logger log = LoggerFactory.getLogger(OfficerAccess.class);
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z-]{1,64}");
    private static final AttributeKey<Checked> CHECKED = AttributeKey.create("emcc-officer-checked", Checked.class);

    /** Resolves a bearer token (null: none) to its officer, or fails with a {@link Refusal}. */
    public interface Authenticator {
        CompletionStage<Officer> authenticate(String token);
    }

    /** Where an incident is: its county, or empty when there is no such incident. */
    public interface IncidentCounties {
        CompletionStage<Optional<String>> countyOf(String incidentId);
    }

    /** Set on a request once it went through {@link #officer}, with the officer it resolved to. */
    private static final class Checked {
        volatile boolean done;
        volatile Officer officer;
    }

    private final Authenticator officers;
    private final JurisdictionTree tree;
    private final IncidentCounties incidents;

    /** @param officers usually {@link OfficerService#authenticate} */
    public OfficerAccess(Authenticator officers, JurisdictionTree tree, IncidentCounties incidents) {
        this.officers = officers;
        this.tree = tree;
        this.incidents = incidents;
    }

    public JurisdictionTree tree() {
        return tree;
    }

    /** Serves {@code inner} to the officer of the request's token when the officer's role allows {@code endpoint}. */
    public Route officer(OfficerEndpoint endpoint, Function<Officer, Route> inner) {
        return extractRequest(request -> {
            request.getAttribute(CHECKED).ifPresent(c -> c.done = true);
            Optional<String> token = bearer(request);
            if (token.isEmpty() && endpoint == OfficerEndpoint.NODE_STREAM) {
                // Browsers cannot set headers on a WebSocket.
                return parameterOptional("access_token", query -> authenticated(request, endpoint, query, inner));
            }
            return authenticated(request, endpoint, token, inner);
        });
    }

    private Route authenticated(HttpRequest request, OfficerEndpoint endpoint, Optional<String> token,
                                Function<Officer, Route> inner) {
        return onComplete(officers.authenticate(token.orElse(null)), result -> {
            if (result.isFailure()) {
                return complete(refused(result.failed().get()));
            }
            Officer officer = result.get();
            request.getAttribute(CHECKED).ifPresent(c -> c.officer = officer);
            if (officer.mustChangePassword() && endpoint.need() != OfficerEndpoint.Need.SESSION) {
                return complete(Json.error(StatusCodes.FORBIDDEN, "password",
                        "the one-time password must be changed first: POST /v1/session/password"));
            }
            if (!endpoint.allows(officer.role())) {
                return complete(Json.error(StatusCodes.FORBIDDEN, "role", "role " + officer.role() + " may not "
                        + endpoint.method() + " " + endpoint.path() + "; expected "
                        + (endpoint.need() == OfficerEndpoint.Need.ADMIN ? "ADMIN" : "DUTY_OFFICER or COMMANDER")));
            }
            return inner.apply(officer);
        });
    }

    /**
     * Who the audit log names for a request that went through {@link #guardAll}: the officer
     * its token resolved to, once the officer directive has run (also when it then refused).
     */
    public Optional<AuditActor> auditActor(HttpRequest request) {
        return request.getAttribute(CHECKED).map(c -> c.officer)
                .map(o -> AuditActor.officer(o.username(), o.role().name(), o.adcode()));
    }

    /** {@code inner} when {@code adcode} is inside the officer's jurisdiction, else 403 naming both. */
    public Route inside(Officer officer, String adcode, String field, Supplier<Route> inner) {
        if (tree.contains(officer.adcode(), adcode)) {
            return inner.get();
        }
        return complete(outside(officer, field, adcode));
    }

    /**
     * {@code inner} for the officer when the incident is inside their
     * jurisdiction; 403 when it is outside. An unknown or malformed id goes to
     * {@code inner}, which answers it as before (400/404).
     */
    public Route incident(OfficerEndpoint endpoint, String incidentId, Function<Officer, Route> inner) {
        return officer(endpoint, officer -> incidentInside(officer, incidentId, "id", () -> inner.apply(officer)));
    }

    /** {@code inner} when the incident is inside the officer's jurisdiction or does not exist; else 403. */
    public Route incidentInside(Officer officer, String incidentId, String field, Supplier<Route> inner) {
        if (!ID.matcher(incidentId).matches()) {
            return inner.get();
        }
        return onComplete(incidents.countyOf(incidentId), county -> {
            if (county.isFailure()) {
                return complete(Json.error(StatusCodes.SERVICE_UNAVAILABLE, "", "no answer in time; try again"));
            }
            if (county.get().isEmpty() || tree.contains(officer.adcode(), county.get().get())) {
                return inner.get();
            }
            return complete(outside(officer, field, "incident " + incidentId + " of " + county.get().get()));
        });
    }

    private static HttpResponse outside(Officer officer, String field, String what) {
        return Json.error(StatusCodes.FORBIDDEN, field, outsideReason(officer, what));
    }

    public static String outsideReason(Officer officer, String what) {
        return "officer " + officer.username() + " of " + officer.adcode() + " may not see or act on " + what
                + ": outside the jurisdiction " + officer.adcode();
    }

    private static Optional<String> bearer(HttpRequest request) {
        return request.getHeader("Authorization").map(HttpHeader::value)
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(v -> v.substring(7).trim());
    }

    /** Completes when the incident is inside the officer's jurisdiction or unknown; fails with a 403 {@link Refusal}. */
    public CompletionStage<Boolean> requireIncidentInside(Officer officer, String incidentId, String field) {
        return incidents.countyOf(incidentId).thenApply(county -> {
            if (county.isPresent() && !tree.contains(officer.adcode(), county.get())) {
                throw new Refusal(403, field, outsideReason(officer, "incident " + incidentId + " of " + county.get()));
            }
            return true;
        });
    }

    /** A failure of the officer services as the HTTP answer: a {@link Refusal} as its status and reason. */
    public static HttpResponse refused(Throwable failure) {
        Throwable cause = OfficerService.unwrap(failure);
        if (cause instanceof Refusal r) {
            HttpResponse response = Json.error(StatusCodes.get(r.status()), r.field(), r.getMessage());
            if (r.retryAfterSeconds() > 0) {
                response = response.addHeader(RetryAfter.create(r.retryAfterSeconds()));
            }
            return r.status() == 401
                    ? response.addHeader(HttpHeader.parse("WWW-Authenticate", "Bearer realm=\"emcc\"")) : response;
        }
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return Json.error(StatusCodes.SERVICE_UNAVAILABLE, "", "no answer in time; try again");
        }
        log.warn("officer request failed", cause);
        return Json.error(StatusCodes.INTERNAL_SERVER_ERROR, "", "the request failed; see the server log");
    }

    /**
     * Wraps every route of the node: a successful {@code /v1} answer that did
     * not pass through {@link #officer} is replaced by 403, so an endpoint added
     * without authorization fails closed. Open are only the login and the
     * agency gateway (agencies authenticate there themselves).
     */
    public Route guardAll(Route routes) {
        return extractRequest(request -> {
            Checked checked = new Checked();
            String path = request.getUri().path();
            boolean open = !path.startsWith("/v1/")
                    || (path.equals("/v1/session") && request.method().equals(HttpMethods.POST))
                    || path.startsWith("/v1/agency/");
            if (open) {
                return routes;
            }
            return mapRequest(r -> r.addAttribute(CHECKED, checked), () -> mapResponse(response -> {
                int status = response.status().intValue();
                if (!checked.done && (status < 300 || status == 101)) {
                    log.error("{} {} answered without an officer check: refused; add it to OfficerEndpoint",
                            request.method().value(), path);
                    return Json.error(StatusCodes.FORBIDDEN, "", "this endpoint is not authorized for officers");
                }
                return response;
            }, () -> routes));
        });
    }
}
