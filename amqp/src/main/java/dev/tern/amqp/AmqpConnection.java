package dev.tern.amqp;

import dev.tern.broker.net.BrokerEndpoint;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.security.ClientOrigin;
import dev.tern.broker.session.ServerConnection;
import dev.tern.protocol.AckMode;
import dev.tern.protocol.Command;
import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.Event;
import dev.tern.protocol.InVmConnector;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.transaction.Coordinator;
import org.apache.qpid.proton.amqp.transport.ConnectionError;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sasl;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.engine.Session;
import org.apache.qpid.proton.engine.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AMQP connection as the broker sees it: SASL, open and close, sessions and links, turned into the
 * commands of one {@link ServerConnection}, whose events come back here. Everything runs on the socket's
 * event loop; broker events are handed over to it.
 */
final class AmqpConnection {

    private static final Logger LOG = LoggerFactory.getLogger(AmqpConnection.class);

    static final Symbol SOLE_CONNECTION_FOR_CONTAINER = Symbol.valueOf("sole-connection-for-container");
    static final Symbol ANONYMOUS_RELAY = Symbol.valueOf("ANONYMOUS-RELAY");
    static final Symbol DELAYED_DELIVERY = Symbol.valueOf("DELAYED_DELIVERY");
    static final Symbol SHARED_SUBS = Symbol.valueOf("SHARED-SUBS");
    static final Symbol CONNECTION_OPEN_FAILED = Symbol.valueOf("amqp:connection-establishment-failed");

    private final AmqpTransportHandler handler;
    private final Connection connection;
    private final TcpSettings settings;
    private final ServerConnection server;
    private final Map<Long, Consumer<Event.Answer>> pending = new HashMap<>();
    private final Map<Long, OutgoingLink> consumers = new HashMap<>();
    private final Map<Binary, AmqpTransaction> transactions = new HashMap<>();
    private long requestIds;
    private long sessionIds;
    private long consumerIds;
    private long transactionIds;
    private boolean openSent;
    private boolean clientIdClaimed;
    private boolean aborted;
    private boolean closed;

    AmqpConnection(AmqpTransportHandler handler, Connection connection, Transport transport, BrokerEndpoint broker,
            TcpSettings settings) {
        this.handler = handler;
        this.connection = connection;
        this.settings = settings;
        this.server = broker.connect(InVmConnector.EventListener.queuing(
                event -> handler.execute(() -> onBrokerEvent(event))), ClientOrigin.at(handler.remoteAddress()), () -> { });
        new SaslServer(this::authenticate, handler::requestClose).install(transport);
    }

    TcpSettings settings() {
        return settings;
    }

    // ---- broker side

    /** Sends a command with the next request ID; {@code onAnswer} runs on the event loop with its answer. */
    void request(LongFunction<Command> command, Consumer<Event.Answer> onAnswer) {
        long requestId = ++requestIds;
        if (onAnswer != null) {
            pending.put(requestId, onAnswer);
        }
        server.send(command.apply(requestId));
    }

    /** Sends a command whose answer only matters if it fails, which is logged. */
    void request(LongFunction<Command> command) {
        request(command, answer -> {
            if (answer instanceof Event.Failed failed) {
                LOG.debug("AMQP connection: {} {}", failed.code(), failed.message());
            }
        });
    }

    /** Sends a command that is never answered (credit). */
    void sendUnanswered(LongFunction<Command> command) {
        server.send(command.apply(++requestIds));
    }

    long nextSessionId() {
        return ++sessionIds;
    }

    long nextConsumerId() {
        return ++consumerIds;
    }

    void registerConsumer(long consumerId, OutgoingLink link) {
        consumers.put(consumerId, link);
    }

    void unregisterConsumer(long consumerId) {
        consumers.remove(consumerId);
    }

    Binary newTransaction(AmqpTransaction transaction) {
        byte[] id = Long.toString(++transactionIds).getBytes(StandardCharsets.US_ASCII);
        Binary txnId = new Binary(id);
        transactions.put(txnId, transaction);
        return txnId;
    }

    AmqpTransaction transaction(Binary txnId) {
        return txnId == null ? null : transactions.get(txnId);
    }

    AmqpTransaction removeTransaction(Binary txnId) {
        return txnId == null ? null : transactions.remove(txnId);
    }

