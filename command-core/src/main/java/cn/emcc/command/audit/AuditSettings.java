package cn.emcc.command.audit;

import com.typesafe.config.Config;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The {@code emcc.audit} settings: the digest, the day boundary of chains, how
 * appends are batched, how often chain heads are anchored, and whether a reply
 * waits for its audit entry to be durable.
 */
public record AuditSettings(HashAlgorithm hash, ZoneId zone, boolean replyWaitsForAudit, int batchMax,
                            Duration batchDelay, int buffer, int parallelism, Duration appendTimeout,
                            Duration anchorEvery, int queryLimit) {

    public static AuditSettings fromConfig(Config config) {
        Config c = config.getConfig("emcc.audit");
        AuditSettings s = new AuditSettings(HashAlgorithm.parse(c.getString("hash")), ZoneId.of(c.getString("zone")),
                c.getBoolean("reply-waits-for-audit"), c.getInt("batch-max"), c.getDuration("batch-delay"),
                c.getInt("buffer"), c.getInt("parallelism"), c.getDuration("append-timeout"),
                c.getDuration("anchor-every"), c.getInt("query-limit"));
        require(s.batchMax >= 1, "batch-max", s.batchMax, "at least 1");
        require(s.buffer >= s.batchMax, "buffer", s.buffer, "at least batch-max (" + s.batchMax + ")");
        require(s.parallelism >= 1, "parallelism", s.parallelism, "at least 1");
        require(s.queryLimit >= 1, "query-limit", s.queryLimit, "at least 1");
        require(!s.anchorEvery.isNegative() && !s.anchorEvery.isZero(), "anchor-every", s.anchorEvery, "more than 0");
        return s;
    }

    public ChainIds chains() {
        return new ChainIds(zone);
    }

    private static void require(boolean ok, String key, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("emcc.audit." + key + " is " + value + "; expected " + expected);
        }
    }
}
