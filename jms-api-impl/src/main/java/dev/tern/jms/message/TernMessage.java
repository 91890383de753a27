package dev.tern.jms.message;

import dev.tern.jms.TernDestination;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.MessageRecord;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

/**
 * A Tern message: the JMS headers, the properties and the read-only rules. This class itself is the
 * plain {@link Message} with no body, as {@code Session.createMessage()} returns; the subclasses add
 * the five JMS body types.
 *
 * <p>A new message has priority 4, delivery mode PERSISTENT and every other header unset. The
 * producer stamps the headers on send and sends {@link #toRecord()}; a consumer gets the message back
 * from {@link TernMessages#fromRecord}, with body and properties read-only until
 * {@link #clearBody()} / {@link #clearProperties()}. Headers are never read-only.
 *
 * <p>Properties follow {@link MessageProperties}: names must be selector identifiers, values are read
 * through the JMS conversion table, and a received message carries {@code JMSXDeliveryCount}, which
 * survives {@code clearProperties()} and is never sent.
 *
 * <p>A correlation ID given as bytes is kept as the String whose chars are those bytes
 * (ISO-8859-1), so it round-trips losslessly; {@link #getJMSCorrelationIDAsBytes()} of a String with
 * chars above U+00FF gives its UTF-8 bytes.
 *
 * <p>Like all JMS messages, instances are not thread-safe.
 */
