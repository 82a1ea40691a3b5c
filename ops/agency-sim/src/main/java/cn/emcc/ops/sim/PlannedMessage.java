package cn.emcc.ops.sim;

import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.MessageKind;

import java.time.Duration;

/**
 * One message of a scenario: when to send it (from the scenario's start),
 * which agency sends it, and the envelope as planned (its times as if sent
 * exactly on schedule). A {@code resend} repeats an earlier envelope with the
 * same message id and content, as a flaky link would.
 */
public record PlannedMessage(Duration at, Agency agency, Envelope envelope, boolean resend) {

    public String messageId() {
        return envelope.getMessageId();
    }

    public MessageKind kind() {
        return envelope.getKind();
    }
}
