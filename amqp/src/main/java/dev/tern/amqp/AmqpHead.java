package dev.tern.amqp;

import dev.tern.broker.net.BrokerEndpoint;
import dev.tern.broker.net.ProtocolAcceptor;
import dev.tern.broker.net.ProtocolHead;
import dev.tern.broker.net.TcpAcceptor;
import dev.tern.broker.net.TcpSettings;

/**
 * AMQP 1.0 on the broker, on Apache Qpid Proton-J: each socket gets an {@link AmqpTransportHandler} that
 * drives a Proton transport and turns the AMQP connection into one broker connection.
 */
public final class AmqpHead implements ProtocolHead {

    /** The IANA port of AMQP. */
    public static final int DEFAULT_PORT = 5672;

    @Override
    public String name() {
        return "amqp";
    }

    @Override
    public int defaultPort() {
        return DEFAULT_PORT;
    }

    @Override
    public ProtocolAcceptor start(BrokerEndpoint broker, TcpSettings settings, String threadPrefix) {
        String label = settings.tls() == null ? "amqp" : "amqps";
        return TcpAcceptor.serve(label, settings, threadPrefix + "-amqp",
                channel -> channel.pipeline().addLast("amqp", new AmqpTransportHandler(broker, settings)));
    }
}
