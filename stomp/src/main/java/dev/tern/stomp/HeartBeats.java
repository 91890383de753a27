package dev.tern.stomp;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * STOMP heart-beating (the {@code heart-beat} header of CONNECT and CONNECTED). The broker can send a
 * heart-beat every {@value #SERVER_SEND_MILLIS} ms and wants one from the client every third of the
 * port's idle timeout; each side then beats at the larger of what one offers and the other wants, and a
 * client that sends nothing, not even a heart-beat, for three of its intervals is disconnected. Until
 * CONNECT, a socket silent for the idle timeout is disconnected.
 *
 * @param clientToServerMillis how often the client beats, 0 for never (then silence is allowed)
 * @param serverToClientMillis how often the broker beats, 0 for never
 */
record HeartBeats(long clientToServerMillis, long serverToClientMillis) {

    static final String HANDLER_NAME = "stomp-heart-beat";
    /** The shortest interval the broker sends heart-beats at. */
    static final long SERVER_SEND_MILLIS = 1_000;
    /** The shortest interval the broker asks the client to beat at. */
    static final long MIN_RECEIVE_MILLIS = 1_000;
    /** Missed beats after which a client is taken for gone. */
    static final int MISSED_BEATS = 3;

    /** The watch before CONNECT: a socket that says nothing for the idle timeout is closed. */
    static ChannelHandler beforeConnect(int idleTimeoutMillis) {
        return new IdleStateHandler(idleTimeoutMillis, 0, 0, TimeUnit.MILLISECONDS);
    }

    /** What the broker wants to receive: a beat every third of the idle timeout, 0 if the port has none. */
    static long wantedFromClient(int idleTimeoutMillis) {
        return idleTimeoutMillis == 0 ? 0 : Math.max(MIN_RECEIVE_MILLIS, idleTimeoutMillis / MISSED_BEATS);
    }

    /**
     * Agrees the intervals with a client's {@code heart-beat} header ({@code cx,cy}; absent means {@code 0,0}).
     *
     * @throws StompException if the header is not two non-negative numbers
     */
    static HeartBeats negotiate(String header, int idleTimeoutMillis) throws StompException {
        long clientSends = 0;
        long clientWants = 0;
        if (header != null) {
            String[] parts = header.split(",", -1);
            if (parts.length != 2) {
                throw new StompException("The heart-beat header must be two numbers separated by a comma, was '"
                        + header + "'.");
            }
            clientSends = parse(parts[0], header);
            clientWants = parse(parts[1], header);
        }
        long wanted = wantedFromClient(idleTimeoutMillis);
        long in = clientSends == 0 || wanted == 0 ? 0 : Math.max(clientSends, wanted);
        long out = clientWants == 0 ? 0 : Math.max(clientWants, SERVER_SEND_MILLIS);
        return new HeartBeats(in, out);
    }

    private static long parse(String part, String header) throws StompException {
        try {
            long value = Long.parseLong(part.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new StompException("The heart-beat header must be two non-negative numbers, was '" + header + "'.");
    }

    /** The CONNECTED frame's {@code heart-beat} header: what the broker offers and wants. */
    static String offered(int idleTimeoutMillis) {
        return SERVER_SEND_MILLIS + "," + wantedFromClient(idleTimeoutMillis);
    }

    /** Replaces the watch before CONNECT with one for the agreed intervals. */
    void install(ChannelPipeline pipeline) {
        long readerIdle = clientToServerMillis * MISSED_BEATS;
        pipeline.replace(HANDLER_NAME, HANDLER_NAME,
                new IdleStateHandler(readerIdle, serverToClientMillis, 0, TimeUnit.MILLISECONDS));
    }
}
