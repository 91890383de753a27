package dev.tern.amqp.message;

import dev.tern.protocol.BodyType;
import dev.tern.protocol.TypedValueCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.AmqpSequence;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.Section;

/**
 * Message bodies: which JMS message type an AMQP body is, its body bytes in the broker's encoding, and
 * the AMQP body section of each {@link BodyType}. {@code docs/amqp-mapping.md} has the rules.
 */
final class AmqpBodies {

    /** The value of {@code x-opt-jms-msg-type} for each JMS message type. */
    static final byte MESSAGE = 0;
    static final byte OBJECT = 1;
    static final byte MAP = 2;
    static final byte BYTES = 3;
    static final byte STREAM = 4;
    static final byte TEXT = 5;

    static final Symbol SERIALIZED_OBJECT = Symbol.valueOf("application/x-java-serialized-object");
    static final Symbol OCTET_STREAM = Symbol.valueOf("application/octet-stream");

    /** Java serialization of null: what Qpid JMS sends for an ObjectMessage without an object. */
    private static final byte[] SERIALIZED_NULL = serialize((Object) null);

    /** A body in the broker's terms. */
    record Body(BodyType type, byte[] bytes) {
    }

    private AmqpBodies() {
    }

    /** The annotation byte of a body type. */
    static byte annotation(BodyType type) {
        return switch (type) {
            case NONE -> MESSAGE;
            case OBJECT -> OBJECT;
            case MAP -> MAP;
            case BYTES -> BYTES;
            case STREAM -> STREAM;
            case TEXT -> TEXT;
        };
    }

    /**
     * The broker body of an AMQP body section.
     *
     * @param section the body, or null for none
     * @param typeAnnotation the {@code x-opt-jms-msg-type} value, or null if absent or not understood
     * @param contentType the content-type property, or null
     */
    static Body decode(Section section, Byte typeAnnotation, Symbol contentType) {
        if (typeAnnotation != null) {
            return decodeAnnotated(section, typeAnnotation, contentType);
        }
        Object value = section instanceof AmqpValue v ? v.getValue() : null;
        if (section == null || section instanceof AmqpValue && value == null) {
            return SERIALIZED_OBJECT.equals(contentType) ? new Body(BodyType.OBJECT, new byte[0]) : none();
        }
        if (section instanceof Data data) {
            byte[] bytes = AmqpValues.toBytes(data.getValue());
            if (SERIALIZED_OBJECT.equals(contentType)) {
                return object(bytes);
            }
            Charset charset = textCharset(contentType);
            String text = charset == null ? null : decodeText(bytes, charset);
            return text != null ? text(text) : new Body(BodyType.BYTES, bytes);
        }
        if (section instanceof AmqpSequence sequence) {
            List<Object> list = AmqpValues.toBodyList(sequence.getValue());
            return list != null ? stream(list) : javaObject(sequence.getValue());
        }
        if (value instanceof String text) {
            return text(text);
        }
        if (value instanceof Binary binary) {
            return new Body(BodyType.BYTES, AmqpValues.toBytes(binary));
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> converted = AmqpValues.toBodyMap(map);
            return converted != null ? map(converted) : javaObject(map);
        }
        if (value instanceof List<?> list) {
            List<Object> converted = AmqpValues.toBodyList(list);
            return converted != null ? stream(converted) : javaObject(list);
        }
        return javaObject(value);
    }

    private static Body decodeAnnotated(Section section, byte annotation, Symbol contentType) {
        Object value = section instanceof AmqpValue v ? v.getValue() : null;
        boolean empty = section == null || section instanceof AmqpValue && value == null;
        switch (annotation) {
            case MESSAGE:
                return none();
            case TEXT:
                if (empty) {
                    return text(null);
                } else if (value instanceof String text) {
                    return text(text);
                } else if (section instanceof Data data) {
                    Charset charset = textCharset(contentType);
                    String text = decodeText(AmqpValues.toBytes(data.getValue()),
                            charset == null ? StandardCharsets.UTF_8 : charset);
                    if (text != null) {
                        return text(text);
                    }
                }
                break;
            case BYTES:
                if (empty) {
                    return new Body(BodyType.BYTES, new byte[0]);
                } else if (section instanceof Data data) {
                    return new Body(BodyType.BYTES, AmqpValues.toBytes(data.getValue()));
                } else if (value instanceof Binary binary) {
                    return new Body(BodyType.BYTES, AmqpValues.toBytes(binary));
                }
                break;
            case MAP:
                if (empty) {
                    return map(Map.of());
                } else if (value instanceof Map<?, ?> map) {
                    Map<String, Object> converted = AmqpValues.toBodyMap(map);
                    if (converted != null) {
                        return map(converted);
                    }
                }
                break;
            case STREAM:
                if (empty) {
                    return stream(List.of());
                }
                List<?> list = section instanceof AmqpSequence s ? s.getValue() : value instanceof List<?> l ? l : null;
                List<Object> converted = list == null ? null : AmqpValues.toBodyList(list);
                if (converted != null) {
                    return stream(converted);
                }
                break;
            case OBJECT:
                if (empty) {
                    return new Body(BodyType.OBJECT, new byte[0]);
                } else if (section instanceof Data data) {
                    return object(AmqpValues.toBytes(data.getValue()));
                } else if (section instanceof AmqpSequence sequence) {
                    return javaObject(sequence.getValue());
                }
                return javaObject(value);
            default:
                return decode(section, null, contentType);
        }
        throw new AmqpMappingException(AmqpMappingException.INVALID_FIELD, "x-opt-jms-msg-type " + annotation
                + " does not fit a body of " + describe(section), null);
    }

