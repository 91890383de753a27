package dev.tern.stomp;

import io.netty.handler.codec.stomp.StompFrame;
import io.netty.handler.codec.stomp.StompHeaders;

/** Reading the headers of a client frame: required and optional values, and the receipt it asks for. */
final class FrameHeaders {

    private FrameHeaders() {
    }

    /** The header's value; a frame without it, or with it empty, is refused. */
    static String required(StompHeaders headers, CharSequence name) throws StompException {
        String value = optional(headers, name);
        if (value == null) {
            throw new StompException("The frame needs a " + name + " header.");
        }
        return value;
    }

    /** The header's value, null if it is absent or empty. */
    static String optional(StompHeaders headers, CharSequence name) {
        String value = headers.getAsString(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** The value of the first of these headers the frame has (absent or empty ones do not count), or null. */
    static String firstOf(StompHeaders headers, String... names) {
        for (String name : names) {
            String value = optional(headers, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The {@code receipt} the frame asks for, or null. */
    static String receipt(StompFrame frame) {
        return frame.headers().getAsString(StompHeaders.RECEIPT);
    }
}
