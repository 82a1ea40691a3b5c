package cn.emcc.command.officers;

/** A request about officers or sessions that is refused: the HTTP status, the field at fault and why. */
public final class Refusal extends RuntimeException {

    private final int status;
    private final String field;

    public Refusal(int status, String field, String reason) {
        super(reason, null, false, false);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
