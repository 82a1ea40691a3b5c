package cn.emcc.protocols.client;

/** Where the client's WebSocket to the gateway stands. */
public enum ConnectionState {
    /** Not yet asked to connect, or opening a connection. */
    CONNECTING,
    CONNECTED,
    /** The connection was lost; waiting before the next attempt. */
    BACKING_OFF,
    /** Closed by {@link AgencyClient#close()} or because the gateway refused the token. */
    CLOSED
}