public sealed class TernMessage implements Message
        permits TernTextMessage, TernBytesMessage, TernMapMessage, TernStreamMessage, TernObjectMessage {

    private String messageId;
    private long timestamp;
    private String correlationId;
    private Destination replyTo;
    private Destination destination;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private boolean redelivered;
    private String type;
    private long expiration;
    private long deliveryTime;
    private int priority = DEFAULT_PRIORITY;
    private final MessageProperties properties = new MessageProperties();
    private boolean bodyReadOnly;
    private Acknowledger acknowledger;

    /** A new message with no body, for {@code Session.createMessage()}. */
    public TernMessage() {
    }

    // ---- record conversion ----

    /**
     * A snapshot of this message as the provider carries it: headers, properties (without
     * {@code JMSXDeliveryCount}) and the encoded body.
     *
     * @throws JMSException if JMSDestination is unset, a destination is not a queue or topic, the
     *         priority is outside 0-9, or the body cannot be encoded
     */
    public MessageRecord toRecord() throws JMSException {
        if (destination == null) {
            throw new JMSException("The message has no JMSDestination; a message producer sets it on send.");
        }
        if (priority < 0 || priority > 9) {
            throw new JMSException("JMSPriority must be 0 to 9, was " + priority + ".");
        }
        DestinationName to = TernDestination.nameOf(destination);
        DestinationName reply = replyTo == null ? null : TernDestination.nameOf(replyTo);
        return new MessageRecord(messageId, to, timestamp, correlationId, reply, type,
                deliveryMode == DeliveryMode.PERSISTENT, priority, expiration, deliveryTime,
                properties.forRecord(), bodyType(), encodeBody());
    }

    /** Which JMS message type this is. */
    public BodyType bodyType() {
        return BodyType.NONE;
    }

    /** Makes this message the received copy of the record: headers, read-only properties and body. */
    final void restore(MessageRecord record, int deliveryCount) {
        messageId = record.messageId();
        timestamp = record.timestamp();
        correlationId = record.correlationId();
        replyTo = record.replyTo() == null ? null : TernDestination.of(record.replyTo());
        destination = TernDestination.of(record.destination());
        deliveryMode = record.persistent() ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT;
        redelivered = deliveryCount > 1;
        type = record.type();
        expiration = record.expiration();
        deliveryTime = record.deliveryTime();
        priority = record.priority();
        properties.restore(record.properties(), deliveryCount);
        restoreBody(record.body());
        bodyReadOnly = true;
    }

    /** Copies the headers and properties of another provider's message into this one. */
    final void copyHeadersAndProperties(Message foreign) throws JMSException {
        messageId = foreign.getJMSMessageID();
        timestamp = foreign.getJMSTimestamp();
        correlationId = foreign.getJMSCorrelationID();
        replyTo = convertibleOrNull(foreign.getJMSReplyTo());
        destination = convertibleOrNull(foreign.getJMSDestination());
        deliveryMode = foreign.getJMSDeliveryMode();
        redelivered = foreign.getJMSRedelivered();
        type = foreign.getJMSType();
        expiration = foreign.getJMSExpiration();
        deliveryTime = foreign.getJMSDeliveryTime();
        priority = foreign.getJMSPriority();
        Enumeration<?> names = foreign.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            properties.set(name, foreign.getObjectProperty(name));
        }
    }

    /** A foreign destination as a Tern one, or null if it is neither a queue nor a topic (JMS allows dropping it). */
    private static Destination convertibleOrNull(Destination foreign) {
        if (foreign == null || foreign instanceof TernDestination) {
            return foreign;
        }
        try {
            return TernDestination.of(TernDestination.nameOf(foreign));
        } catch (JMSException e) {
            return null;
        }
    }

    // ---- body hooks for the subclasses ----

    /** The body encoded as {@link #bodyType()} documents. */
    byte[] encodeBody() throws JMSException {
        return new byte[0];
    }

    /** Sets the body from a received record's bytes; the caller then makes it read-only. */
    void restoreBody(byte[] body) {
    }

    /** Empties the body. */
    void clearBodyContent() {
    }

    /**
     * The body as {@link #getBody} returns it, or null if there is none.
     *
     * @throws MessageFormatException if this type has no {@code getBody} or the body cannot be decoded
     */
    Object bodyValue() throws JMSException {
        return null;
    }

    /** The type that {@link #getBody} checks the asked class against. */
    Class<?> bodyClass(Object body) {
        return body.getClass();
    }

    /** A short description of the body for {@link #toString()}, or null. */
    String bodySummary() {
        return null;
    }

    final boolean isBodyReadOnly() {
        return bodyReadOnly;
    }

    final void setBodyReadOnly(boolean readOnly) {
        bodyReadOnly = readOnly;
    }

    final void checkBodyWritable() throws MessageNotWriteableException {
        if (bodyReadOnly) {
            throw new MessageNotWriteableException("The body of this " + getClass().getSimpleName()
                    + " is read-only (a received message, or after reset()); call clearBody() to write a new body.");
        }
    }

    final void checkBodyReadable() throws MessageNotReadableException {
        if (!bodyReadOnly) {
            throw new MessageNotReadableException("This " + getClass().getSimpleName()
                    + " is in write-only mode; call reset() to read it.");
        }
    }

    // ---- acknowledgement ----

    /** Sets what {@link #acknowledge()} does; a received message gets its session's. */
    public void setAcknowledger(Acknowledger acknowledger) {
        this.acknowledger = acknowledger;
    }

    @Override
    public void acknowledge() throws JMSException {
        Acknowledger current = acknowledger;
        if (current != null) {
            current.acknowledge();
        }
    }

    // ---- body ----

    @Override
    public final void clearBody() throws JMSException {
        clearBodyContent();
        bodyReadOnly = false;
    }

    @Override
    public final <T> T getBody(Class<T> c) throws JMSException {
        Object body = bodyValue();
        if (body == null) {
            return null;
        }
        if (c == null || !c.isAssignableFrom(bodyClass(body))) {
            throw new MessageFormatException("The body of this " + getClass().getSimpleName() + " is a "
                    + bodyClass(body).getName() + ", which cannot be assigned to "
                    + (c == null ? "null" : c.getName()) + ".");
        }
        return c.cast(body);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public final boolean isBodyAssignableTo(Class c) throws JMSException {
        Object body;
        try {
            body = bodyValue();
        } catch (MessageFormatException e) {
            return false;
        }
        Class<?> type = c;
        return body == null || (type != null && type.isAssignableFrom(bodyClass(body)));
    }

    // ---- headers ----

    @Override
    public String getJMSMessageID() {
        return messageId;
    }

    @Override
    public void setJMSMessageID(String id) {
        this.messageId = id;
    }

    @Override
    public long getJMSTimestamp() {
        return timestamp;
    }

    @Override
    public void setJMSTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        if (correlationId == null) {
            return null;
        }
        for (int i = 0; i < correlationId.length(); i++) {
            if (correlationId.charAt(i) > 0xFF) {
                return correlationId.getBytes(StandardCharsets.UTF_8);
            }
        }
        return correlationId.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void setJMSCorrelationIDAsBytes(byte[] correlationId) {
        this.correlationId = correlationId == null ? null : new String(correlationId, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void setJMSCorrelationID(String correlationId) {
        this.correlationId = correlationId;
    }

    @Override
    public String getJMSCorrelationID() {
        return correlationId;
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }

    @Override
    public void setJMSReplyTo(Destination replyTo) {
        this.replyTo = replyTo;
    }

    @Override
    public Destination getJMSDestination() {
        return destination;
    }

    @Override
    public void setJMSDestination(Destination destination) {
        this.destination = destination;
    }

    @Override
    public int getJMSDeliveryMode() {
        return deliveryMode;
    }

    /** Stores the mode as given; {@link #toRecord()} sends anything but PERSISTENT as non-persistent. */
    @Override
    public void setJMSDeliveryMode(int deliveryMode) {
        this.deliveryMode = deliveryMode;
    }

    @Override
    public boolean getJMSRedelivered() {
        return redelivered;
    }

    @Override
    public void setJMSRedelivered(boolean redelivered) {
        this.redelivered = redelivered;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public void setJMSType(String type) {
        this.type = type;
    }

    @Override
    public long getJMSExpiration() {
        return expiration;
    }

    @Override
    public void setJMSExpiration(long expiration) {
        this.expiration = expiration;
    }

    @Override
    public long getJMSDeliveryTime() {
        return deliveryTime;
    }

    @Override
    public void setJMSDeliveryTime(long deliveryTime) {
        this.deliveryTime = deliveryTime;
    }

    @Override
    public int getJMSPriority() {
        return priority;
    }

    /** Stores the priority as given; the producer sets a checked 0-9 value on send. */
    @Override
    public void setJMSPriority(int priority) {
        this.priority = priority;
    }

    // ---- properties ----

    @Override
    public void clearProperties() {
        properties.clear();
    }

    @Override
    public boolean propertyExists(String name) {
        return properties.exists(name);
    }

    @Override
    public boolean getBooleanProperty(String name) throws JMSException {
        return properties.getBoolean(name);
    }

    @Override
    public byte getByteProperty(String name) throws JMSException {
        return properties.getByte(name);
    }

    @Override
    public short getShortProperty(String name) throws JMSException {
        return properties.getShort(name);
    }

    @Override
    public int getIntProperty(String name) throws JMSException {
        return properties.getInt(name);
    }

    @Override
    public long getLongProperty(String name) throws JMSException {
        return properties.getLong(name);
    }

    @Override
    public float getFloatProperty(String name) throws JMSException {
        return properties.getFloat(name);
    }

    @Override
    public double getDoubleProperty(String name) throws JMSException {
        return properties.getDouble(name);
    }

    @Override
    public String getStringProperty(String name) throws JMSException {
        return properties.getString(name);
    }

    @Override
    public Object getObjectProperty(String name) {
        return properties.get(name);
    }

    @Override
    public Enumeration<String> getPropertyNames() {
        return properties.names();
    }

    @Override
    public void setBooleanProperty(String name, boolean value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setByteProperty(String name, byte value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setShortProperty(String name, short value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setIntProperty(String name, int value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setLongProperty(String name, long value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setFloatProperty(String name, float value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setDoubleProperty(String name, double value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setStringProperty(String name, String value) throws JMSException {
        properties.set(name, value);
    }

    /** Accepts Boolean, Byte, Short, Integer, Long, Float, Double, String or null. */
    @Override
    public void setObjectProperty(String name, Object value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(getClass().getSimpleName()).append('[');
        s.append("id=").append(messageId).append(", destination=").append(destination);
        if (redelivered) {
            s.append(", redelivered");
        }
        if (properties.size() > 0) {
            s.append(", properties=").append(properties.size());
        }
        String body = bodySummary();
        if (body != null) {
            s.append(", ").append(body);
        }
        return s.append(']').toString();
    }
}
