package dev.tern.amqp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import org.apache.qpid.proton.amqp.transport.FrameBody;
import org.apache.qpid.proton.codec.AMQPDefinedTypes;
import org.apache.qpid.proton.codec.DecoderImpl;
import org.apache.qpid.proton.codec.EncoderImpl;

/** A socket that writes hand-made AMQP bytes, for tests of bad input. */
final class RawAmqpSocket implements AutoCloseable {

    static final byte[] AMQP_HEADER = {'A', 'M', 'Q', 'P', 0, 1, 0, 0};
    static final byte[] SASL_HEADER = {'A', 'M', 'Q', 'P', 3, 1, 0, 0};

    private final Socket socket;
    private final EncoderImpl encoder;

    RawAmqpSocket(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        DecoderImpl decoder = new DecoderImpl();
        encoder = new EncoderImpl(decoder);
        AMQPDefinedTypes.registerAllTypes(decoder, encoder);
    }

    void write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Writes one AMQP frame carrying {@code body} on {@code channel}. */
    void writeFrame(int channel, FrameBody body) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        buffer.position(8);
        encoder.setByteBuffer(buffer);
        encoder.writeObject(body);
        int size = buffer.position();
        buffer.putInt(0, size);
        buffer.put(4, (byte) 2);
        buffer.put(5, (byte) 0);
        buffer.putShort(6, (short) channel);
        byte[] frame = new byte[size];
        buffer.flip();
        buffer.get(frame);
        write(frame);
    }

    /** Reads until what arrived contains {@code text} (as ASCII); fails after the socket's timeout. */
    void readUntilContains(String text) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] chunk = new byte[4096];
        while (!read.toString(java.nio.charset.StandardCharsets.ISO_8859_1).contains(text)) {
            int n = in.read(chunk);
            if (n < 0) {
                throw new AssertionError("The broker closed the socket before sending " + text);
            }
            read.write(chunk, 0, n);
        }
    }

    /** Reads until the broker closes the socket; fails if it does not within the socket's timeout. */
    byte[] readUntilClosed() throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] chunk = new byte[4096];
        try {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                read.write(chunk, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("The broker did not close the socket; it sent " + read.size() + " bytes", e);
        } catch (IOException reset) {
            // a reset after the close counts as closed
        }
        return read.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
