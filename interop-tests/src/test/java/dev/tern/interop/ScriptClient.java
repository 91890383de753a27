package dev.tern.interop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A client program in another language (src/test/python, src/test/node), run as a process with the shared command
 * line: {@code send|receive --url U --address A [--messages JSON] [--count N] [--timeout S] [--selector S]
 * [--ack ack|nack|release|modified] [--durable NAME] [--client-id ID] [--transaction commit|rollback]}. Received
 * messages come back as JSON lines on stdout; stderr goes into the failure message. Every wait is bounded and a
 * process that outlives it is killed.
 */
final class ScriptClient implements InteropClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a process may run beyond its own timeout before it is killed. */
    private static final Duration GRACE = Duration.ofSeconds(20);

    private final String name;
    private final Protocol protocol;
    private final List<String> command;
    private final Function<InteropBroker, String> url;
    private final Function<Dest, String> address;
    private final Optional<String> missing;

    ScriptClient(String name, Protocol protocol, List<String> command, Function<InteropBroker, String> url,
            Function<Dest, String> address, Optional<String> missing) {
        this.name = name;
        this.protocol = protocol;
        this.command = List.copyOf(command);
        this.url = url;
        this.address = address;
        this.missing = missing;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public Protocol protocol() {
        return protocol;
    }

    @Override
    public Optional<String> missing() {
        return missing;
    }

    @Override
    public void send(InteropBroker broker, Dest dest, List<MessageSpec> messages) {
        send(broker, dest, messages, List.of());
    }

    /** Sends with more flags, e.g. {@code --transaction rollback}. */
    void send(InteropBroker broker, Dest dest, List<MessageSpec> messages, List<String> flags) {
        List<String> args = new ArrayList<>(List.of("send", "--url", url.apply(broker), "--address",
                address.apply(dest), "--messages", json(messages), "--timeout", "15"));
        args.addAll(flags);
        new Run(args, Duration.ofSeconds(15)).await();
    }

    @Override
    public Receiving startReceiving(InteropBroker broker, Dest dest, ReceiveOptions options) {
        List<String> args = new ArrayList<>(List.of("receive", "--url", url.apply(broker), "--address",
                address.apply(dest), "--count", String.valueOf(options.count()), "--timeout",
                String.valueOf(options.timeout().toMillis() / 1000.0), "--ack", options.answer().flag));
        if (options.selector() != null) {
            args.addAll(List.of("--selector", options.selector()));
        }
        if (options.durableName() != null) {
            args.addAll(List.of("--durable", options.durableName()));
        }
        if (options.clientId() != null) {
            args.addAll(List.of("--client-id", options.clientId()));
        }
        args.addAll(options.flags());
        return new Run(args, options.timeout());
    }

    private static String json(List<MessageSpec> messages) {
        try {
            return JSON.writeValueAsString(messages);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** One process of this client. */
    private final class Run implements Receiving {
        private final List<String> fullCommand = new ArrayList<>(command);
        private final Process process;
        private final Duration timeout;
        private final List<Received> received = new CopyOnWriteArrayList<>();
        private final List<String> stdoutLines = new CopyOnWriteArrayList<>();
        private final CountDownLatch ready = new CountDownLatch(1);
        private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        private final Thread stdoutReader;
        private final Thread stderrReader;

        Run(List<String> args, Duration timeout) {
            fullCommand.addAll(args);
            this.timeout = timeout;
            try {
                process = new ProcessBuilder(fullCommand).start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start " + fullCommand, e);
            }
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // the process reads no input; a failure to close it changes nothing
            }
            stdoutReader = daemon(name + "-stdout", this::readStdout);
            stderrReader = daemon(name + "-stderr", () -> copy(process.getErrorStream()));
        }

        private void readStdout() {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    stdoutLines.add(line);
                    if (line.isBlank()) {
                        continue;
                    }
                    Map<String, Object> fields;
                    try {
                        fields = JSON.readValue(line, new TypeReference<>() { });
                    } catch (JsonProcessingException e) {
                        continue; // not one of ours: kept in stdoutLines for the failure message
                    }
                    if (Boolean.TRUE.equals(fields.get("ready"))) {
                        ready.countDown();
                    } else {
                        received.add(toReceived(fields));
                    }
                }
            } catch (IOException e) {
                stdoutLines.add("(unreadable output: " + e + ")");
            }
        }

        private void copy(InputStream in) {
            try (in) {
                in.transferTo(new java.io.OutputStream() {
                    @Override
                    public void write(int b) {
                        synchronized (stderr) {
                            stderr.write(b);
                        }
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        synchronized (stderr) {
                            stderr.write(b, off, len);
                        }
                    }
                });
            } catch (IOException e) {
                // the process is gone; what it wrote so far is kept
            }
        }

        @Override
        public void awaitReady(Duration limit) {
            try {
                long deadline = System.nanoTime() + limit.toNanos();
                while (!ready.await(100, TimeUnit.MILLISECONDS)) {
                    if (!process.isAlive() && !ready.await(1, TimeUnit.SECONDS)) {
                        joinReaders();
                        throw failure("ended before it attached, exit code " + process.exitValue());
                    }
                    if (System.nanoTime() - deadline > 0) {
                        break;
                    }
                }
                if (ready.getCount() > 0) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                    joinReaders();
                    throw failure("not attached within " + limit);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw failure("interrupted");
            }
        }

        @Override
        public List<Received> await() {
            try {
                if (!process.waitFor(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                    joinReaders();
                    throw failure("still running after " + timeout.plus(GRACE) + ": killed");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw failure("interrupted");
            }
            joinReaders();
            if (process.exitValue() != 0) {
                throw failure("exit code " + process.exitValue());
            }
            return List.copyOf(received);
        }

        private void joinReaders() {
            try {
                stdoutReader.join(5_000);
                stderrReader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private AssertionError failure(String what) {
            String err;
            synchronized (stderr) {
                err = stderr.toString(StandardCharsets.UTF_8);
            }
            return new AssertionError(name + " " + what + "\ncommand: " + String.join(" ", fullCommand)
                    + "\nstdout:\n" + String.join("\n", stdoutLines) + "\nstderr:\n" + err);
        }
    }

    static Thread daemon(String threadName, Runnable task) {
        Thread thread = new Thread(task, threadName);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @SuppressWarnings("unchecked")
    private static Received toReceived(Map<String, Object> fields) {
        String kind = (String) fields.get("kind");
        Object body = fields.get("body");
        if ("bytes".equals(kind) && body instanceof String base64) {
            body = Base64.getDecoder().decode(base64);
        }
        Object properties = fields.get("properties");
        Object priority = fields.get("priority");
        Object messageId = fields.get("message_id");
        Object redelivered = fields.get("redelivered");
        return new Received(kind, body, properties == null ? Map.of() : (Map<String, Object>) properties,
                priority == null ? null : ((Number) priority).intValue(),
                messageId == null ? null : String.valueOf(messageId),
                redelivered == null ? null : (Boolean) redelivered, fields);
    }

    /** Runs a command briefly to see whether it works here: true when it exits 0 within ten seconds. */
    static boolean probe(Path workDir, String... probeCommand) {
        try {
            Process p = new ProcessBuilder(probeCommand).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
