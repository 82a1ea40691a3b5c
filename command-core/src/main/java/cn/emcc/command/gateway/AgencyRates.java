package cn.emcc.command.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The message rate each agency system may use on this node, whichever
 * transport it comes by (WebSocket frames and batch POST frames share one
 * bucket per credential). Per node: a cluster of N nodes behind a balancer
 * admits up to N times the rate, so a deployment divides its figure by N.
 */
public final class AgencyRates {

    private final double perSecond;
    private final int burst;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public AgencyRates(double perSecond, int burst, LongSupplier nanoClock) {
        new TokenBucket(perSecond, burst, 0); // fail at start on nonsense settings, not at the first message
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
    }

    public static AgencyRates of(GatewayLimits limits) {
        return new AgencyRates(limits.messagesPerSecond(), limits.burst(), System::nanoTime);
    }

    /** Admits {@code frames} messages of {@code who}: empty when admitted, else how long to wait before resending. */
    public Optional<Duration> admit(AgencyIdentity who, int frames) {
        long now = nanoClock.getAsLong();
        long wait = buckets.computeIfAbsent(who.name(), name -> new TokenBucket(perSecond, burst, now)).take(frames, now);
        return wait == 0 ? Optional.empty() : Optional.of(wait == Long.MAX_VALUE
                ? Duration.ofSeconds(Math.max(1, (long) Math.ceil(frames / perSecond)))
                : Duration.ofNanos(wait));
    }

    public double perSecond() {
        return perSecond;
    }

    public int burst() {
        return burst;
    }
}
