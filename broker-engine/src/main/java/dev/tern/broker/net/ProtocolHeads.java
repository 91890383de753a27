package dev.tern.broker.net;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Finds the {@link ProtocolHead}s on the class path and starts the ones a broker is configured to serve. */
public final class ProtocolHeads {

    private ProtocolHeads() {
    }

    /**
     * Starts one acceptor per configured protocol, in the configuration's order. If one cannot start, those
     * already started are closed before the exception leaves.
     *
     * @throws IllegalStateException if a protocol's module is not on the class path (naming the Maven
     *     artifact to add) or its address cannot be bound
     */
    public static Map<String, ProtocolAcceptor> start(BrokerEndpoint broker, Map<String, TcpSettings> protocols,
            String threadPrefix) {
        Map<String, ProtocolAcceptor> started = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, TcpSettings> protocol : protocols.entrySet()) {
                ProtocolHead head = find(protocol.getKey());
                started.put(head.name(), head.start(broker, protocol.getValue(), threadPrefix));
            }
            return started;
        } catch (RuntimeException e) {
            started.values().forEach(ProtocolAcceptor::close);
            throw e;
        }
    }

    /**
     * The head serving the named protocol.
     *
     * @throws IllegalStateException if none on the class path does, naming the artifact to add
     */
    public static ProtocolHead find(String name) {
        TreeSet<String> available = new TreeSet<>();
        for (ProtocolHead head : ServiceLoader.load(ProtocolHead.class, ProtocolHeads.class.getClassLoader())) {
            if (head.name().equals(name)) {
                return head;
            }
            available.add(head.name());
        }
        throw new IllegalStateException("The broker cannot serve protocol '" + name + "': add the dependency "
                + "dev.tern:tern-" + name + " to the class path (protocols available: "
                + (available.isEmpty() ? "none" : String.join(", ", available)) + ").");
    }
}