    private static String describe(Section section) {
        if (section instanceof AmqpValue v) {
            return "amqp-value " + (v.getValue() == null ? "null" : v.getValue().getClass().getSimpleName());
        }
        return section.getType().toString();
    }

    private static Body none() {
        return new Body(BodyType.NONE, new byte[0]);
    }

    private static Body object(byte[] serialized) {
        return new Body(BodyType.OBJECT, Arrays.equals(serialized, SERIALIZED_NULL) ? new byte[0] : serialized);
    }

    /** An ObjectMessage holding the AMQP value as JDK objects, Java-serialized. */
    private static Body javaObject(Object value) {
        return new Body(BodyType.OBJECT, serialize(AmqpValues.toJava(value)));
    }

    static Body text(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            TypedValueCodec.writeString(out, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Body(BodyType.TEXT, bytes.toByteArray());
    }

    private static Body map(Map<String, Object> map) {
        return new Body(BodyType.MAP, TypedValueCodec.mapToBytes(map));
    }

    private static Body stream(List<Object> list) {
        return new Body(BodyType.STREAM, TypedValueCodec.listToBytes(list));
    }

    private static byte[] serialize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new AmqpMappingException("amqp:not-implemented", "cannot serialize the body: " + e, e);
        }
        return bytes.toByteArray();
    }

    /**
     * The charset of a textual content type: {@code text/*} and JSON, XML and JavaScript types, UTF-8 unless a
     * charset parameter names another one; null for other or unsupported types.
     */
    static Charset textCharset(Symbol contentType) {
        if (contentType == null) {
            return null;
        }
        String[] parts = contentType.toString().split(";");
        String mime = parts[0].trim().toLowerCase(Locale.ROOT);
        boolean textual = mime.startsWith("text/") || mime.equals("application/json") || mime.equals("application/xml")
                || mime.equals("application/javascript") || mime.equals("application/ecmascript")
                || mime.endsWith("+json") || mime.endsWith("+xml");
        if (!textual) {
            return null;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = parameter.substring(8).replace("\"", "").trim();
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** The text of the bytes in the charset, or null if they are not valid in it. */
    private static String decodeText(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The AMQP body section of a broker body; null for a message without body. */
    static Section encode(BodyType type, byte[] body) {
        return switch (type) {
            case NONE -> null;
            case TEXT -> new AmqpValue(readText(body));
            case BYTES -> new Data(new Binary(body));
            case OBJECT -> new Data(new Binary(body.length == 0 ? SERIALIZED_NULL : body));
            case MAP -> {
                Map<String, Object> map = new LinkedHashMap<>();
                TypedValueCodec.mapFromBytes(body).forEach((k, v) -> map.put(k, AmqpValues.toAmqpBodyValue(v)));
                yield new AmqpValue(map);
            }
            case STREAM -> {
                List<Object> list = new ArrayList<>();
                TypedValueCodec.listFromBytes(body).forEach(v -> list.add(AmqpValues.toAmqpBodyValue(v)));
                yield new AmqpSequence(list);
            }
        };
    }

    /** The content type an outgoing body announces, or null. */
    static Symbol contentType(BodyType type) {
        return switch (type) {
            case BYTES -> OCTET_STREAM;
            case OBJECT -> SERIALIZED_OBJECT;
            default -> null;
        };
    }

    static String readText(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return TypedValueCodec.readString(new DataInputStream(new ByteArrayInputStream(body)));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt text body", e);
        }
    }
}
