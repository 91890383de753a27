package dev.tern.ra;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A message-driven bean's endpoint factory as a server makes it: records the messages delivered, the
 * threads and XAResources used, and the calls around each delivery. With transacted delivery it runs a
 * transaction around each message as a container does: beforeDelivery starts a branch on the XAResource,
 * afterDelivery ends it and commits in one phase, or rolls back when onMessage threw (see {@link AfterFailure}).
 */
class RecordingEndpointFactory implements MessageEndpointFactory {

    private final boolean transacted;
    final List<String> texts = new CopyOnWriteArrayList<>();
    final List<Message> messages = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<XAResource> resources = new CopyOnWriteArrayList<>();
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    final AtomicInteger concurrent = new AtomicInteger();
    final AtomicInteger maxConcurrent = new AtomicInteger();
    final AtomicInteger released = new AtomicInteger();
    volatile RuntimeException failWith;
    volatile AfterFailure afterFailure = AfterFailure.ROLLS_BACK;
    volatile CountDownLatch holdUntil;

    RecordingEndpointFactory(boolean transacted) {
        this.transacted = transacted;
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource) throws UnavailableException {
        resources.add(xaResource == null ? NO_RESOURCE : xaResource);
        return new Endpoint(xaResource);
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) throws UnavailableException {
        return createEndpoint(xaResource);
    }

    @Override
    public boolean isDeliveryTransacted(Method method) throws NoSuchMethodException {
        if (!method.equals(MessageListener.class.getMethod("onMessage", Message.class))) {
            throw new NoSuchMethodException(method.toString());
        }
        return transacted;
    }

    @Override
    public String getActivationName() {
        return "recording-" + System.identityHashCode(this);
    }

    @Override
    public Class<?> getEndpointClass() {
        return Endpoint.class;
    }

    /** What the container does with its transaction when onMessage threw. */
    enum AfterFailure {
        /** Ends the branch failed and rolls it back, as a container that sees the bean's exception. */
        ROLLS_BACK,
        /**
         * Ends the branch successfully and commits it in one phase, rolling back only if the end is refused:
         * as WildFly when it refuses a delivery during undeployment, outside its transaction handling.
         */
        COMMITS,
        /** As COMMITS, but commits in one phase even when the end is refused. */
        COMMITS_REGARDLESS
    }

    /** Placeholder in {@link #resources} for deliveries made without an XAResource. */
    static final XAResource NO_RESOURCE = new NoResource();

    private final class Endpoint implements MessageEndpoint, MessageListener {
        private final XAResource resource;
        private Xid xid;
        private boolean failed;

        Endpoint(XAResource resource) {
            this.resource = resource;
        }

        @Override
        public void beforeDelivery(Method method) {
            calls.add("beforeDelivery");
            xid = TestXid.next();
            try {
                resource.start(xid, XAResource.TMNOFLAGS);
            } catch (XAException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void onMessage(Message message) {
            calls.add("onMessage");
            threads.add(Thread.currentThread().getName());
            int now = concurrent.incrementAndGet();
            maxConcurrent.accumulateAndGet(now, Math::max);
            try {
                CountDownLatch hold = holdUntil;
                if (hold != null) {
                    try {
                        hold.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                messages.add(message);
                texts.add(((TextMessage) message).getText());
                RuntimeException failure = failWith;
                if (failure != null) {
                    failed = true;
                    throw failure;
                }
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            } finally {
                concurrent.decrementAndGet();
            }
        }

        @Override
        public void afterDelivery() {
            calls.add("afterDelivery");
            AfterFailure policy = afterFailure;
            boolean rollBack = failed && policy == AfterFailure.ROLLS_BACK;
            try {
                resource.end(xid, rollBack ? XAResource.TMFAIL : XAResource.TMSUCCESS);
            } catch (XAException e) {
                rollBack = policy != AfterFailure.COMMITS_REGARDLESS;
            }
            try {
                if (rollBack) {
                    resource.rollback(xid);
                } else {
                    resource.commit(xid, true);
                }
            } catch (XAException e) {
                if (policy != AfterFailure.COMMITS_REGARDLESS) {
                    throw new IllegalStateException(e);
                }
                calls.add("commit refused");
            }
        }

        @Override
        public void release() {
            released.incrementAndGet();
        }
    }

    private static final class NoResource implements XAResource {
        @Override public void commit(Xid xid, boolean onePhase) { }
        @Override public void end(Xid xid, int flags) { }
        @Override public void forget(Xid xid) { }
        @Override public int getTransactionTimeout() { return 0; }
        @Override public boolean isSameRM(XAResource other) { return false; }
        @Override public int prepare(Xid xid) { return XA_OK; }
        @Override public Xid[] recover(int flag) { return new Xid[0]; }
        @Override public void rollback(Xid xid) { }
        @Override public boolean setTransactionTimeout(int seconds) { return false; }
        @Override public void start(Xid xid, int flags) { }
    }
}
