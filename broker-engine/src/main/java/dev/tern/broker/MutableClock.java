package dev.tern.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that tests move forward by hand, so that delivery delays and time-to-live pass without
 * sleeping. A broker started with it wakes its timers whenever the clock moves.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.startingNow();
 * EmbeddedBrokers.start(BrokerConfig.named("test").withPersistent(false).withClock(clock));
 * // ... send with a delivery delay of one hour ...
 * clock.advance(Duration.ofHours(1)); // the message is delivered now
 * }</pre>
 */
public final class MutableClock extends Clock {

    private final AtomicLong millis;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    private MutableClock(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    /** A clock that reads the current time until it is moved. */
    public static MutableClock startingNow() {
        return new MutableClock(System.currentTimeMillis());
    }

    /** A clock set to an instant. */
    public static MutableClock startingAt(Instant start) {
        return new MutableClock(start.toEpochMilli());
    }

    /** Moves the clock forward and wakes whatever waits on it. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("A clock only moves forward; got " + duration);
        }
        millis.addAndGet(duration.toMillis());
        listeners.forEach(Runnable::run);
    }

    /** Runs the listener every time the clock moves; how a broker's timers learn of it. */
    public void onAdvance(Runnable listener) {
        listeners.add(listener);
    }

    /** Stops telling the listener. */
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("MutableClock is always UTC");
    }
}
