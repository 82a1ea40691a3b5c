package cn.emcc.command.audit;

/** How an audited action ended: done, refused for lack of right, or not done for another reason. */
public enum Outcome {
    ALLOWED,
    DENIED,
    FAILED;

    /**
     * An HTTP status as an outcome: 401/403 refuse, and so does 429 (a locked account, an
     * address or agency over its limit: refused like the gateway's RATE_LIMITED); any other
     * 4xx/5xx fails.
     */
    public static Outcome ofHttpStatus(int status) {
        if (status == 401 || status == 403 || status == 429) {
            return DENIED;
        }
        return status >= 400 ? FAILED : ALLOWED;
    }
}
