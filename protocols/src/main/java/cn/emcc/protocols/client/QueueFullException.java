package cn.emcc.protocols.client;

/** Too many messages are waiting for an answer; the caller must slow down instead of the client growing without bound. */
public final class QueueFullException extends AgencyClientException {

    public QueueFullException(String message) {
        super(message);
    }
}
