package dev.tern.protocol;

import java.time.Clock;
import java.util.Map;

/**
 * How a client reaches a broker in the same JVM. The broker engine provides the implementation
 * through {@link java.util.ServiceLoader}; the client never names the engine's classes.
 */
public interface InVmConnector {

    /**
     * Connects to the embedded broker with this name, starting it first if it is not running.
     *
     * @param brokerName the broker's name, the host part of a {@code vm://} URL
     * @param brokerOptions {@code broker.*} URL options, without the prefix, used if the broker starts
     * @param client where the broker sends events for this connection
     * @return the channel for commands to the broker
     */
    FrameChannel connect(String brokerName, Map<String, String> brokerOptions, EventListener client);

    /** Receives the broker's events for one connection, in the order the broker sent them. */
    interface EventListener {
        void onEvent(Event event);

        /**
         * True if {@link #onEvent} only queues the event for a thread of its own (a socket's event loop)
         * and never runs client code, so that the broker may call it from any of its threads, a
         * journal completion's included, without a hand-off first. False by default: an in-JVM client
         * completes its calls, and runs what waits on them, on the thread that pushes.
         */
        default boolean onlyQueues() {
            return false;
        }

        /** Marks {@code handOver}, which only queues each event for a thread of its own, as {@link #onlyQueues}. */
        static EventListener queuing(EventListener handOver) {
            return new EventListener() {
                @Override
                public void onEvent(Event event) {
                    handOver.onEvent(event);
                }

                @Override
                public boolean onlyQueues() {
                    return true;
                }
            };
        }
    }

    /** The client's end of one connection. */
    interface FrameChannel {
        /** Hands a command to the broker; its answer arrives as an event. */
        void send(Command command);

        /** Drops the connection without a close handshake, as if the peer vanished. */
        void abort();

        /**
         * The broker's clock. A client in the same JVM stamps JMSTimestamp, JMSExpiration and
         * JMSDeliveryTime with it, so that a test clock moved on the broker moves the client too.
         */
        Clock clock();
    }
}