    private void onBrokerEvent(Event event) {
        if (event instanceof Event.Answer answer) {
            Consumer<Event.Answer> callback = pending.remove(answer.requestId());
            if (callback != null && !aborted) {
                callback.accept(answer);
            }
        } else if (event instanceof Event.Deliver deliver) {
            OutgoingLink link = consumers.get(deliver.consumerId());
            if (link != null) {
                link.deliver(deliver);
            }
        } else if (event instanceof Event.DeliveryRevoked revoked) {
            OutgoingLink link = consumers.get(revoked.consumerId());
            if (link != null) {
                link.revoked(revoked.deliveryId());
            }
        } else if (event instanceof Event.ConnectionClosed closedByBroker) {
            LOG.info("Broker closed AMQP connection {}: {}", connection.getRemoteContainer(), closedByBroker.message());
            if (!closed && connection.getLocalState() != EndpointState.CLOSED) {
                connection.setCondition(new ErrorCondition(ConnectionError.CONNECTION_FORCED, closedByBroker.message()));
                if (connection.getLocalState() == EndpointState.UNINITIALIZED) {
                    connection.open();
                }
                connection.close();
            }
            closed = true;
            handler.requestClose();
        }
    }

    // ---- transport side

    void handle(org.apache.qpid.proton.engine.Event event) {
        switch (event.getType()) {
            case CONNECTION_REMOTE_OPEN -> remoteOpen();
            case CONNECTION_REMOTE_CLOSE -> remoteClose();
            case SESSION_REMOTE_OPEN -> sessionOpened(event.getSession());
            case SESSION_REMOTE_CLOSE -> sessionEnded(event.getSession());
            case LINK_REMOTE_OPEN -> linkAttached(event.getLink());
            case LINK_REMOTE_DETACH -> linkDetached(event.getLink(), false);
            case LINK_REMOTE_CLOSE -> linkDetached(event.getLink(), true);
            case LINK_FLOW -> {
                if (event.getLink().getContext() instanceof LinkHandler link) {
                    link.flow();
                }
            }
            case DELIVERY -> {
                Delivery delivery = event.getDelivery();
                if (delivery.getLink().getContext() instanceof LinkHandler link) {
                    link.delivery(delivery);
                }
            }
            default -> {
            }
        }
    }

    /**
     * Makes the container-id the connection's client ID if it has none, for a durable subscription of a
     * client that did not ask for {@code sole-connection-for-container} (Python and Node clients name their
     * durable subscriptions by container-id and link name). Queued before the command that needs it; if the
     * ID is taken, that command fails with the broker's reason.
     */
    void claimContainerIdAsClientId() {
        String container = connection.getRemoteContainer();
        if (clientIdClaimed || container == null || container.isEmpty()) {
            return;
        }
        clientIdClaimed = true;
        request(id -> new Command.SetClientId(id, container));
    }

    /** Opens the broker connection with SASL's credentials; the broker's users decide the outcome. */
    private void authenticate(String mechanism, String user, String password, Consumer<Sasl.SaslOutcome> outcome) {
        openSent = true;
        request(id -> new Command.OpenConnection(id, null, user, password), answer -> {
            if (answer instanceof Event.Failed failed) {
                LOG.info("AMQP SASL {} refused for {}: {}", mechanism, user, failed.message());
                closeBroker();
                outcome.accept(failed.code() == ErrorCode.SECURITY ? Sasl.SaslOutcome.PN_SASL_AUTH
                        : Sasl.SaslOutcome.PN_SASL_TEMP);
            } else {
                sendUnanswered(Command.StartDelivery::new);
                outcome.accept(Sasl.SaslOutcome.PN_SASL_OK);
            }
        });
    }

    /** Whether the peer has sent its open (after SASL, if any). */
    boolean isOpenedByPeer() {
        return connection.getRemoteState() != EndpointState.UNINITIALIZED;
    }

    private void remoteOpen() {
        String container = connection.getRemoteContainer();
        boolean sole = contains(connection.getRemoteDesiredCapabilities(), SOLE_CONNECTION_FOR_CONTAINER);
        String clientId = sole && container != null && !container.isEmpty() ? container : null;
        clientIdClaimed = clientId != null;
        if (!openSent) {
            openSent = true;
            request(id -> new Command.OpenConnection(id, clientId, null, null), answer -> {
                if (answer instanceof Event.Failed failed) {
                    refuseOpen(failed);
                } else {
                    sendUnanswered(Command.StartDelivery::new);
                    acceptOpen();
                }
            });
        } else if (clientId != null) {
            request(id -> new Command.SetClientId(id, clientId), answer -> {
                if (answer instanceof Event.Failed failed) {
                    refuseOpen(failed);
                } else {
                    acceptOpen();
                }
            });
        } else {
            acceptOpen();
        }
    }

