package dev.tern.interop;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AMQP's close handshake: a client that closes its connection gets the broker's close frame before the socket
 * ends. Qpid Proton reports a socket dropped without it as "connection aborted", an error in the client's log; the
 * other tests only warn about it, this one fails on it.
 */
class AmqpCloseInteropTest {

    @Test
    void theBrokerAnswersAClientsCloseWithItsOwnBeforeDroppingTheSocket() {
        Clients.assumeAvailable(Clients.PYTHON_AMQP);
        try (InteropBroker broker = InteropBroker.inMemory("interop-close", Map.of())) {
            Clients.PYTHON_AMQP.send(broker, Dest.queue("close"), List.of(Samples.text(0, "python-amqp")),
                    List.of("--strict-close"));
            assertThat(broker.messageCount("close")).isEqualTo(1);
        }
    }
}
