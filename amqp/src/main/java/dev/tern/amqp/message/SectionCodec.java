package dev.tern.amqp.message;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.AmqpSequence;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.DeliveryAnnotations;
import org.apache.qpid.proton.amqp.messaging.Footer;
import org.apache.qpid.proton.amqp.messaging.Header;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.amqp.messaging.Properties;
import org.apache.qpid.proton.amqp.messaging.Section;
import org.apache.qpid.proton.codec.AMQPDefinedTypes;
import org.apache.qpid.proton.codec.DecoderImpl;
import org.apache.qpid.proton.codec.EncoderImpl;
import org.apache.qpid.proton.codec.ReadableBuffer;

/**
 * Reads and writes the sections of one AMQP message with Proton-J's codec (one codec per thread).
 * Reading checks the encoding first ({@link EncodingCheck}), joins several {@code data} or
 * {@code amqp-sequence} sections into one body as the AMQP specification defines, and ignores
 * delivery annotations and the footer.
 */
final class SectionCodec {

    /** The sections of a decoded message; each may be null. The body is an AmqpValue, a Data or an AmqpSequence. */
    record Sections(Header header, MessageAnnotations annotations, Properties properties,
                    ApplicationProperties applicationProperties, Section body) {
    }

    private record Codec(DecoderImpl decoder, EncoderImpl encoder) {
    }

    private static final ThreadLocal<Codec> CODEC = ThreadLocal.withInitial(() -> {
        DecoderImpl decoder = new DecoderImpl();
        EncoderImpl encoder = new EncoderImpl(decoder);
        AMQPDefinedTypes.registerAllTypes(decoder, encoder);
        return new Codec(decoder, encoder);
    });

    private SectionCodec() {
    }

    static Sections decode(byte[] encoded, int offset, int length) {
        EncodingCheck.check(encoded, offset, length);
        DecoderImpl decoder = CODEC.get().decoder();
        decoder.setBuffer(ReadableBuffer.ByteBufferReader.wrap(ByteBuffer.wrap(encoded, offset, length)));
        try {
            return readSections(decoder);
        } catch (AmqpMappingException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AmqpMappingException("malformed AMQP message: " + e, e);
        } finally {
            decoder.setBuffer(null);
        }
    }

    private static Sections readSections(DecoderImpl decoder) {
        Header header = null;
        MessageAnnotations annotations = null;
        Properties properties = null;
        ApplicationProperties applicationProperties = null;
        Section body = null;
        List<Binary> data = null;
        List<Object> sequence = null;
        ReadableBuffer buffer = decoder.getBuffer();
        while (buffer.hasRemaining()) {
            Object read = decoder.readObject();
            if (!(read instanceof Section section)) {
                throw new AmqpMappingException("malformed AMQP message: a " + describe(read) + " where a section belongs");
            }
            if (body != null || data != null || sequence != null) {
                if (section instanceof Data d && data != null) {
                    data.add(d.getValue());
                    continue;
                }
                if (section instanceof AmqpSequence s && sequence != null) {
                    sequence.addAll(s.getValue() == null ? List.of() : s.getValue());
                    continue;
                }
                if (!(section instanceof Footer)) {
                    throw new AmqpMappingException("malformed AMQP message: a " + section.getType()
                            + " section after the body");
                }
            }
            if (section instanceof Header h) {
                header = h;
            } else if (section instanceof MessageAnnotations m) {
                annotations = m;
            } else if (section instanceof Properties p) {
                properties = p;
            } else if (section instanceof ApplicationProperties a) {
                applicationProperties = a;
            } else if (section instanceof AmqpValue v) {
                body = v;
            } else if (section instanceof Data d) {
                data = new ArrayList<>(2);
                data.add(d.getValue());
            } else if (section instanceof AmqpSequence s) {
                sequence = new ArrayList<>(s.getValue() == null ? List.of() : s.getValue());
            } else if (!(section instanceof DeliveryAnnotations || section instanceof Footer)) {
                throw new AmqpMappingException("malformed AMQP message: unknown section " + section.getType());
            }
        }
        if (data != null) {
            body = new Data(join(data));
        } else if (sequence != null) {
            body = new AmqpSequence(sequence);
        }
        return new Sections(header, annotations, properties, applicationProperties, body);
    }

    private static Binary join(List<Binary> parts) {
        if (parts.size() == 1) {
            return parts.get(0) == null ? new Binary(new byte[0]) : parts.get(0);
        }
        int total = 0;
        for (Binary part : parts) {
            total += part == null ? 0 : part.getLength();
        }
        byte[] joined = new byte[total];
        int at = 0;
        for (Binary part : parts) {
            if (part != null) {
                System.arraycopy(part.getArray(), part.getArrayOffset(), joined, at, part.getLength());
                at += part.getLength();
            }
        }
        return new Binary(joined);
    }

    private static String describe(Object value) {
        return value == null ? "null value" : value.getClass().getSimpleName();
    }

    /** Encodes the given sections, skipping nulls, in the order given. */
    static byte[] encode(int sizeHint, Section... sections) {
        EncoderImpl encoder = CODEC.get().encoder();
        GrowableBuffer out = new GrowableBuffer(sizeHint + 256);
        encoder.setByteBuffer(out);
        try {
            for (Section section : sections) {
                if (section != null) {
                    encoder.writeObject(section);
                }
            }
        } finally {
            encoder.setByteBuffer((ByteBuffer) null);
        }
        return out.toByteArray();
    }
}
