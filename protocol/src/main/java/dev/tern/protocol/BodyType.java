package dev.tern.protocol;

/** Which of the JMS message types a message is; decides how its body bytes are read. */
public enum BodyType {
    /** A plain {@code Message} with no body. */
    NONE,
    /** One string as in {@link TypedValueCodec#writeString}, which keeps a null text apart from an empty one. */
    TEXT,
    /** Raw bytes as written by {@code BytesMessage}. */
    BYTES,
    /** Name/value pairs encoded with {@link TypedValueCodec#writeMap}. */
    MAP,
    /** A sequence of values encoded with {@link TypedValueCodec#writeList}. */
    STREAM,
    /** Java serialization of the object, or no bytes for null. */
    OBJECT
}
