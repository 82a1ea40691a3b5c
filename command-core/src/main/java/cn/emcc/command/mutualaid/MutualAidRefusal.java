package cn.emcc.command.mutualaid;

/**
 * A mutual-aid command refused before anything changed: what kind of refusal
 * (the HTTP edge maps it to a status), the field at fault ("" when none) and
 * the reason.
 */
public final class MutualAidRefusal extends RuntimeException {

    public enum Kind { BAD_INPUT, NOT_FOUND, NOT_PERMITTED, CONFLICT }

    private final Kind kind;
    private final String field;

    public MutualAidRefusal(Kind kind, String field, String reason) {
        super(reason);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }
}
