package cn.emcc.protocols.client;

/** Why the agency client could not deliver or could not obtain an answer. */
public class AgencyClientException extends RuntimeException {

    public AgencyClientException(String message) {
        super(message);
    }

    public AgencyClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
