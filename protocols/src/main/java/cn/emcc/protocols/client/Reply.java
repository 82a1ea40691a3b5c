package cn.emcc.protocols.client;

import cn.emcc.protocols.v1.Ack;
import cn.emcc.protocols.v1.Rejection;

/** The gateway's final answer to one envelope: it is durable (Acked) or it was refused and had no effect (Rejected). */
public sealed interface Reply {

    String messageId();

    record Acked(Ack ack) implements Reply {
        @Override
        public String messageId() {
            return ack.getMessageId();
        }
    }

    record Rejected(Rejection rejection) implements Reply {
        @Override
        public String messageId() {
            return rejection.getMessageId();
        }
    }
}
