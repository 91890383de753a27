package dev.tern.protocol.wire;

import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.Event;

/**
 * A well-formed command the broker's decoder refused without decoding it in full, such as a Send whose
 * message exceeds the broker's {@link dev.tern.protocol.MessageLimits}. The connection stays open; the
 * request fails with {@link #answer()}.
 *
 * @param requestId the refused command's request ID
 * @param reason what was exceeded, naming the limit and its setting
 */
public record RefusedCommand(long requestId, String reason) {

    /** The answer to send the client: a RESOURCE_ALLOCATION failure with the reason. */
    public Event.Failed answer() {
        return new Event.Failed(requestId, ErrorCode.RESOURCE_ALLOCATION, reason);
    }
}
