package dev.tern.jms.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tern.jms.TernConnectionFactory;
import dev.tern.protocol.Command;
import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.Event;
import dev.tern.protocol.wire.Hello;
import dev.tern.protocol.wire.WireFormat;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The tcp:// client against a scripted fake broker: handshake, link failures, and its threads. */
@Timeout(60)
class NettyProviderTest {

    @AfterEach
    void noClientThreadIsLeft() {
        await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("tern-tcp-client-")));
    }

    private static String url(ScriptedBroker broker) {
        return "tcp://127.0.0.1:" + broker.port() + "?jms.requestTimeout=5000";
    }

    @Test
    void losingTheSocketFailsAWaitingCallAndTellsTheExceptionListener() throws Exception {
        CountDownLatch sessionRequested = new CountDownLatch(1);
        try (ScriptedBroker broker = new ScriptedBroker(b -> {
            b.acceptConnection(0);
            sessionRequested.await(5, TimeUnit.SECONDS);
            b.closeSocket();
        })) {
            Connection connection = new TernConnectionFactory(url(broker)).createConnection();
            AtomicReference<JMSException> told = new AtomicReference<>();
            connection.setExceptionListener(told::set);
            CompletableFuture<Session> session = CompletableFuture.supplyAsync(() -> {
                sessionRequested.countDown();
                try {
                    return connection.createSession(Session.AUTO_ACKNOWLEDGE);
                } catch (JMSException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            assertThatThrownBy(() -> session.get(4, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(JMSException.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> told.get() != null);
            connection.close();
            broker.awaitScript();
        }
    }

    @Test
    void aBrokerOfAnotherVersionIsRefusedWithAClearError() throws Exception {
        try (ScriptedBroker broker = new ScriptedBroker(b -> {
            b.readHello();
            b.send(new Hello(WireFormat.VERSION + 1, 0), new Event.ConnectionClosed(ErrorCode.INVALID_ARGUMENT, "version"));
            b.awaitClientClose();
        })) {
            assertThatThrownBy(() -> new TernConnectionFactory(url(broker)).createConnection())
                    .isInstanceOf(JMSException.class)
                    .hasMessageContaining("speaks protocol version " + (WireFormat.VERSION + 1)
                            + "; this client speaks version " + WireFormat.VERSION);
            broker.awaitScript();
        }
    }

    @Test
    void aPortWithNoBrokerIsAClearError() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        assertThatThrownBy(() -> new TernConnectionFactory("tcp://127.0.0.1:" + port).createConnection())
                .isInstanceOf(JMSException.class)
                .hasMessageContaining("Could not connect to the broker at tcp://127.0.0.1:" + port);
    }

    @Test
    void aPeerThatNeverAnswersTheHandshakeTimesOut() throws Exception {
        try (ScriptedBroker broker = new ScriptedBroker(b -> {
            b.readHello();
            b.awaitClientClose();
        })) {
            assertThatThrownBy(() -> new TernConnectionFactory("tcp://127.0.0.1:" + broker.port()
                    + "?jms.requestTimeout=500").createConnection())
                    .isInstanceOf(JMSException.class)
                    .hasMessageContaining("did not answer the handshake within 500 ms");
            broker.awaitScript();
        }
    }

    @Test
    void garbageFromTheBrokerClosesTheLinkAndFailsPendingRequests() throws Exception {
        CountDownLatch requested = new CountDownLatch(1);
        RecordingListener listener = new RecordingListener();
        try (ScriptedBroker broker = new ScriptedBroker(b -> {
            b.acceptConnection(0);
            requested.await(5, TimeUnit.SECONDS);
            b.sendRaw(new byte[] {0, 0, 0, 2, 99, 99});
            b.awaitClientClose();
        })) {
            NettyProvider provider = new NettyProvider("127.0.0.1", broker.port(),
                    TcpClientSettings.withConnectTimeout(5_000), listener);
            assertThat(provider.request(id -> new Command.OpenConnection(id, null, null, null)).get(5, TimeUnit.SECONDS))
                    .isEqualTo(new Event.Ok(1));
            CompletableFuture<Event> pending = provider.request(id -> new Command.CreateSession(id, 1, dev.tern.protocol.AckMode.AUTO));
            requested.countDown();
            assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ProviderException.class);
            assertThat(listener.lost.await(5, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> provider.request(id -> new Command.CloseConnection(id)).get(1, TimeUnit.SECONDS))
                    .as("requests after the loss fail at once").hasCauseInstanceOf(ProviderException.class);
            provider.abort();
            broker.awaitScript();
        }
    }

    @Test
    void aSilentBrokerIsDroppedAfterTheClientsIdleTimeout() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (ScriptedBroker broker = new ScriptedBroker(b -> {
            Hello hello = b.readHello();
            assertThat(hello.idleTimeoutMillis()).as("300 ms raised to the minimum").isEqualTo(WireFormat.MIN_IDLE_TIMEOUT_MILLIS);
            b.send(Hello.current(0));
            b.awaitClientClose();
        })) {
            NettyProvider provider = new NettyProvider("127.0.0.1", broker.port(),
                    new TcpClientSettings(5_000, 300, 1 << 20, null), listener);
            assertThat(listener.lost.await(5, TimeUnit.SECONDS)).isTrue();
            provider.abort();
            broker.awaitScript();
        }
    }

    @Test
    void aBrokerAskingForAThreeMillisecondIdleTimeoutGetsAHeartbeatAThirdOfASecondAtMost() throws Exception {
        AtomicReference<Integer> heartbeatBytes = new AtomicReference<>();
        try (ScriptedBroker broker = new ScriptedBroker(b -> {
            b.readHello();
            b.send(new Hello(WireFormat.VERSION, 3));
            heartbeatBytes.set(b.countBytesFor(Duration.ofMillis(1_000)));
        })) {
            NettyProvider provider = new NettyProvider("127.0.0.1", broker.port(),
                    new TcpClientSettings(5_000, 0, 1 << 20, null), new RecordingListener());
            broker.awaitScript();
            provider.abort();
        }
        assertThat(heartbeatBytes.get() / 5).as("heartbeats in one second").isBetween(1, 4);
    }

    @Test
    void aMessageLargerThanTheMaximumFrameFailsItsRequestOnly() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (ScriptedBroker broker = new ScriptedBroker(b -> {
            b.acceptConnection(0);
            b.awaitClientClose();
        })) {
            NettyProvider provider = new NettyProvider("127.0.0.1", broker.port(),
                    new TcpClientSettings(5_000, 0, 1024, null), listener);
            provider.request(id -> new Command.OpenConnection(id, null, null, null)).get(5, TimeUnit.SECONDS);
            var big = new dev.tern.protocol.MessageRecord(null, dev.tern.protocol.DestinationName.queue("q"), 0, null,
                    null, null, false, 4, 0, 0, null, dev.tern.protocol.BodyType.BYTES, new byte[2048]);
            assertThatThrownBy(() -> provider.request(id -> new Command.Send(id, 1, big)).get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ProviderException.class)
                    .hasMessageContaining("exceeds the maximum frame size of 1024 bytes");
            assertThat(listener.lost.getCount()).as("the link survives").isEqualTo(1);
            provider.abort();
            broker.awaitScript();
        }
    }

    @Test
    void aPostedCommandCarriesTheRequestIdThatAsksForNoAnswer() throws Exception {
        AtomicReference<Long> posted = new AtomicReference<>();
        try (ScriptedBroker broker = new ScriptedBroker(b -> {
            b.acceptConnection(0);
            b.awaitClientClose();
        })) {
            NettyProvider provider = new NettyProvider("127.0.0.1", broker.port(),
                    TcpClientSettings.withConnectTimeout(5_000), new RecordingListener());
            provider.request(id -> new Command.OpenConnection(id, null, null, null)).get(5, TimeUnit.SECONDS);
            provider.post(id -> {
                posted.set(id);
                return new Command.Acknowledge(id, 1, java.util.List.of(1L));
            });
            assertThat(posted.get()).isEqualTo(Command.UNANSWERED);
            provider.abort();
            broker.awaitScript();
        }
    }

    private static final class RecordingListener implements ProviderListener {
        final CountDownLatch lost = new CountDownLatch(1);

        @Override
        public void onDelivery(Event.Deliver delivery) {
        }

        @Override
        public void onSessionRecovered(long sessionId) {
        }

        @Override
        public void onDeliveryRevoked(long consumerId, long deliveryId) {
        }

        @Override
        public void onConnectionLost(ProviderException cause) {
            lost.countDown();
        }
    }
}
