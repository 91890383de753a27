package dev.tern.stomp;

import dev.tern.protocol.AckMode;
import dev.tern.protocol.Command;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.MessageRecord;
import io.netty.handler.codec.stomp.StompFrame;
import io.netty.handler.codec.stomp.StompHeaders;

/**
 * The SEND frames of one STOMP connection: each becomes a message with an ID of the broker's making, sent
 * through the connection's send session, or, with a {@code transaction} header, through that
 * transaction's session. Used on the channel's event loop only.
 */
final class Sends {

    private final BrokerRequests requests;
    private final InOrder inOrder;
    private final StompDestinations destinations;
    private final Transactions transactions;
    private final StompLimits limits;
    private final String messageIdPrefix;
    private long messageIds;
    private long session;

    Sends(BrokerRequests requests, InOrder inOrder, StompDestinations destinations, Transactions transactions,
            StompLimits limits, String sessionName) {
        this.requests = requests;
        this.inOrder = inOrder;
        this.destinations = destinations;
        this.transactions = transactions;
        this.limits = limits;
        this.messageIdPrefix = "ID:" + sessionName + ":";
    }

    /** Opens the session for SENDs outside transactions; at CONNECT, before any other session. */
    void open() {
        session = requests.newSessionId();
        requests.required(id -> new Command.CreateSession(id, session, AckMode.AUTO));
    }

    void send(StompFrame frame) throws StompException {
        StompHeaders headers = frame.headers();
        DestinationName destination = destinations.resolve(FrameHeaders.required(headers, StompHeaders.DESTINATION));
        InOrder.Step step = inOrder.start(FrameHeaders.receipt(frame));
        MessageRecord message = MessageMapping.fromSend(headers, frame.content(), destination,
                messageIdPrefix + ++messageIds, requests.clock().millis(), destinations::resolve, limits.maxHeaders());
        String transaction = headers.getAsString(StompHeaders.TRANSACTION);
        long sendSession = transaction == null ? session : transactions.sessionOf(transaction);
        requests.send(step, frame, message.bodySize(), id -> new Command.Send(id, sendSession, message));
        step.release();
    }
}
