package cn.emcc.protocols.client;

/** The gateway answered an HTTP request (batch POST or WebSocket handshake) with a status other than success. */
public final class GatewayHttpException extends AgencyClientException {

    private final int statusCode;

    public GatewayHttpException(int statusCode, String message) {
        super(message);
        this.statusCode = statusCode;
    }

    public int statusCode() {
        return statusCode;
    }
}
