package dev.tern.amqp;

import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reports a leaked buffer (or other tracked resource) while it ran: leak
 * detection is paranoid (every buffer tracked), and after the class a collection is forced until a
 * buffer leaked on purpose (the canary) is reported, so that the leaks of the class are reported too.
 * Registered for every test class of the module by JUnit's extension autodetection (a copy of the STOMP
 * module's check: modules share no test code).
 */
public final class NettyLeakCheck implements AfterAllCallback {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static final String CANARY = "leak-check canary ";
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
        if (!(PooledByteBufAllocator.DEFAULT.buffer(1).release() && RecordingDetector.created)) {
            throw new IllegalStateException("Netty's buffer leak detector was made before NettyLeakCheck could "
                    + "install its own: leaks would go unnoticed");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        assertNoLeaks(context.getDisplayName());
    }

    /** Fails if a leak has been reported since the last call, after making the detector report what it can. */
    static void assertNoLeaks(String during) {
        flush();
        if (!LEAKS.isEmpty()) {
            List<String> leaks = List.copyOf(LEAKS);
            LEAKS.removeAll(leaks);
            throw new AssertionError(leaks.size() + " Netty resource leak(s) reported during " + during + ":\n"
                    + String.join("\n\n", leaks));
        }
    }

    /**
     * Leaks a canary buffer, then collects and allocates until the detector has reported it, and once more
     * for what the same collection found after it.
     */
    private static void flush() {
        String canary = CANARY + UUID.randomUUID();
        leakCanary(canary);
        await("the leak detector to report the canary").atMost(FLUSH_TIMEOUT).pollDelay(Duration.ZERO)
                .until(() -> {
                    collectAndDetect();
                    return LEAKS.removeIf(leak -> leak.contains(canary));
                });
        collectAndDetect();
    }

    private static void collectAndDetect() {
        System.gc();
        PooledByteBufAllocator.DEFAULT.buffer(1).release(); // allocating is what runs the detector
    }

    private static void leakCanary(String hint) {
        ByteBuf canary = PooledByteBufAllocator.DEFAULT.buffer(1);
        canary.touch(hint);
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                long maxActive) {
            return new RecordingDetector<>(resource, samplingInterval);
        }
    }

    /** Netty's detector, which logs each leak, also recording it for {@link #afterAll}. */
    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        static volatile boolean created;

        RecordingDetector(Class<?> resource, int samplingInterval) {
            super(resource, samplingInterval);
            if (ByteBuf.class.isAssignableFrom(resource)) {
                created = true;
            }
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            if (!records.contains(CANARY)) {
                super.reportTracedLeak(resourceType, records);
            }
            LEAKS.add(resourceType + " leaked:" + records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            super.reportUntracedLeak(resourceType);
            LEAKS.add(resourceType + " leaked (not traced)");
        }
    }
}
