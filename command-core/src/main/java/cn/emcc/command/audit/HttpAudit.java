package cn.emcc.command.audit;

import cn.emcc.command.http.RemoteAddresses;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Complete;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.server.RouteResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one directive around the node's route tree that records every request
 * under {@code /v1/} in the audit log: who (from the pluggable resolver), the
 * method and route (ids replaced by {@code {}}), the target (those ids), the
 * peer address and the final status, rejections included (the inner tree is
 * sealed so a 404 or 405 is seen as such). Agency gateway requests are audited
 * per envelope by the gateway; here only when refused as a whole (status ≥ 400,
 * e.g. a bad credential). A route adds what its path does not say through the
 * request's {@link AuditNote}: the actor of a login, a target from the body,
 * details appended to the action ({@code key=value}) and a result word appended
 * to the status code. With {@code reply-waits-for-audit} the response
 * leaves once its entry is durable; if the entry cannot be stored the response
 * is sent anyway (the action already happened) and the failure is logged.
 */
public final class HttpAudit extends AllDirectives {

    private static final Logger log = LoggerFactory.getLogger(HttpAudit.class);
    // Route words are lower-case letters and hyphens; anything else in a path is an id.
    private static final Pattern ROUTE_WORD = Pattern.compile("[a-z][a-z-]*");

    private final AuditLog audit;
    private final Function<HttpRequest, Optional<AuditActor>> resolver;

    public HttpAudit(AuditLog audit, Function<HttpRequest, Optional<AuditActor>> resolver) {
        this.audit = audit;
        this.resolver = resolver;
    }

    public Route audited(Route inner) {
        Route sealed = inner.seal();
        return extractRequest(request -> {
            AuditNote note = new AuditNote();
            return mapRequest(r -> r.addAttribute(AuditNote.KEY, note), () -> mapRouteResultFuture(
                    result -> result.thenCompose(r -> record(request, note, r)), () -> sealed));
        });
    }

    private CompletionStage<RouteResult> record(HttpRequest request, AuditNote note, RouteResult result) {
        if (!(result instanceof Complete complete)) {
            return CompletableFuture.completedFuture(result);
        }
        String path = request.getUri().path();
        int status = complete.getResponse().status().intValue();
        if (!path.startsWith("/v1/") || (path.startsWith("/v1/agency/") && status < 400)) {
            return CompletableFuture.completedFuture(result);
        }
        List<String> ids = new ArrayList<>();
        StringBuilder route = new StringBuilder();
        for (String segment : path.substring(1).split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            boolean word = ROUTE_WORD.matcher(segment).matches() || route.length() == 0;
            route.append('/').append(word ? segment : "{}");
            if (!word) {
                ids.add(segment);
            }
        }
        StringBuilder action = new StringBuilder("http ").append(request.method().value()).append(' ').append(route);
        note.details().forEach(d -> action.append(' ').append(d));
        AuditActor actor = resolver.apply(request).or(note::actor).orElseGet(AuditActor::anonymous);
        String target = note.target().orElse(String.join("/", ids));
        String code = Integer.toString(status) + note.result().map(r -> " " + r).orElse("");
        AuditRecord record = new AuditRecord(actor, action.toString(), target, RemoteAddresses.of(request),
                Outcome.ofHttpStatus(status), code, audit.clock().instant());
        CompletionStage<?> durable = audit.append(record);
        if (!audit.settings().replyWaitsForAudit()) {
            durable.whenComplete((done, failure) -> logFailure(record, failure));
            return CompletableFuture.completedFuture(result);
        }
        return durable.handle((done, failure) -> {
            logFailure(record, failure);
            return result;
        });
    }

    private static void logFailure(AuditRecord record, Throwable failure) {
        if (failure != null) {
            log.error("audit entry not stored: {} {} by {} -> {}: {}", record.action(), record.target(),
                    record.actor().who(), record.code(), failure.toString());
        }
    }
}
