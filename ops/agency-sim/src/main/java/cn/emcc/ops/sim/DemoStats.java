package cn.emcc.ops.sim;

import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.RejectionCode;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * A snapshot of what the demo agencies did.
 *
 * @param sent             envelopes handed to the agency clients (resends included)
 * @param acked            answered with an Ack
 * @param duplicates       of those, Acks with {@code duplicate} set (the resends, as expected)
 * @param rejected         answered with a Rejection, by code
 * @param failed           never answered (client closed, queue full, token refused)
 * @param skipped          planned for an agency that has no token, so not sent
 * @param sentByKind       envelopes sent, by kind
 * @param ordersAccepted   dispatch orders the agencies accepted
 * @param ordersRejected   dispatch orders they refused
 */
public record DemoStats(long sent, long acked, long duplicates, Map<RejectionCode, Long> rejected, long failed,
                        long skipped, Map<MessageKind, Long> sentByKind, long ordersAccepted, long ordersRejected) {

    public DemoStats {
        rejected = Map.copyOf(rejected);
        sentByKind = Map.copyOf(sentByKind);
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Sent but not answered yet. */
    public long unanswered() {
        return sent - acked - rejectedTotal() - failed;
    }

    /** One line for a console, e.g. {@code sent 1200 acked 1198 (dup 12) rejected 0 failed 0 pending 2 orders 3/1}. */
    public String line() {
        String rejections = rejected.isEmpty() ? "0" : rejectedTotal() + " " + rejected.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey().name().replace("REJECTION_CODE_", "") + "=" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
        return "sent " + sent + " acked " + acked + " (dup " + duplicates + ") rejected " + rejections
                + " failed " + failed + " pending " + unanswered() + (skipped > 0 ? " skipped " + skipped : "")
                + " orders accepted " + ordersAccepted + " refused " + ordersRejected;
    }
}
