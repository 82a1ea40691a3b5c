package cn.emcc.command.http;

import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.MalformedFormFieldRejection;
import org.apache.pekko.http.javadsl.server.MalformedHeaderRejection;
import org.apache.pekko.http.javadsl.server.MalformedQueryParamRejection;
import org.apache.pekko.http.javadsl.server.MalformedRequestContentRejection;
import org.apache.pekko.http.javadsl.server.MissingHeaderRejection;
import org.apache.pekko.http.javadsl.server.MissingQueryParamRejection;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.http.scaladsl.model.IllegalRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one place where failures of every route (officer HTTP, agency gateway,
 * node streams, static pages) become answers: in the {@link Json#error} shape,
 * never with a stack trace, class name, SQL or file path. What went wrong
 * inside goes to the log under a reference the client gets in the reason and
 * in the {@value #REFERENCE_HEADER} header.
 */
public final class EdgeErrors extends AllDirectives {

    public static final String REFERENCE_HEADER = "X-Emcc-Reference";

    private static final Logger log = LoggerFactory.getLogger(EdgeErrors.class);

    private static final EdgeErrors INSTANCE = new EdgeErrors();

    private EdgeErrors() {
    }

    /** {@code routes} with every exception and rejection answered in the one error shape. */
    public static Route around(Route routes) {
        return INSTANCE.handleExceptions(exceptions(),
                () -> INSTANCE.handleRejections(rejections(), () -> routes));
    }

    /** A 500 for a failure of ours: the details are logged under a reference, the client gets only that. */
    public static HttpResponse internal(Throwable failure) {
        String reference = ErrorReferences.next();
        log.error("[{}] request failed inside emcc", reference, failure);
        return Json.error(StatusCodes.INTERNAL_SERVER_ERROR, "",
                        "emcc could not handle the request; quote reference " + reference + " when reporting it")
                .addHeader(RawHeader.create(REFERENCE_HEADER, reference));
    }

    /** The cause a future failed with, without the wrappers the async API adds. */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /**
     * Whether a failed ask is an entity's or service's refusal, whose message is prose written for
     * the officer ({@code StatusReply.error}, an officer {@link cn.emcc.command.officers.Refusal} such as a
     * jurisdiction check inside a future, or a state/argument check of ours), rather than a failure.
     */
    public static boolean isRefusal(Throwable t) {
        Throwable c = unwrap(t);
        return c instanceof org.apache.pekko.pattern.StatusReply.ErrorMessage
                || c instanceof cn.emcc.command.officers.Refusal
                || c instanceof cn.emcc.command.mutualaid.MutualAidRefusal
                || c.getClass() == IllegalStateException.class || c.getClass() == IllegalArgumentException.class;
    }

    private static ExceptionHandler exceptions() {
        return ExceptionHandler.newBuilder()
                .match(EntityStreamSizeException.class, e -> INSTANCE.complete(tooLarge(e)))
                .match(IllegalRequestException.class, e -> INSTANCE.complete(Json.error(
                        e.status(), "", "the request is not well-formed HTTP")))
                .matchAny(e -> {
                    Throwable cause = unwrap(e);
                    if (cause instanceof EntityStreamSizeException tooLarge) {
                        return INSTANCE.complete(tooLarge(tooLarge));
                    }
                    return INSTANCE.complete(internal(e));
                })
                .build();
    }

    private static HttpResponse tooLarge(EntityStreamSizeException e) {
        return Json.error(StatusCodes.PAYLOAD_TOO_LARGE, "body",
                "the body is larger than the " + e.limit() + " bytes this endpoint accepts");
    }

    private static RejectionHandler rejections() {
        // Malformed-* rejections carry parser messages (which may name classes): answered without them.
        return RejectionHandler.newBuilder()
                .handle(MalformedRequestContentRejection.class, r -> INSTANCE.complete(
                        unwrap(r.getCause()) instanceof EntityStreamSizeException tooLarge ? tooLarge(tooLarge)
                                : Json.error(StatusCodes.BAD_REQUEST, "body", "the body could not be read as the expected content")))
                .handle(MalformedQueryParamRejection.class, r -> INSTANCE.complete(
                        Json.error(StatusCodes.BAD_REQUEST, r.parameterName(), "the query parameter has the wrong form")))
                .handle(MalformedHeaderRejection.class, r -> INSTANCE.complete(
                        Json.error(StatusCodes.BAD_REQUEST, r.headerName(), "the header has the wrong form")))
                .handle(MalformedFormFieldRejection.class, r -> INSTANCE.complete(
                        Json.error(StatusCodes.BAD_REQUEST, r.fieldName(), "the form field has the wrong form")))
                .handle(MissingHeaderRejection.class, r -> INSTANCE.complete(
                        Json.error(StatusCodes.BAD_REQUEST, r.headerName(), "the header is required")))
                .handle(MissingQueryParamRejection.class, r -> INSTANCE.complete(
                        Json.error(StatusCodes.BAD_REQUEST, r.parameterName(), "the query parameter is required")))
                .handleNotFound(INSTANCE.extractUri(uri -> INSTANCE.complete(Json.error(StatusCodes.NOT_FOUND, "path",
                        "nothing is served at " + safePath(uri.path())))))
                .build()
                // The rest (method, content type, WebSocket upgrade, ...) keep Pekko's wording, in our shape.
                .withFallback(RejectionHandler.defaultHandler())
                .mapRejectionResponse(EdgeErrors::asJsonError);
    }

    private static HttpResponse asJsonError(HttpResponse response) {
        if (response.entity().getContentType().equals(ContentTypes.APPLICATION_JSON)
                || !(response.entity() instanceof HttpEntity.Strict strict)) {
            return response;
        }
        StatusCode status = response.status();
        String text = strict.getData().decodeString(StandardCharsets.UTF_8);
        HttpResponse json = Json.error(status, "", text.lines().findFirst().orElse(status.reason()));
        for (var h : response.getHeaders()) {
            json = json.addHeader(h);
        }
        return json;
    }

    /** The request path repeated back, short and printable (it came from the client). */
    private static String safePath(String path) {
        String printable = path.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > 200 ? printable.substring(0, 200) + "..." : printable;
    }
}
