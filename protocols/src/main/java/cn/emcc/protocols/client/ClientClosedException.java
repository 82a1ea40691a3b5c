package cn.emcc.protocols.client;

/**
 * The client was closed (or stopped after the gateway refused its token)
 * before the gateway answered. The message may or may not have become
 * durable: resending it with the same message_id is safe.
 */
public final class ClientClosedException extends AgencyClientException {

    public ClientClosedException(String message) {
        super(message);
    }

    public ClientClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
