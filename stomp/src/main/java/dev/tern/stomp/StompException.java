package dev.tern.stomp;

/**
 * A frame the connection cannot accept: it is answered with an ERROR frame whose {@code message} header
 * is {@link #getMessage()}, and the connection closes, as STOMP requires after an ERROR.
 */
final class StompException extends Exception {

    private static final long serialVersionUID = 1L;

    StompException(String message) {
        super(message);
    }
}
