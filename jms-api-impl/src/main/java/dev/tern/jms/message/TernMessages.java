package dev.tern.jms.message;

import dev.tern.protocol.MessageRecord;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.io.ByteArrayOutputStream;
import java.util.Enumeration;
import java.util.Objects;

/** Makes Tern messages from received records and from other providers' messages. */
public final class TernMessages {

    private TernMessages() {
    }

    /**
     * The message a consumer receives: body and properties read-only, a bytes or stream body in read
     * mode, JMSRedelivered set when {@code deliveryCount > 1} and the property {@code JMSXDeliveryCount}
     * set to {@code deliveryCount}.
     *
     * @param record the message as the broker delivered it
     * @param deliveryCount how many times it has been delivered, this time included (1 on first delivery)
     * @param trust the allow-list for an object message's body
     * @throws IllegalArgumentException if the record's body is not valid for its body type
     */
    public static TernMessage fromRecord(MessageRecord record, int deliveryCount, TrustedPackages trust) {
        Objects.requireNonNull(record, "record");
        TernMessage message = switch (record.bodyType()) {
            case NONE -> new TernMessage();
            case TEXT -> new TernTextMessage();
            case BYTES -> new TernBytesMessage();
            case MAP -> new TernMapMessage();
            case STREAM -> new TernStreamMessage();
            case OBJECT -> new TernObjectMessage(Objects.requireNonNull(trust, "trust"));
        };
        message.restore(record, deliveryCount);
        return message;
    }

    /**
     * A Tern message with the headers, properties and body of any JMS message, as a producer needs
     * to send another provider's message. A Tern message is returned as is. A foreign bytes or stream
     * message is {@code reset()} to read its body and is left reset, in read-only mode; a foreign
     * JMSReplyTo or JMSDestination that is neither a Queue nor a Topic is dropped, as JMS allows.
     *
     * @throws JMSException if the foreign message cannot be read
     */
    public static TernMessage copyOf(Message foreign, TrustedPackages trust) throws JMSException {
        Objects.requireNonNull(foreign, "message");
        if (foreign instanceof TernMessage tern) {
            return tern;
        }
        TernMessage copy = copyBody(foreign, trust);
        copy.copyHeadersAndProperties(foreign);
        return copy;
    }

    private static TernMessage copyBody(Message foreign, TrustedPackages trust) throws JMSException {
        if (foreign instanceof TextMessage text) {
            TernTextMessage copy = new TernTextMessage();
            copy.setText(text.getText());
            return copy;
        }
        if (foreign instanceof BytesMessage bytes) {
            TernBytesMessage copy = new TernBytesMessage();
            copy.writeBytes(readAll(bytes));
            return copy;
        }
        if (foreign instanceof MapMessage map) {
            TernMapMessage copy = new TernMapMessage();
            Enumeration<?> names = map.getMapNames();
            while (names.hasMoreElements()) {
                String name = (String) names.nextElement();
                copy.setObject(name, map.getObject(name));
            }
            return copy;
        }
        if (foreign instanceof StreamMessage stream) {
            TernStreamMessage copy = new TernStreamMessage();
            stream.reset();
            try {
                while (true) {
                    copy.writeObject(stream.readObject());
                }
            } catch (MessageEOFException end) {
                stream.reset();
            }
            return copy;
        }
        if (foreign instanceof ObjectMessage object) {
            return new TernObjectMessage(Objects.requireNonNull(trust, "trust"), object.getObject());
        }
        return new TernMessage();
    }

    private static byte[] readAll(BytesMessage bytes) throws JMSException {
        bytes.reset();
        ByteArrayOutputStream all = new ByteArrayOutputStream((int) Math.min(bytes.getBodyLength(), 1 << 20));
        byte[] chunk = new byte[8192];
        int count;
        while ((count = bytes.readBytes(chunk)) > 0) {
            all.write(chunk, 0, count);
        }
        bytes.reset();
        return all.toByteArray();
    }
}
