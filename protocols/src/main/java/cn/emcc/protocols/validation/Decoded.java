package cn.emcc.protocols.validation;

import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.Rejection;

/** The outcome of reading one inbound frame: an envelope fit to act on, or the rejection to send back. */
public sealed interface Decoded {

    record Valid(Envelope envelope) implements Decoded {
    }

    record Invalid(Rejection rejection) implements Decoded {
    }
}
