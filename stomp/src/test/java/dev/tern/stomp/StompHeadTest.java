package dev.tern.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.Broker;
import dev.tern.broker.net.ProtocolHead;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ServiceLoader;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The STOMP head is found by name and served on the port a broker option asks for. */
@Timeout(60)
class StompHeadTest {

    @Test
    void theHeadIsFoundByServiceLoaderAsStompOnPort61613() {
        ProtocolHead head = ServiceLoader.load(ProtocolHead.class).stream().map(ServiceLoader.Provider::get)
                .filter(found -> found.name().equals("stomp")).findFirst().orElseThrow();
        assertThat(head).isInstanceOf(StompHead.class);
        assertThat(head.defaultPort()).isEqualTo(61613);
    }

    @Test
    void aVmUrlOptionServesStompBesideTheInVmBroker() throws Exception {
        String name = "stomp-vm-" + UUID.randomUUID().toString().substring(0, 8);
        Connection jms = new TernConnectionFactory("vm://" + name + "?broker.persistent=false&broker.stompPort=0")
                .createConnection();
        try {
            jms.start();
            Broker broker = EmbeddedBrokers.find(name).orElseThrow();
            try (StompClient client = StompClient.connected(broker.protocolAcceptor("stomp").port(), "", "")) {
                Session session = jms.createSession(Session.AUTO_ACKNOWLEDGE);
                var consumer = session.createConsumer(session.createQueue("vm-stomp"));
                client.textFrame("SEND", "via stomp", "destination", "/queue/vm-stomp", "receipt", "r");
                assertThat(client.receive().command()).isEqualTo("RECEIPT");
                assertThat(((TextMessage) consumer.receive(10_000)).getText()).isEqualTo("via stomp");
            }
        } finally {
            jms.close();
            EmbeddedBrokers.stop(name);
        }
    }
}
