package dev.tern.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small STOMP 1.2 client over a plain socket for the tests: it writes frames exactly as told (so tests
 * can write bad ones too), and a reader thread parses what the broker sends into {@link Frame}s, counting
 * heart-beats, until the broker closes the socket.
 */
final class StompClient implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A frame as received; repeated headers keep their first value, as STOMP says. */
    record Frame(String command, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return command + headers + " " + text();
        }
    }

    private static final Object CLOSED = new Object();

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    /** MESSAGE frames that arrived while waiting for a RECEIPT, handed out first. */
    private final Deque<Frame> stashed = new ArrayDeque<>();
    private final AtomicInteger heartBeats = new AtomicInteger();
    private volatile boolean closed;
    private volatile java.util.concurrent.CountDownLatch paused;

    private StompClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        Thread reader = new Thread(this::readLoop, "stomp-test-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static StompClient open(int port) throws IOException {
        return new StompClient(port);
    }

    /** Opens a socket and connects as this user; asserts CONNECTED. */
    static StompClient connected(int port, String login, String passcode, String... headers) throws IOException {
        StompClient client = open(port);
        Frame answer = client.connect(login, passcode, headers);
        assertThat(answer.command()).as("answer to CONNECT: %s", answer).isEqualTo("CONNECTED");
        return client;
    }

    /** Sends CONNECT (STOMP 1.2) and returns the answer. */
    Frame connect(String login, String passcode, String... headers) throws IOException {
        String[] all = new String[headers.length + 6];
        all[0] = "accept-version";
        all[1] = "1.0,1.1,1.2";
        all[2] = "login";
        all[3] = login;
        all[4] = "passcode";
        all[5] = passcode;
        System.arraycopy(headers, 0, all, 6, headers.length);
        frame("CONNECT", null, all);
        return receive();
    }

    /** Writes a frame; the body, if not null, gets a content-length header. Header values are escaped (1.2). */
    void frame(String command, byte[] body, String... headers) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes((command + "\n").getBytes(StandardCharsets.UTF_8));
        boolean escape = !command.equals("CONNECT") && !command.equals("STOMP");
        for (int i = 0; i < headers.length; i += 2) {
            String name = escape ? escape(headers[i]) : headers[i];
            String value = escape ? escape(headers[i + 1]) : headers[i + 1];
            frame.writeBytes((name + ":" + value + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (body != null) {
            frame.writeBytes(("content-length:" + body.length + "\n").getBytes(StandardCharsets.UTF_8));
        }
        frame.write('\n');
        if (body != null) {
            frame.writeBytes(body);
        }
        frame.write(0);
        raw(frame.toByteArray());
    }

    /** Writes a frame whose text body has no content-length header. */
    void textFrame(String command, String text, String... headers) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes((command + "\n").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            frame.writeBytes((escape(headers[i]) + ":" + escape(headers[i + 1]) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        frame.write('\n');
        frame.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        frame.write(0);
        raw(frame.toByteArray());
    }

    void raw(byte[] bytes) throws IOException {
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    /** Sends a frame with a receipt header and waits for that RECEIPT. */
    Frame withReceipt(String command, byte[] body, String... headers) throws IOException {
        String receipt = "r-" + System.nanoTime();
        String[] all = new String[headers.length + 2];
        System.arraycopy(headers, 0, all, 0, headers.length);
        all[headers.length] = "receipt";
        all[headers.length + 1] = receipt;
        frame(command, body, all);
        Frame answer = receive();
        List<Frame> early = new ArrayList<>();
        while (answer.command().equals("MESSAGE")) {
            early.add(answer);
            answer = receive();
        }
        stashed.addAll(early);
        assertThat(answer.command()).as("answer to %s: %s", command, answer).isEqualTo("RECEIPT");
        assertThat(answer.header("receipt-id")).isEqualTo(receipt);
        return answer;
    }

    /** SUBSCRIBE with a receipt, so the consumer exists when this returns. */
    void subscribe(String id, String destination, String... headers) throws IOException {
        String[] all = new String[headers.length + 4];
        all[0] = "id";
        all[1] = id;
        all[2] = "destination";
        all[3] = destination;
        System.arraycopy(headers, 0, all, 4, headers.length);
        withReceipt("SUBSCRIBE", null, all);
    }

    /** The next frame, within the timeout; fails if the socket closed or nothing came. */
    Frame receive() {
        if (!stashed.isEmpty()) {
            return stashed.poll();
        }
        Object next = poll(TIMEOUT);
        assertThat(next).as("a frame within %s", TIMEOUT).isNotNull().isNotSameAs(CLOSED);
        return (Frame) next;
    }

    /** The next frame if one comes within {@code wait}, else null. */
    Frame receiveWithin(Duration wait) {
        if (!stashed.isEmpty()) {
            return stashed.poll();
        }
        Object next = poll(wait);
        if (next == CLOSED) {
            received.add(CLOSED);
            return null;
        }
        return (Frame) next;
    }

    /** Waits for the broker to close the socket, skipping frames; returns the last frame before (an ERROR, say). */
    Frame awaitClosed() {
        Frame last = null;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Object next = poll(Duration.ofMillis(Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            if (next == CLOSED) {
                received.add(CLOSED);
                return last;
            }
            if (next != null) {
                last = (Frame) next;
            }
        }
        throw new AssertionError("The broker did not close the socket within " + TIMEOUT + "; last frame " + last);
    }

    /** Stops reading the socket after the frame being read, so that the broker's writes back up. */
    void pauseReading() {
        paused = new java.util.concurrent.CountDownLatch(1);
    }

    void resumeReading() {
        java.util.concurrent.CountDownLatch gate = paused;
        paused = null;
        if (gate != null) {
            gate.countDown();
        }
    }

    boolean isClosedByBroker() {
        return closed;
    }

    int heartBeats() {
        return heartBeats.get();
    }

    private Object poll(Duration wait) {
        try {
            return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void readLoop() {
        try (InputStream in = new BufferedInputStream(socket.getInputStream())) {
            while (true) {
                java.util.concurrent.CountDownLatch gate = paused;
                if (gate != null) {
                    gate.await();
                }
                Frame frame = read(in);
                if (frame == null) {
                    break;
                }
                received.add(frame);
            }
        } catch (IOException e) {
            // closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed = true;
            received.add(CLOSED);
        }
    }

    private Frame read(InputStream in) throws IOException {
        int b = in.read();
        while (b == '\n' || b == '\r') {
            if (b == '\n') {
                heartBeats.incrementAndGet();
            }
            b = in.read();
        }
        if (b < 0) {
            return null;
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.write(b);
        String command = readLine(in, line);
        Map<String, String> headers = new LinkedHashMap<>();
        boolean unescape = !command.equals("CONNECTED");
        while (true) {
            String header = readLine(in, new ByteArrayOutputStream());
            if (header.isEmpty()) {
                break;
            }
            int colon = header.indexOf(':');
            String name = header.substring(0, colon);
            String value = header.substring(colon + 1);
            headers.putIfAbsent(unescape ? unescape(name) : name, unescape ? unescape(value) : value);
        }
        byte[] body;
        String length = headers.get("content-length");
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
            if (in.read() != 0) {
                throw new IOException("frame not ended by NUL");
            }
        } else {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) > 0) {
                bytes.write(c);
            }
            body = bytes.toByteArray();
        }
        return new Frame(command, headers, body);
    }

    private static String readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("end of stream in a frame");
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace(":", "\\c").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(switch (next) {
                    case 'c' -> ':';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
