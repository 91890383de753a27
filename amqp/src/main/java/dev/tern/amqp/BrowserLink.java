package dev.tern.amqp;

import dev.tern.amqp.message.AmqpAddresses;
import dev.tern.amqp.message.AmqpMappingException;
import dev.tern.amqp.message.AmqpMessageMapping;
import dev.tern.protocol.Command;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.Event;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.transport.SenderSettleMode;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Sender;

/**
 * A link whose source asks for distribution mode {@code copy} on a queue (a Qpid JMS {@code QueueBrowser}):
 * a snapshot of the queue's waiting messages, taken with {@link Command.Browse} at attach, sent as credit
 * allows, consuming nothing. Once they are all sent a drain completes, which tells the browser it has seen
 * everything.
 */
final class BrowserLink implements LinkHandler {

    /** The most messages one browser is shown. */
    static final int MAX_BROWSED = 10_000;
    private static final Symbol COPY = Symbol.valueOf("copy");

    private final AmqpConnection connection;
    private final AmqpSession session;
    private final Sender sender;
    private final Deque<Event.Deliver> waiting = new ArrayDeque<>();
    private boolean ready;
    private long tags;

    BrowserLink(AmqpConnection connection, AmqpSession session, Sender sender) {
        this.connection = connection;
        this.session = session;
        this.sender = sender;
    }

    /** Whether the link asks to browse a queue: distribution mode {@code copy} on a source naming a queue. */
    static boolean wants(Sender sender) {
        if (!(sender.getRemoteSource() instanceof Source source) || source.getDynamic()
                || !COPY.equals(source.getDistributionMode())) {
            return false;
        }
        try {
            return AmqpAddresses.fromAddress(source.getAddress(), Terminus.typeHint(source.getCapabilities()))
                    .type().isQueue();
        } catch (AmqpMappingException e) {
            return false;
        }
    }

    void attach() {
        Source source = (Source) sender.getRemoteSource();
        DestinationName queue = AmqpAddresses.fromAddress(source.getAddress(), Terminus.typeHint(source.getCapabilities()));
        String selector = Terminus.selector(source.getFilter());
        sender.setTarget(sender.getRemoteTarget());
        sender.setSenderSettleMode(SenderSettleMode.SETTLED);
        connection.request(id -> new Command.Browse(id, queue, selector, MAX_BROWSED), answer -> {
            if (answer instanceof Event.Failed failed) {
                sender.setSource(null);
                sender.open();
                sender.setCondition(AmqpErrors.of(failed.code(), failed.message()));
                sender.close();
                sender.setContext(null);
                session.remove(this);
                return;
            }
            if (answer instanceof Event.Browsed browsed) {
                waiting.addAll(browsed.messages());
            }
            ready = true;
            sender.setSource(source);
            sender.open();
            flow();
        });
    }

    @Override
    public void flow() {
        if (!ready || sender.getLocalState() != EndpointState.ACTIVE) {
            return;
        }
        while (sender.getCredit() > 0 && !waiting.isEmpty()) {
            Event.Deliver next = waiting.poll();
            byte[] encoded = AmqpMessageMapping.toAmqp(next.message(), next.deliveryCount());
            Delivery delivery = sender.delivery(ByteBuffer.allocate(Long.BYTES).putLong(++tags).array());
            delivery.setMessageFormat(0);
            sender.send(encoded, 0, encoded.length);
            sender.advance();
            delivery.settle();
        }
        if (waiting.isEmpty() && sender.getDrain()) {
            sender.drained();
        }
    }

    @Override
    public void delivery(Delivery delivery) {
        if (!delivery.isSettled()) {
            delivery.settle();
        }
    }

    @Override
    public void detached(boolean closed, boolean sessionEnded) {
        waiting.clear();
        ready = false;
        LinkHandler.answerDetach(sender, closed, sessionEnded);
    }
}
