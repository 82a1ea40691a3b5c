package cn.emcc.command.officers;

/**
 * A refused login as the audit log records it: the officer sees only the
 * {@link Refusal} (the same answer for an unknown user, a wrong password and a
 * disabled account), the audit log also why ({@link Reason}) and, when the
 * account exists, its jurisdiction, so the admins of that jurisdiction see the
 * attempts on their accounts.
 */
public final class LoginRefusal extends Refusal {

    /** Why a login was refused. */
    public enum Reason {
        /** Username or password missing, malformed or too long. */
        MALFORMED,
        UNKNOWN_USER,
        WRONG_PASSWORD,
        /** A wrong password that locked the account. */
        WRONG_PASSWORD_NOW_LOCKED,
        DISABLED,
        /** The account is locked after failed logins. */
        ACCOUNT_LOCKED,
        /** The remote address is backed off after failed logins. */
        RATE_LIMITED
    }

    private final Reason reason;
    private final String accountAdcode;

    LoginRefusal(Refusal answer, Reason reason, String accountAdcode) {
        super(answer.status(), answer.field(), answer.getMessage(), answer.retryAfterSeconds());
        this.reason = reason;
        this.accountAdcode = accountAdcode == null ? "" : accountAdcode;
    }

    public Reason reason() {
        return reason;
    }

    /** The jurisdiction of the account tried; empty when there is no such account (or it was not looked up). */
    public String accountAdcode() {
        return accountAdcode;
    }
}
