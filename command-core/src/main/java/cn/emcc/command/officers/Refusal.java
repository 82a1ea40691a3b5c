package cn.emcc.command.officers;

/**
 * A request about officers or sessions that is refused: the HTTP status, the field at fault and why,
 * and for a refusal that lifts by itself (a login lockout) how many seconds until it may be tried again.
 */
public class Refusal extends RuntimeException {

    private final int status;
    private final String field;
    private final long retryAfterSeconds;

    public Refusal(int status, String field, String reason) {
        this(status, field, reason, 0);
    }

    /** A refusal to answer with {@code Retry-After: retryAfterSeconds} (none when 0). */
    public Refusal(int status, String field, String reason, long retryAfterSeconds) {
        super(reason, null, false, false);
        this.status = status;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    /** Seconds until the request may be tried again; 0 when the refusal does not lift by itself. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
