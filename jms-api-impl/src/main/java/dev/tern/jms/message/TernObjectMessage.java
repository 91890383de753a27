package dev.tern.jms.message;

import dev.tern.protocol.BodyType;
import jakarta.jms.JMSException;
import jakarta.jms.ObjectMessage;
import java.io.Serializable;
import java.util.Objects;

/**
 * A message whose body is one serializable object. {@link #setObject} serializes the object at once,
 * so later changes to it do not alter the message; {@link #getObject()} returns a new copy each time,
 * deserialized only from classes that the message's {@link TrustedPackages} allow.
 */
public final class TernObjectMessage extends TernMessage implements ObjectMessage {

    private final TrustedPackages trust;
    private byte[] serialized = new byte[0];

    /** A new message with a null object and the {@linkplain TrustedPackages#defaults() default} allow-list. */
    public TernObjectMessage() {
        this(TrustedPackages.defaults());
    }

    /** A new message with a null object. */
    public TernObjectMessage(TrustedPackages trust) {
        this.trust = Objects.requireNonNull(trust, "trust");
    }

    /**
     * A new message holding a serialized copy of the object.
     *
     * @throws jakarta.jms.MessageFormatException if the object cannot be serialized
     */
    public TernObjectMessage(TrustedPackages trust, Serializable object) throws JMSException {
        this(trust);
        serialized = JavaSerialization.serialize(object);
    }

    /** @throws jakarta.jms.MessageFormatException if the object cannot be serialized */
    @Override
    public void setObject(Serializable object) throws JMSException {
        checkBodyWritable();
        serialized = JavaSerialization.serialize(object);
    }

    /**
     * A new copy of the object, or null.
     *
     * @throws jakarta.jms.MessageFormatException if the stream names a class the allow-list does not
     *         trust (the message says how to trust it), or the object cannot be deserialized
     */
    @Override
    public Serializable getObject() throws JMSException {
        return JavaSerialization.deserialize(serialized, trust);
    }

    /** The allow-list that {@link #getObject()} applies. */
    public TrustedPackages trustedPackages() {
        return trust;
    }

    @Override
    public BodyType bodyType() {
        return BodyType.OBJECT;
    }

    @Override
    byte[] encodeBody() {
        return serialized;
    }

    @Override
    void restoreBody(byte[] body) {
        serialized = body;
    }

    @Override
    void clearBodyContent() {
        serialized = new byte[0];
    }

    @Override
    Object bodyValue() throws JMSException {
        return getObject();
    }

    @Override
    String bodySummary() {
        return serialized.length == 0 ? "object=null" : "serialized object of " + serialized.length + " bytes";
    }
}
