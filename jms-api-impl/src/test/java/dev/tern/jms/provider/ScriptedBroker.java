package dev.tern.jms.provider;

import dev.tern.protocol.Event;
import dev.tern.protocol.wire.FrameEncoder;
import dev.tern.protocol.wire.Hello;
import dev.tern.protocol.wire.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A fake broker on a real socket that plays a script against one client: the test decides exactly
 * what bytes the client gets and when the socket closes.
 */
final class ScriptedBroker implements AutoCloseable {

    /** What the fake broker does with the accepted socket. */
    interface Script {
        void play(ScriptedBroker broker) throws Exception;
    }

    private final ServerSocket server;
    private final CompletableFuture<Void> played = new CompletableFuture<>();
    private volatile Socket socket;

    ScriptedBroker(Script script) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            try (Socket accepted = server.accept()) {
                accepted.setSoTimeout(10_000);
                socket = accepted;
                script.play(this);
                played.complete(null);
            } catch (Exception e) {
                played.completeExceptionally(e);
            }
        }, "scripted-broker");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Reads the client's hello. */
    Hello readHello() throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        if (in.readInt() != WireFormat.MAGIC) {
            throw new IOException("no magic");
        }
        return new Hello(in.readInt(), in.readInt());
    }

    /** Writes frames exactly as a real broker would encode them. */
    void send(Object... frames) throws IOException {
        EmbeddedChannel encoder = new EmbeddedChannel(new FrameEncoder(WireFormat.DEFAULT_MAX_FRAME_SIZE));
        OutputStream out = socket.getOutputStream();
        for (Object frame : frames) {
            encoder.writeOutbound(frame);
            ByteBuf bytes = encoder.readOutbound();
            bytes.readBytes(out, bytes.readableBytes());
            bytes.release();
        }
        out.flush();
        encoder.finishAndReleaseAll();
    }

    void sendRaw(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Reads one frame from the client and returns its type code. */
    int readFrame() throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int length = in.readInt();
        int type = in.readUnsignedByte();
        in.skipNBytes(length - 1);
        return type;
    }

    /** Counts the bytes the client sends during the window. */
    int countBytesFor(java.time.Duration window) throws IOException {
        int count = 0;
        long deadline = System.nanoTime() + window.toNanos();
        for (long left = window.toMillis(); left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
            socket.setSoTimeout((int) left);
            try {
                if (socket.getInputStream().read() < 0) {
                    throw new IOException("the client closed the socket");
                }
                count++;
            } catch (java.net.SocketTimeoutException windowOver) {
                break;
            }
        }
        socket.setSoTimeout(10_000);
        return count;
    }

    /** Answers the hello, then the first request, OpenConnection, with Ok. */
    void acceptConnection(int idleTimeoutMillis) throws IOException {
        readHello();
        send(Hello.current(idleTimeoutMillis));
        if (readFrame() != 1) {
            throw new IOException("expected OpenConnection");
        }
        send(new Event.Ok(1));
    }

    /** Reads until the client closes the socket. */
    /**
     * Reads until the client closes the link. A reset counts as a close: a client that closes its socket with
     * bytes still unread (the frames sent just before it gave up) makes the kernel answer with a reset.
     */
    void awaitClientClose() throws IOException {
        try {
            while (socket.getInputStream().read() >= 0) {
                // discard
            }
        } catch (SocketException reset) {
            if (!String.valueOf(reset.getMessage()).contains("reset")) {
                throw reset;
            }
        }
    }

    void closeSocket() throws IOException {
        socket.close();
    }

    /** Waits for the script to finish, rethrowing what it threw. */
    void awaitScript() throws Exception {
        played.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket accepted = socket;
        if (accepted != null) {
            accepted.close();
        }
    }
}
