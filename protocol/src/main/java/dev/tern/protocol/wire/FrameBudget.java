package dev.tern.protocol.wire;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * A budget of frame bytes being received, shared by every socket of a broker. A decoder that starts
 * a frame it has not received in full {@linkplain #claim claims} the frame's length; if that would take
 * the bytes in flight over the budget, the claim waits, in order of arrival, and the decoder stops reading
 * its socket until the claim is granted by the release of another. A claim is always granted when
 * nothing else is in flight, so a frame larger than the whole budget is read alone.
 *
 * <p>Thread-safe: decoders on every event loop share one budget. Callbacks run outside its lock.
 */
public final class FrameBudget {

    private final long maxBytes;
    private final Deque<Claim> waiting = new ArrayDeque<>();
    private long inFlight;

    /** A budget of {@code maxBytes} bytes of frames in flight at once. */
    public FrameBudget(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the budget of frame bytes in flight must be positive, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** Bytes of the frames whose claims are granted and not yet released. */
    public synchronized long inFlight() {
        return inFlight;
    }

    /** Claims waiting for bytes, each a socket that stopped reading. */
    public synchronized int waiting() {
        return waiting.size();
    }

    /**
     * Claims the bytes of a frame: granted at once if they fit and nobody waits, else queued until
     * {@code onGranted} is called, from whichever thread released the bytes.
     */
    synchronized Claim claim(long bytes, Consumer<Claim> onGranted) {
        Claim claim = new Claim(bytes, onGranted);
        if (waiting.isEmpty() && fits(bytes)) {
            claim.granted = true;
            inFlight += bytes;
        } else {
            waiting.add(claim);
        }
        return claim;
    }

    /** Gives the claim's bytes back if it was granted, or leaves the queue; then grants what fits now. */
    void release(Claim claim) {
        List<Claim> granted = new ArrayList<>();
        synchronized (this) {
            if (claim.granted) {
                claim.granted = false;
                inFlight -= claim.bytes;
            } else {
                waiting.remove(claim);
            }
            while (!waiting.isEmpty() && fits(waiting.peek().bytes)) {
                Claim next = waiting.poll();
                next.granted = true;
                inFlight += next.bytes;
                granted.add(next);
            }
        }
        granted.forEach(next -> next.onGranted.accept(next));
    }

    synchronized boolean isGranted(Claim claim) {
        return claim.granted;
    }

    private boolean fits(long bytes) {
        return inFlight == 0 || inFlight + bytes <= maxBytes;
    }

    /** One frame's claim on the budget. */
    static final class Claim {
        private final long bytes;
        private final Consumer<Claim> onGranted;
        private boolean granted;

        private Claim(long bytes, Consumer<Claim> onGranted) {
            this.bytes = bytes;
            this.onGranted = onGranted;
        }
    }
}
