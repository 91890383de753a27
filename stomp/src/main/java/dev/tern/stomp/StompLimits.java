package dev.tern.stomp;

import dev.tern.broker.net.TcpSettings;

/**
 * What one STOMP frame may carry, taken from the port's settings: the frame limit caps everything, the
 * message limits cap the header block (command and header lines), the body and the number of headers.
 *
 * @param maxHeaderBytes the most bytes of the command and header lines of one frame
 * @param maxBodyBytes the most bytes of one frame's body
 * @param maxHeaders the most headers of one frame (the message limit on properties plus the STOMP headers)
 */
record StompLimits(int maxHeaderBytes, int maxBodyBytes, int maxHeaders) {

    /** Room for the STOMP headers of a SEND besides its properties. */
    private static final int STANDARD_HEADERS = 32;

    static StompLimits of(TcpSettings settings) {
        int frame = settings.maxFrameSize();
        return new StompLimits(Math.min(frame, settings.messageLimits().maxHeaderSize()),
                Math.min(frame, settings.messageLimits().maxBodySize()),
                (int) Math.min(Integer.MAX_VALUE, (long) settings.messageLimits().maxProperties() + STANDARD_HEADERS));
    }
}
