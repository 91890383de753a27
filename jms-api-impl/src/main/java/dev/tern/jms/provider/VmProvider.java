package dev.tern.jms.provider;

import dev.tern.protocol.Command;
import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.Event;
import dev.tern.protocol.InVmConnector;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * A provider for {@code vm://NAME}: commands go straight into the embedded broker of this JVM, found
 * through {@link ServiceLoader}, and events come straight back, with no socket and no copy.
 */
public final class VmProvider implements Provider, InVmConnector.EventListener {

    private final RequestTracker requests = new RequestTracker();
    private final ProviderListener listener;
    private final InVmConnector.FrameChannel channel;

    /**
     * Connects to the named embedded broker, starting it if needed.
     *
     * @throws ProviderException if the broker engine is not on the class path or cannot start
     */
    public VmProvider(String brokerName, Map<String, String> brokerOptions, ProviderListener listener) {
        this.listener = listener;
        this.channel = connector().connect(brokerName, brokerOptions, this);
    }

    @Override
    public CompletableFuture<Event> request(LongFunction<Command> command) {
        RequestTracker.Pending pending = requests.open();
        if (!pending.answer().isDone()) {
            channel.send(command.apply(pending.requestId()));
        }
        return pending.answer();
    }

    @Override
    public void post(LongFunction<Command> command) {
        channel.send(command.apply(Command.UNANSWERED));
    }

    @Override
    public java.time.Clock clock() {
        return channel.clock();
    }

    @Override
    public void abort() {
        requests.failAll(RequestTracker.closed());
        channel.abort();
    }

    @Override
    public void onEvent(Event event) {
        EventRouter.route(event, requests, listener, cause -> {
            // The listener first, so that a call failing next finds its connection already lost.
            listener.onConnectionLost(cause);
            requests.failAll(cause);
        });
    }

    private static InVmConnector connector() {
        Iterator<InVmConnector> found = ServiceLoader.load(InVmConnector.class, VmProvider.class.getClassLoader()).iterator();
        if (!found.hasNext()) {
            found = ServiceLoader.load(InVmConnector.class).iterator();
        }
        if (!found.hasNext()) {
            throw new ProviderException(ErrorCode.ILLEGAL_STATE, "vm:// needs the embedded broker: add the Maven "
                    + "dependency dev.tern:tern-broker-engine to the class path, or connect with tcp:// to a running broker.");
        }
        return found.next();
    }
}