    private void acceptOpen() {
        connection.setContainer("tern");
        connection.setOfferedCapabilities(new Symbol[] {ANONYMOUS_RELAY, DELAYED_DELIVERY, SHARED_SUBS,
                SOLE_CONNECTION_FOR_CONTAINER});
        Map<Symbol, Object> properties = new HashMap<>();
        properties.put(Symbol.valueOf("product"), "Tern");
        String version = AmqpConnection.class.getPackage().getImplementationVersion();
        properties.put(Symbol.valueOf("version"), version == null ? "0.1.0-SNAPSHOT" : version);
        connection.setProperties(properties);
        connection.open();
    }

    /** Opens and at once closes with the broker's reason, as AMQP asks of a refused open. */
    private void refuseOpen(Event.Failed failed) {
        LOG.info("AMQP connection {} refused: {}", connection.getRemoteContainer(), failed.message());
        connection.setContainer("tern");
        connection.setProperties(Map.of(CONNECTION_OPEN_FAILED, Boolean.TRUE));
        connection.open();
        connection.setCondition(AmqpErrors.of(failed.code(), failed.message()));
        connection.close();
        closeBroker();
        handler.requestClose();
    }

    private void remoteClose() {
        if (closed) {
            connection.close();
            handler.requestClose();
            return;
        }
        closed = true;
        request(Command.CloseConnection::new, answer -> {
            connection.close();
            handler.requestClose();
        });
    }

    private void closeBroker() {
        if (!closed) {
            closed = true;
            request(Command.CloseConnection::new, null);
        }
    }

    private void sessionOpened(Session session) {
        AmqpSession state = new AmqpSession(nextSessionId());
        session.setContext(state);
        request(id -> new Command.CreateSession(id, state.brokerSessionId(), AckMode.AUTO));
        session.open();
    }

    private void sessionEnded(Session session) {
        if (session.getContext() instanceof AmqpSession state) {
            for (LinkHandler link : state.links()) {
                link.detached(false, true);
            }
            request(id -> new Command.CloseSession(id, state.brokerSessionId(), java.util.List.of()));
        }
        session.close();
    }

    private void linkAttached(Link link) {
        AmqpSession session = (AmqpSession) link.getSession().getContext();
        if (session == null) {
            throw new IllegalStateException("link attached on a session not begun");
        }
        LinkHandler handlerOfLink;
        if (link instanceof Receiver receiver) {
            if (receiver.getRemoteTarget() instanceof Coordinator) {
                handlerOfLink = new TransactionCoordinator(this, receiver);
            } else {
                handlerOfLink = new IncomingLink(this, session, receiver);
            }
        } else if (BrowserLink.wants((Sender) link)) {
            handlerOfLink = new BrowserLink(this, session, (Sender) link);
        } else {
            handlerOfLink = new OutgoingLink(this, session, (Sender) link);
        }
        link.setContext(handlerOfLink);
        session.add(handlerOfLink);
        if (handlerOfLink instanceof IncomingLink incoming) {
            incoming.attach();
        } else if (handlerOfLink instanceof OutgoingLink outgoing) {
            outgoing.attach();
        } else if (handlerOfLink instanceof BrowserLink browser) {
            browser.attach();
        } else {
            ((TransactionCoordinator) handlerOfLink).attach();
        }
    }

    private void linkDetached(Link link, boolean closedForGood) {
        if (link.getContext() instanceof LinkHandler linkHandler) {
            if (link.getSession().getContext() instanceof AmqpSession session) {
                session.remove(linkHandler);
            }
            linkHandler.detached(closedForGood, false);
        } else {
            if (closedForGood) {
                link.close();
            } else {
                link.detach();
            }
            link.free();
        }
    }

    /** The transport failed or closed: release everything the broker holds for this connection. */
    /** Whether the peer sent its close; it is answered once the broker connection has closed. */
    boolean isClosedByPeer() {
        return connection.getRemoteState() == EndpointState.CLOSED;
    }

    void transportFailed() {
        abort();
    }

    /** The socket closed. */
    void socketClosed() {
        abort();
    }

    private void abort() {
        if (!aborted) {
            aborted = true;
            closed = true;
            server.abort();
        }
    }

    static boolean contains(Symbol[] symbols, Symbol wanted) {
        return symbols != null && Arrays.asList(symbols).contains(wanted);
    }
}
