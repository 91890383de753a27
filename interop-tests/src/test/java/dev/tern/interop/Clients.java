package dev.tern.interop;

import dev.tern.jms.TernConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The clients of the interop matrix, and whether each can run on this machine. The Python clients need an
 * interpreter that imports the library (Debian's {@code /usr/bin/python3} with {@code python3-qpid-proton} and
 * {@code python3-stomp}; {@code TERN_INTEROP_PYTHON} names another); the Node client needs {@code node} and
 * {@code npm ci} run in src/test/node. {@code .ci/run} installs them all.
 */
final class Clients {

    static final Path SCRIPTS = Path.of(System.getProperty("interop.scripts", "src/test")).toAbsolutePath();
    static final Path PYTHON_DIR = SCRIPTS.resolve("python");
    static final Path NODE_DIR = SCRIPTS.resolve("node");

    static final JmsClient TERN_JMS = new JmsClient("tern-jms", Protocol.TERN,
            broker -> new TernConnectionFactory(broker.tcpUrl()));
    static final JmsClient QPID_JMS = new JmsClient("qpid-jms", Protocol.AMQP,
            broker -> new JmsConnectionFactory(broker.amqpUrl()));
    static final ScriptClient PYTHON_AMQP = python("python-amqp", Protocol.AMQP, "tern_amqp.py", "proton",
            "python3-qpid-proton (apt-get install python3-qpid-proton)");
    static final ScriptClient PYTHON_STOMP = python("python-stomp", Protocol.STOMP, "tern_stomp.py", "stomp",
            "stomp.py (apt-get install python3-stomp, or pip install stomp.py)");
    static final ScriptClient NODE_AMQP = node("node-amqp", "tern_amqp.js");

    private Clients() {
    }

    /** Every client, Java ones first. */
    static List<InteropClient> all() {
        return List.of(TERN_JMS, QPID_JMS, PYTHON_AMQP, PYTHON_STOMP, NODE_AMQP);
    }

    /** Every client that speaks AMQP 1.0. */
    static List<InteropClient> amqp() {
        return all().stream().filter(c -> c.protocol() == Protocol.AMQP).toList();
    }

    /** Skips the test, naming what to install, unless every one of these clients can run here. */
    static void assumeAvailable(InteropClient... clients) {
        for (InteropClient client : clients) {
            Optional<String> missing = client.missing();
            Assumptions.assumeTrue(missing.isEmpty(), () -> client.name() + " skipped: " + missing.orElse(""));
        }
    }

    private static ScriptClient python(String name, Protocol protocol, String script, String module, String install) {
        Optional<String> python = pythonWith(module);
        Optional<String> missing = python.isPresent() ? Optional.empty()
                : Optional.of("no Python 3 here imports '" + module + "'; install " + install
                        + " or set TERN_INTEROP_PYTHON to an interpreter that has it");
        List<String> command = List.of(python.orElse("python3"), PYTHON_DIR.resolve(script).toString());
        return new ScriptClient(name, protocol, command, protocol == Protocol.STOMP ? InteropBroker::stompHostPort
                : InteropBroker::amqpUrl, protocol == Protocol.STOMP ? Dest::stompDestination : Dest::amqpAddress,
                missing);
    }

    /** The first interpreter that imports the module: TERN_INTEROP_PYTHON, Debian's, then python3 on the PATH. */
    private static Optional<String> pythonWith(String module) {
        List<String> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("TERN_INTEROP_PYTHON")).ifPresent(candidates::add);
        Stream.of("/usr/bin/python3", "python3").forEach(candidates::add);
        return candidates.stream()
                .filter(python -> ScriptClient.probe(PYTHON_DIR, python, "-c", "import " + module))
                .findFirst();
    }

    private static ScriptClient node(String name, String script) {
        Optional<String> missing;
        if (!ScriptClient.probe(NODE_DIR, "node", "--version")) {
            missing = Optional.of("no 'node' on the PATH; install Node.js (apt-get install nodejs npm), then run "
                    + "'npm ci' in " + NODE_DIR);
        } else if (!Files.isDirectory(NODE_DIR.resolve("node_modules/rhea"))) {
            missing = Optional.of("rhea is not installed; run 'npm ci' in " + NODE_DIR);
        } else {
            missing = Optional.empty();
        }
        return new ScriptClient(name, Protocol.AMQP, List.of("node", NODE_DIR.resolve(script).toString()),
                InteropBroker::amqpUrl, Dest::amqpAddress, missing);
    }
}
