package dev.tern.jms.provider;

import dev.tern.protocol.ErrorCode;

/** A broker's refusal or a broken link, carrying the error code that decides the JMS exception type. */
public class ProviderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public ProviderException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
