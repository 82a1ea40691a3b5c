package cn.emcc.protocols.client;

import cn.emcc.protocols.v1.Envelope;

/**
 * An envelope the gateway pushed that the client would not act on because
 * emcc's signature on it is missing or does not check out: it may have been
 * altered on the way or not come from emcc at all. It was not acknowledged.
 */
public record RefusedOrder(Envelope envelope, String reason) {
}
