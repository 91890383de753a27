package dev.tern.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** CONNECT: credentials, version and heart-beat negotiation, and the watch on silent clients. */
@Timeout(60)
class StompConnectTest {

    @TempDir
    Path dir;

    @Test
    void connectWithGoodCredentialsAnswersConnectedWithVersionServerHeartBeatAndSession() throws Exception {
        try (StompBroker broker = new StompBroker(dir); StompClient client = StompClient.open(broker.port())) {
            StompClient.Frame connected = client.connect("alice", "secret", "host", "localhost");

            assertThat(connected.command()).isEqualTo("CONNECTED");
            assertThat(connected.header("version")).isEqualTo("1.2");
            assertThat(connected.header("server")).startsWith("Tern/");
            assertThat(connected.header("heart-beat")).isEqualTo("1000,10000");
            assertThat(connected.header("session")).isNotBlank();
        }
    }

    @Test
    void badCredentialsAreAnsweredWithErrorAndTheSocketClosesLeavingNoConnection() throws Exception {
        try (StompBroker broker = new StompBroker(dir); StompClient client = StompClient.open(broker.port())) {
            StompClient.Frame error = client.connect("alice", "wrong");

            assertThat(error.command()).isEqualTo("ERROR");
            assertThat(error.header("message")).contains("Authentication failed");
            client.awaitClosed();
            await().atMost(Duration.ofSeconds(10)).until(() -> broker.broker.connectionCount() == 0);
        }
    }

    @Test
    void stomp10ClientWithoutAcceptVersionIsServedAsStomp10() throws Exception {
        try (StompBroker broker = new StompBroker(dir); StompClient client = StompClient.open(broker.port())) {
            client.frame("STOMP", null, "login", "alice", "passcode", "secret");
            assertThat(client.receive().header("version")).isEqualTo("1.0");
        }
    }

    @Test
    void unsupportedVersionIsRefusedNamingTheSupportedOnes() throws Exception {
        try (StompBroker broker = new StompBroker(dir); StompClient client = StompClient.open(broker.port())) {
            client.frame("CONNECT", null, "accept-version", "2.0", "login", "alice", "passcode", "secret");
            StompClient.Frame error = client.receive();
            assertThat(error.command()).isEqualTo("ERROR");
            assertThat(error.header("message")).contains("1.0 1.1 1.2");
            client.awaitClosed();
        }
    }

    @Test
    void heartBeatsAreSentAtTheNegotiatedInterval() throws Exception {
        try (StompBroker broker = new StompBroker(dir); StompClient client = StompClient.open(broker.port())) {
            StompClient.Frame connected = client.connect("alice", "secret", "heart-beat", "0,500");
            assertThat(connected.command()).isEqualTo("CONNECTED");

            // the broker beats at the larger of 500 ms and the 1000 ms it offers
            await().atMost(Duration.ofSeconds(10)).until(() -> client.heartBeats() >= 2);
            assertThat(client.isClosedByBroker()).isFalse();
        }
    }

    @Test
    void aClientSilentForThreeOfItsHeartBeatIntervalsIsDisconnected() throws Exception {
        try (StompBroker broker = new StompBroker(dir, settings -> settings.withIdleTimeoutMillis(3_000));
                StompClient client = StompClient.open(broker.port())) {
            StompClient.Frame connected = client.connect("alice", "secret", "heart-beat", "500,0");
            assertThat(connected.header("heart-beat")).isEqualTo("1000,1000");
            long start = System.nanoTime();

            client.awaitClosed();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(2_500));
            await().atMost(Duration.ofSeconds(10)).until(() -> broker.broker.connectionCount() == 0);
        }
    }

    @Test
    void aClientThatBeatsStaysConnected() throws Exception {
        try (StompBroker broker = new StompBroker(dir, settings -> settings.withIdleTimeoutMillis(3_000));
                StompClient client = StompClient.open(broker.port())) {
            client.connect("alice", "secret", "heart-beat", "500,0");
            long end = System.nanoTime() + Duration.ofMillis(4_500).toNanos();
            while (System.nanoTime() < end) {
                client.raw(new byte[] {'\n'});
                assertThat(client.receiveWithin(Duration.ofMillis(500))).isNull();
            }
            assertThat(client.isClosedByBroker()).isFalse();
        }
    }

    @Test
    void aSocketThatNeverSendsConnectIsClosedAfterTheIdleTimeout() throws Exception {
        try (StompBroker broker = new StompBroker(dir, settings -> settings.withIdleTimeoutMillis(1_000));
                StompClient client = StompClient.open(broker.port())) {
            StompClient.Frame error = client.awaitClosed();
            assertThat(error.header("message")).contains("No CONNECT");
        }
    }

    @Test
    void clientIdOfAnotherConnectionIsRefused() throws Exception {
        try (StompBroker broker = new StompBroker(dir);
                StompClient first = StompClient.connected(broker.port(), "alice", "secret", "client-id", "app-1");
                StompClient second = StompClient.open(broker.port())) {
            StompClient.Frame error = second.connect("alice", "secret", "client-id", "app-1");
            assertThat(error.command()).isEqualTo("ERROR");
            assertThat(error.header("message")).contains("app-1");
            second.awaitClosed();
            assertThat(first.isClosedByBroker()).isFalse();
        }
    }
}
