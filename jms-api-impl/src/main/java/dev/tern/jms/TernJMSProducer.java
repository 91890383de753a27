package dev.tern.jms;

import static dev.tern.jms.JmsExceptions.unchecked;
import static dev.tern.jms.JmsExceptions.uncheckedRun;

import dev.tern.jms.message.TernMessage;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * The simplified API's producer: header values and properties set on it apply to every message it
 * sends. Properties follow the same names, types and conversions as message properties.
 */
final class TernJMSProducer implements JMSProducer {

    private final TernSession session;
    private final SendOptions options = new SendOptions();
    private final TernMessage properties = new TernMessage();
    private String correlationId;
    private byte[] correlationIdBytes;
    private String type;
    private Destination replyTo;
    private CompletionListener completionListener;

    TernJMSProducer(TernSession session) {
        this.session = session;
    }

    @Override
    public JMSProducer send(Destination destination, Message message) {
        if (message == null) {
            throw new MessageFormatRuntimeException("The message to send is null.");
        }
        uncheckedRun(() -> {
            applyTo(message);
            TernMessageProducer.send(session, destination, message, options.copy(), completionListener);
        });
        return this;
    }

    @Override
    public JMSProducer send(Destination destination, String body) {
        return send(destination, unchecked(() -> session.createTextMessage(body)));
    }

    @Override
    public JMSProducer send(Destination destination, Map<String, Object> body) {
        MapMessage message = unchecked(session::createMapMessage);
        if (body != null) {
            uncheckedRun(() -> {
                for (Map.Entry<String, Object> entry : body.entrySet()) {
                    message.setObject(entry.getKey(), entry.getValue());
                }
            });
        }
        return send(destination, message);
    }

    @Override
    public JMSProducer send(Destination destination, byte[] body) {
        BytesMessage message = unchecked(session::createBytesMessage);
        if (body != null) {
            uncheckedRun(() -> message.writeBytes(body));
        }
        return send(destination, message);
    }

    @Override
    public JMSProducer send(Destination destination, Serializable body) {
        return send(destination, unchecked(() -> session.createObjectMessage(body)));
    }

    private void applyTo(Message message) throws JMSException {
        for (String name : Collections.list(properties.getPropertyNames())) {
            message.setObjectProperty(name, properties.getObjectProperty(name));
        }
        if (correlationIdBytes != null) {
            message.setJMSCorrelationIDAsBytes(correlationIdBytes);
        } else if (correlationId != null) {
            message.setJMSCorrelationID(correlationId);
        }
        if (type != null) {
            message.setJMSType(type);
        }
        if (replyTo != null) {
            message.setJMSReplyTo(replyTo);
        }
    }

    @Override
    public JMSProducer setDisableMessageID(boolean value) {
        options.disableMessageId = value;
        return this;
    }

    @Override
    public boolean getDisableMessageID() {
        return options.disableMessageId;
    }

    @Override
    public JMSProducer setDisableMessageTimestamp(boolean value) {
        options.disableTimestamp = value;
        return this;
    }

    @Override
    public boolean getDisableMessageTimestamp() {
        return options.disableTimestamp;
    }

    @Override
    public JMSProducer setDeliveryMode(int deliveryMode) {
        options.deliveryMode = unchecked(() -> SendOptions.checkDeliveryMode(deliveryMode));
        return this;
    }

    @Override
    public int getDeliveryMode() {
        return options.deliveryMode;
    }

    @Override
    public JMSProducer setPriority(int priority) {
        options.priority = unchecked(() -> SendOptions.checkPriority(priority));
        return this;
    }

    @Override
    public int getPriority() {
        return options.priority;
    }

    @Override
    public JMSProducer setTimeToLive(long timeToLive) {
        options.timeToLive = timeToLive;
        return this;
    }

    @Override
    public long getTimeToLive() {
        return options.timeToLive;
    }

    @Override
    public JMSProducer setDeliveryDelay(long deliveryDelay) {
        options.deliveryDelay = deliveryDelay;
        return this;
    }

    @Override
    public long getDeliveryDelay() {
        return options.deliveryDelay;
    }

    @Override
    public JMSProducer setAsync(CompletionListener listener) {
        this.completionListener = listener;
        return this;
    }

    @Override
    public CompletionListener getAsync() {
        return completionListener;
    }

    @Override
    public JMSProducer setProperty(String name, boolean value) {
        uncheckedRun(() -> properties.setBooleanProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, byte value) {
        uncheckedRun(() -> properties.setByteProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, short value) {
        uncheckedRun(() -> properties.setShortProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, int value) {
        uncheckedRun(() -> properties.setIntProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, long value) {
        uncheckedRun(() -> properties.setLongProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, float value) {
        uncheckedRun(() -> properties.setFloatProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, double value) {
        uncheckedRun(() -> properties.setDoubleProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, String value) {
        uncheckedRun(() -> properties.setStringProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, Object value) {
        uncheckedRun(() -> properties.setObjectProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer clearProperties() {
        uncheckedRun(properties::clearProperties);
        return this;
    }

    @Override
    public boolean propertyExists(String name) {
        return unchecked(() -> properties.propertyExists(name));
    }

    @Override
    public boolean getBooleanProperty(String name) {
        return unchecked(() -> properties.getBooleanProperty(name));
    }

    @Override
    public byte getByteProperty(String name) {
        return unchecked(() -> properties.getByteProperty(name));
    }

    @Override
    public short getShortProperty(String name) {
        return unchecked(() -> properties.getShortProperty(name));
    }

    @Override
    public int getIntProperty(String name) {
        return unchecked(() -> properties.getIntProperty(name));
    }

    @Override
    public long getLongProperty(String name) {
        return unchecked(() -> properties.getLongProperty(name));
    }

    @Override
    public float getFloatProperty(String name) {
        return unchecked(() -> properties.getFloatProperty(name));
    }

    @Override
    public double getDoubleProperty(String name) {
        return unchecked(() -> properties.getDoubleProperty(name));
    }

    @Override
    public String getStringProperty(String name) {
        return unchecked(() -> properties.getStringProperty(name));
    }

    @Override
    public Object getObjectProperty(String name) {
        return unchecked(() -> properties.getObjectProperty(name));
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.copyOf(unchecked(() -> Collections.list(properties.getPropertyNames())));
    }

    @Override
    public JMSProducer setJMSCorrelationIDAsBytes(byte[] correlationID) {
        this.correlationIdBytes = correlationID == null ? null : correlationID.clone();
        this.correlationId = null;
        return this;
    }

    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        return correlationIdBytes == null ? null : correlationIdBytes.clone();
    }

    @Override
    public JMSProducer setJMSCorrelationID(String correlationID) {
        this.correlationId = correlationID;
        this.correlationIdBytes = null;
        return this;
    }

    @Override
    public String getJMSCorrelationID() {
        return correlationId;
    }

    @Override
    public JMSProducer setJMSType(String newType) {
        this.type = newType;
        return this;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public JMSProducer setJMSReplyTo(Destination newReplyTo) {
        this.replyTo = newReplyTo;
        return this;
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }
}
