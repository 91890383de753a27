package dev.tern.amqp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.messaging.TerminusDurability;
import org.apache.qpid.proton.amqp.messaging.TerminusExpiryPolicy;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sasl;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.engine.Session;
import org.apache.qpid.proton.engine.Transport;
import org.apache.qpid.proton.message.Message;

/**
 * A bare AMQP client on the Proton-J engine over a blocking socket, as a non-JMS client (Python, Node)
 * uses the protocol: no capabilities, address prefixes, container-id without sole-connection-for-container.
 */
final class ProtonClient implements AutoCloseable {

    private final Socket socket;
    private final Transport transport = Proton.transport();
    private final Connection connection = Proton.connection();
    private final Session session;

    ProtonClient(int port, String containerId) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(200);
        Sasl sasl = transport.sasl();
        sasl.client();
        sasl.setMechanisms("ANONYMOUS");
        transport.bind(connection);
        connection.setContainer(containerId);
        connection.open();
        session = connection.session();
        session.open();
        await(() -> connection.getRemoteState() == EndpointState.ACTIVE);
    }

    /** Sends a text message to an address and waits for its outcome. */
    void send(String address, String text) throws IOException {
        Target target = new Target();
        target.setAddress(address);
        send(target, null, text);
    }

    /**
     * Sends a text message on a link with no target at all, as rhea's plain {@code open_sender()} attaches,
     * to the address in the message's {@code to}.
     */
    void sendWithoutTarget(String to, String text) throws IOException {
        send(null, to, text);
    }

    private void send(Target target, String to, String text) throws IOException {
        Sender sender = session.sender("sender-" + (target == null ? "no-target" : target.getAddress()));
        sender.setTarget(target);
        sender.setSource(new Source());
        sender.open();
        await(() -> sender.getCredit() > 0);
        Message message = Proton.message();
        message.setAddress(to);
        message.setBody(new AmqpValue(text));
        byte[] buffer = new byte[4096];
        int length = message.encode(buffer, 0, buffer.length);
        Delivery delivery = sender.delivery(new byte[] {1});
        sender.send(buffer, 0, length);
        sender.advance();
        await(() -> delivery.getRemoteState() != null);
        if (!(delivery.getRemoteState() instanceof Accepted)) {
            throw new IOException("Send refused: " + delivery.getRemoteState());
        }
        delivery.settle();
        sender.close();
        await(() -> sender.getRemoteState() == EndpointState.CLOSED);
        sender.free();
    }

    /** Attaches a receiver named {@code linkName}, durable or not, and waits for up to {@code count} texts. */
    List<String> receive(String linkName, String address, boolean durable, int count) throws IOException {
        return receive(linkName, address, durable, count, 5_000);
    }

    /** As {@link #receive(String, String, boolean, int)}, waiting at most {@code waitMillis} for the messages. */
    List<String> receive(String linkName, String address, boolean durable, int count, long waitMillis)
            throws IOException {
        Receiver receiver = session.receiver(linkName);
        Source source = new Source();
        source.setAddress(address);
        if (durable) {
            source.setDurable(TerminusDurability.UNSETTLED_STATE);
            source.setExpiryPolicy(TerminusExpiryPolicy.NEVER);
        }
        receiver.setSource(source);
        receiver.setTarget(new Target());
        receiver.open();
        receiver.flow(count);
        List<String> texts = new ArrayList<>();
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while (texts.size() < count && System.nanoTime() < deadline) {
            pump();
            Delivery delivery = receiver.current();
            if (delivery != null && delivery.isReadable() && !delivery.isPartial()) {
                byte[] bytes = new byte[delivery.pending()];
                int read = receiver.recv(bytes, 0, bytes.length);
                receiver.advance();
                Message message = Proton.message();
                message.decode(bytes, 0, read);
                texts.add(String.valueOf(((AmqpValue) message.getBody()).getValue()));
                delivery.disposition(Accepted.getInstance());
                delivery.settle();
            }
        }
        if (durable) {
            receiver.detach();
        } else {
            receiver.close();
        }
        await(() -> receiver.getRemoteState() == EndpointState.CLOSED);
        receiver.free();
        return texts;
    }

    /** Attaches a receiver with a JMS selector filter; returns the error it was refused with, or null. */
    org.apache.qpid.proton.amqp.transport.ErrorCondition attachWithSelector(String linkName, String address,
            String selector) throws IOException {
        Receiver receiver = session.receiver(linkName);
        Source source = new Source();
        source.setAddress(address);
        source.setFilter(java.util.Map.of(org.apache.qpid.proton.amqp.Symbol.valueOf("jms-selector"),
                new org.apache.qpid.proton.amqp.UnknownDescribedType(
                        org.apache.qpid.proton.amqp.Symbol.valueOf("apache.org:selector-filter:string"), selector)));
        receiver.setSource(source);
        receiver.setTarget(new Target());
        receiver.open();
        await(() -> receiver.getRemoteState() != EndpointState.UNINITIALIZED
                && (receiver.getRemoteSource() != null || receiver.getRemoteState() == EndpointState.CLOSED));
        if (receiver.getRemoteSource() != null) {
            receiver.close();
            await(() -> receiver.getRemoteState() == EndpointState.CLOSED);
            receiver.free();
            return null;
        }
        org.apache.qpid.proton.amqp.transport.ErrorCondition condition = receiver.getRemoteCondition();
        receiver.close();
        pump();
        receiver.free();
        return condition;
    }

    /** Attaches and closes a durable link, which deletes the subscription. */
    void deleteSubscription(String linkName, String address) throws IOException {
        Receiver receiver = session.receiver(linkName);
        Source source = new Source();
        source.setAddress(address);
        source.setDurable(TerminusDurability.UNSETTLED_STATE);
        source.setExpiryPolicy(TerminusExpiryPolicy.NEVER);
        receiver.setSource(source);
        receiver.setTarget(new Target());
        receiver.open();
        await(() -> receiver.getRemoteState() == EndpointState.ACTIVE);
        receiver.close();
        await(() -> receiver.getRemoteState() == EndpointState.CLOSED);
    }

    private void await(BooleanSupplier condition) throws IOException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("No answer from the broker within 5 s");
            }
            pump();
        }
    }

    /** Writes what the transport has to send, then reads what arrives within the socket timeout. */
    private void pump() throws IOException {
        OutputStream out = socket.getOutputStream();
        int pending;
        while ((pending = transport.pending()) > 0) {
            ByteBuffer head = transport.head();
            byte[] bytes = new byte[pending];
            head.get(bytes);
            transport.pop(pending);
            out.write(bytes);
        }
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] chunk = new byte[65536];
        try {
            int n = in.read(chunk);
            if (n < 0) {
                throw new IOException("The broker closed the socket");
            }
            int offset = 0;
            while (offset < n) {
                int capacity = transport.capacity();
                int take = Math.min(capacity, n - offset);
                transport.tail().put(chunk, offset, take);
                transport.process();
                offset += take;
            }
        } catch (java.net.SocketTimeoutException idle) {
            // nothing arrived
        }
    }

    @Override
    public void close() throws IOException {
        connection.close();
        try {
            pump();
        } catch (IOException closedByBroker) {
            // the broker answers a close by closing the socket
        } finally {
            socket.close();
        }
    }
}
