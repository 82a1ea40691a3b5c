package cn.emcc.command.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.AttributeKey;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * What a route knows about its request that the path does not say, handed to
 * {@link HttpAudit} for the request's entry: the actor when the officer check
 * did not name one (a login), the target when it is in the body (the account
 * created, the username tried), details of the action ({@code key=value},
 * appended to the action after the route) and a result word appended to the
 * status code ({@code 401 WRONG_PASSWORD}). Never put a secret or free text here:
 * no password, no note or report text.
 * <p>
 * {@link HttpAudit} attaches one note to every request it audits; a route reaches
 * it with {@link #of(HttpRequest)} or {@link #noted(Function)}. Outside an audited
 * tree the note is a detached one that nothing reads.
 */
public final class AuditNote {

    static final AttributeKey<AuditNote> KEY = AttributeKey.create("emcc-audit-note", AuditNote.class);

    private volatile AuditActor actor;
    private volatile String target;
    private volatile String result;
    private final List<String> details = new ArrayList<>();

    AuditNote() {
    }

    /** The note of the request, or a detached one when the request is not audited. */
    public static AuditNote of(HttpRequest request) {
        return request.getAttribute(KEY).orElseGet(AuditNote::new);
    }

    /** {@code inner} with the note of the request. */
    public static Route noted(Function<AuditNote, Route> inner) {
        return Directives.extractRequest(request -> inner.apply(of(request)));
    }

    /** The actor to name when the officer check named none (it wins over nothing, not over an officer). */
    public AuditNote actor(AuditActor who) {
        this.actor = who;
        return this;
    }

    /** The target when it is not in the path. */
    public AuditNote target(String what) {
        this.target = what;
        return this;
    }

    /** A word for how the action ended, appended to the status code. */
    public AuditNote result(String word) {
        this.result = word;
        return this;
    }

    /** A detail of the action, as {@code key=value}; blanks in the value become {@code _}. */
    public AuditNote detail(String key, Object value) {
        String v = String.valueOf(value).strip().replaceAll("\\s+", "_");
        synchronized (details) {
            details.add(key + "=" + v);
        }
        return this;
    }

    Optional<AuditActor> actor() {
        return Optional.ofNullable(actor);
    }

    Optional<String> target() {
        return Optional.ofNullable(target).filter(t -> !t.isEmpty());
    }

    Optional<String> result() {
        return Optional.ofNullable(result).filter(r -> !r.isEmpty());
    }

    List<String> details() {
        synchronized (details) {
            return List.copyOf(details);
        }
    }
}
