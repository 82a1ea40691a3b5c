package cn.emcc.command.gateway;

import cn.emcc.command.situation.Situation;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.GatewayFrame;
import cn.emcc.protocols.v1.RejectionCode;
import org.apache.pekko.pattern.StatusReply;

import java.time.Clock;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Weather warnings and traffic conditions from the gateway to the situation
 * boards. The Ack follows the board's persist; the board's refusals become
 * Rejections naming the field at fault; anything else (a timeout) is
 * UNAVAILABLE, so the sender resends.
 */
public final class SituationIntake {

    private final Situation situation;
    private final Clock clock;

    public SituationIntake(Situation situation, Clock clock) {
        this.situation = situation;
        this.clock = clock;
    }

    public CompletionStage<GatewayFrame> warning(AgencyIdentity who, Envelope env) {
        return situation.applyWarning(env.getMessageId(), env.getWeatherWarning().toByteArray())
                .thenApply(applied -> Replies.ack(env.getMessageId(), clock.instant(), applied.duplicate(),
                        applied.identifier()))
                .exceptionally(e -> refusal(env.getMessageId(), "weather_warning", e));
    }

    public CompletionStage<GatewayFrame> traffic(AgencyIdentity who, Envelope env) {
        return situation.applyTrafficCondition(env.getMessageId(), env.getTrafficCondition().toByteArray())
                .thenApply(applied -> Replies.ack(env.getMessageId(), clock.instant(), applied.duplicate(),
                        applied.conditionId()))
                .exceptionally(e -> refusal(env.getMessageId(), "traffic_condition", e));
    }

    private static GatewayFrame refusal(String messageId, String payload, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (!(cause instanceof StatusReply.ErrorMessage)) {
            return Replies.unavailable(messageId, cause);
        }
        String reason = cause.getMessage();
        if (reason.startsWith("unknown reference: ")) {
            return Replies.reject(messageId, RejectionCode.REJECTION_CODE_UNKNOWN_REFERENCE, payload + ".references", reason);
        }
        if (reason.startsWith("identifier reused")) {
            return Replies.reject(messageId, RejectionCode.REJECTION_CODE_REPLAYED, payload + ".identifier", reason);
        }
        return Replies.reject(messageId, RejectionCode.REJECTION_CODE_INCONSISTENT, payload, reason);
    }
}
