package dev.tern.amqp.message;

import io.netty.buffer.ByteBuf;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import org.apache.qpid.jms.JmsDestination;
import org.apache.qpid.jms.JmsQueue;
import org.apache.qpid.jms.message.JmsMessage;
import org.apache.qpid.jms.meta.JmsConnectionId;
import org.apache.qpid.jms.meta.JmsConnectionInfo;
import org.apache.qpid.jms.meta.JmsConsumerId;
import org.apache.qpid.jms.meta.JmsConsumerInfo;
import org.apache.qpid.jms.policy.JmsDefaultDeserializationPolicy;
import org.apache.qpid.jms.provider.amqp.AmqpConnection;
import org.apache.qpid.jms.provider.amqp.AmqpConsumer;
import org.apache.qpid.jms.provider.amqp.message.AmqpCodec;
import org.apache.qpid.jms.provider.amqp.message.AmqpJmsMessageFacade;
import org.apache.qpid.proton.codec.ReadableBuffer;

/**
 * Qpid JMS's own message encoding and decoding, without a connection: its message facades need only a
 * connection's address prefixes and a consumer's destination, so stand-ins made without running their
 * constructors (which want a live provider) supply those. What this encodes is what a Qpid JMS producer
 * puts on the wire; what it decodes is what a Qpid JMS consumer sees.
 */
final class QpidJmsCodec {

    private static final StandInConnection CONNECTION = allocate(StandInConnection.class);
    private static final StandInConsumer CONSUMER = allocate(StandInConsumer.class);

    private QpidJmsCodec() {
    }

    /** A new outgoing Qpid JMS message of the facade's type. */
    static <M extends JmsMessage> M newMessage(AmqpJmsMessageFacade facade, Class<M> type) {
        facade.initialize(CONNECTION);
        return type.cast(facade.asJmsMessage());
    }

    /** The bytes a Qpid JMS producer with the given time-to-live sends for the message. */
    static byte[] encode(JmsMessage message, long producerTtl) throws Exception {
        message.onSend(producerTtl);
        ByteBuf buffer = ((AmqpJmsMessageFacade) message.getFacade()).encodeMessage();
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.readBytes(bytes);
        return bytes;
    }

    /** The message a Qpid JMS consumer makes of the bytes. */
    static JmsMessage decode(byte[] wire) throws Exception {
        JmsMessage message = AmqpCodec.decodeMessage(CONSUMER,
                ReadableBuffer.ByteBufferReader.wrap(ByteBuffer.wrap(wire))).asJmsMessage();
        message.onDispatch();
        return message;
    }

    private static <T> T allocate(Class<T> type) {
        try {
            Field field = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
            field.setAccessible(true);
            Object unsafe = field.get(null);
            Object instance = unsafe.getClass().getMethod("allocateInstance", Class.class).invoke(unsafe, type);
            return type.cast(instance);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a Qpid JMS stand-in", e);
        }
    }

    /** A connection with no address prefixes that sends ObjectMessages Java-serialized. */
    static final class StandInConnection extends AmqpConnection {
        private static final JmsConnectionInfo INFO = new JmsConnectionInfo(new JmsConnectionId("ID:test-connection"));

        private StandInConnection() {
            super(null, null, null);
        }

        @Override
        public String getQueuePrefix() {
            return null;
        }

        @Override
        public String getTopicPrefix() {
            return null;
        }

        @Override
        public boolean isObjectMessageUsesAmqpTypes() {
            return false;
        }

        @Override
        public JmsConnectionInfo getResourceInfo() {
            return INFO;
        }
    }

    /** A consumer of queue "work" on the stand-in connection, with Qpid JMS's default deserialization policy. */
    static final class StandInConsumer extends AmqpConsumer {
        private StandInConsumer() {
            super(null, null, null);
        }

        @Override
        public AmqpConnection getConnection() {
            return CONNECTION;
        }

        @Override
        public JmsDestination getDestination() {
            return new JmsQueue("work");
        }

        @Override
        public JmsConsumerInfo getResourceInfo() {
            JmsConsumerInfo info = new JmsConsumerInfo(new JmsConsumerId("ID:test-connection", 1, 1), null);
            info.setDeserializationPolicy(new JmsDefaultDeserializationPolicy());
            return info;
        }
    }
}
