package dev.tern.broker;

import dev.tern.protocol.ErrorCode;

/** A refusal the broker reports to the client as an error code with a message that says what to fix. */
public class BrokerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public BrokerException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
