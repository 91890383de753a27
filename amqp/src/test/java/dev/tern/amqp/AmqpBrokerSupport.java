package dev.tern.amqp;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterEach;

/** Starts an in-memory embedded broker (so that {@code vm://NAME} reaches it) serving AMQP on a free port, and makes Qpid JMS and native factories for it. */
abstract class AmqpBrokerSupport {

    protected Broker broker;
    protected String name;

    protected void startBroker(UnaryOperator<BrokerConfig> configure) {
        name = "amqp-" + UUID.randomUUID().toString().substring(0, 8);
        BrokerConfig config = BrokerConfig.named(name).withPersistent(false)
                .withProtocol("amqp", TcpSettings.onPort(0).withHost("127.0.0.1"));
        broker = EmbeddedBrokers.start(configure.apply(config));
    }

    protected void startBroker() {
        startBroker(config -> config);
    }

    protected int amqpPort() {
        return broker.protocolAcceptor("amqp").port();
    }

    /** Qpid JMS against the broker's AMQP port, with URI options such as {@code jms.prefetchPolicy.all=0}. */
    protected JmsConnectionFactory qpid(String... options) {
        StringBuilder uri = new StringBuilder("amqp://127.0.0.1:" + amqpPort() + "?jms.requestTimeout=10000");
        for (String option : options) {
            uri.append('&').append(option);
        }
        return new JmsConnectionFactory(uri.toString());
    }

    /** Tern's own JMS client, in the same JVM. */
    protected dev.tern.jms.TernConnectionFactory tern() {
        return new dev.tern.jms.TernConnectionFactory("vm://" + name);
    }

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            EmbeddedBrokers.stop(name);
        }
    }
}
