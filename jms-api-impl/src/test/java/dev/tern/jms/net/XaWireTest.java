package dev.tern.jms.net;

import static javax.transaction.xa.XAException.XAER_DUPID;
import static javax.transaction.xa.XAException.XAER_NOTA;
import static javax.transaction.xa.XAException.XAER_PROTO;
import static javax.transaction.xa.XAException.XA_RBROLLBACK;
import static javax.transaction.xa.XAException.XA_RBTIMEOUT;
import static javax.transaction.xa.XAResource.TMFAIL;
import static javax.transaction.xa.XAResource.TMNOFLAGS;
import static javax.transaction.xa.XAResource.TMSUCCESS;
import static javax.transaction.xa.XAResource.XA_OK;
import static javax.transaction.xa.XAResource.XA_RDONLY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.MutableClock;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import dev.tern.protocol.AckMode;
import dev.tern.protocol.BranchId;
import dev.tern.protocol.Command;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.Event;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * XA branches on the broker, driven over raw frames as a client's XAResource drives them: what a branch
 * sends stays invisible until it commits, what it consumes stays locked until it is decided, a prepared
 * branch survives a restart and is listed by recover, and every misuse gets the XA error code a
 * transaction manager acts on.
 */
@Timeout(60)
class XaWireTest {

    private static final String QUEUE = "xa.orders";
    private static final long NOTHING_MILLIS = 300;

    private final String name = "xa-wire-" + UUID.randomUUID().toString().substring(0, 8);
    private final MutableClock clock = MutableClock.startingNow();
    private final AtomicLong requestIds = new AtomicLong(100);
    @TempDir
    Path dataDir;
    private Broker broker;

    @BeforeEach
    void startBroker() {
        broker = start();
    }

    @AfterEach
    void stopBroker() {
        EmbeddedBrokers.stop(name);
    }

    @Test
    void aPreparedBranchStaysInvisibleSurvivesARestartAndIsDeliveredWhenCommitted() throws Exception {
        BranchId branch = branch("restart");
        try (RawClient raw = session()) {
            work(raw, branch, List.of(send("in the branch")));
            assertThat(xa(raw, new Command.XaPrepare(next(), branch))).isEqualTo(XA_OK);
        }
        assertThat(receive()).as("a prepared send before the commit").isNull();

        restart();

        try (RawClient raw = session()) {
            assertThat(recover(raw)).containsExactly(branch);
            assertThat(receive()).as("a prepared send after the restart").isNull();
            assertThat(xa(raw, new Command.XaCommit(next(), branch, false))).isEqualTo(XA_OK);
            assertThat(recover(raw)).isEmpty();
        }
        assertThat(receive()).isEqualTo("in the branch");
    }

    @Test
    void whatAPreparedBranchConsumedStaysLockedThroughARestartAndIsGoneOnceItCommits() throws Exception {
        sendOutsideABranch("to be consumed");
        BranchId branch = branch("consume");
        try (RawClient raw = session()) {
            long delivery = consumeOne(raw);
            work(raw, branch, List.of(), List.of(delivery));
            assertThat(xa(raw, new Command.XaPrepare(next(), branch))).isEqualTo(XA_OK);
        }
        assertThat(receive()).as("a message a prepared branch consumed").isNull();

        restart();

        assertThat(receive()).as("the same after a restart").isNull();
        try (RawClient raw = session()) {
            assertThat(xa(raw, new Command.XaCommit(next(), branch, false))).isEqualTo(XA_OK);
        }
        restart();
        assertThat(receive()).as("a message the committed branch consumed").isNull();
    }

    @Test
    void aRolledBackPreparedBranchDropsItsSendsAndRedeliversWhatItConsumed() throws Exception {
        sendOutsideABranch("consumed then rolled back");
        BranchId branch = branch("rollback");
        try (RawClient raw = session()) {
            long delivery = consumeOne(raw);
            work(raw, branch, List.of(send("never delivered")), List.of(delivery));
            assertThat(xa(raw, new Command.XaPrepare(next(), branch))).isEqualTo(XA_OK);
        }
        restart();
        try (RawClient raw = session()) {
            assertThat(xa(raw, new Command.XaRollback(next(), branch))).isEqualTo(XA_OK);
            assertThat(recover(raw)).isEmpty();
        }
        try (JMSContext context = factory().createContext()) {
            JMSConsumer consumer = context.createConsumer(context.createQueue(QUEUE));
            Message again = consumer.receive(5_000);
            assertThat(again.getBody(String.class)).isEqualTo("consumed then rolled back");
            assertThat(again.getJMSRedelivered()).isTrue();
            assertThat(consumer.receive(NOTHING_MILLIS)).as("the rolled-back send").isNull();
        }
    }

    @Test
    void aBranchCommittedInOnePhaseDeliversItsSends() throws Exception {
        BranchId branch = branch("one-phase");
        try (RawClient raw = session()) {
            work(raw, branch, List.of(send("one phase")));
            assertThat(xa(raw, new Command.XaCommit(next(), branch, true))).isEqualTo(XA_OK);
            assertThat(xa(raw, new Command.XaCommit(next(), branch, true))).as("again").isEqualTo(XAER_NOTA);
        }
        assertThat(receive()).isEqualTo("one phase");
    }

    @Test
    void aBranchThatDidNothingPreparesReadOnlyAndIsForgotten() throws Exception {
        BranchId branch = branch("read-only");
        try (RawClient raw = session()) {
            work(raw, branch, List.of());
            assertThat(xa(raw, new Command.XaPrepare(next(), branch))).isEqualTo(XA_RDONLY);
            assertThat(recover(raw)).isEmpty();
            assertThat(xa(raw, new Command.XaCommit(next(), branch, false))).isEqualTo(XAER_NOTA);
        }
    }

    @Test
    void misusesGetTheErrorCodesATransactionManagerActsOn() throws Exception {
        BranchId branch = branch("misuse");
        try (RawClient raw = session()) {
            assertThat(xa(raw, new Command.XaCommit(next(), branch("unknown"), true))).isEqualTo(XAER_NOTA);
            assertThat(xa(raw, new Command.XaRollback(next(), branch("unknown")))).isEqualTo(XAER_NOTA);
            assertThat(xa(raw, new Command.XaStart(next(), 1, branch, TMNOFLAGS, 0))).isEqualTo(XA_OK);
            assertThat(raw.call(new Command.CreateSession(next(), 2, AckMode.AUTO))).isInstanceOf(Event.Ok.class);
            assertThat(xa(raw, new Command.XaStart(next(), 2, branch, TMNOFLAGS, 0))).as("a second start")
                    .isEqualTo(XAER_DUPID);
            assertThat(xa(raw, new Command.XaPrepare(next(), branch))).as("prepare while active").isEqualTo(XAER_PROTO);
            assertThat(xa(raw, new Command.XaEnd(next(), 2, branch, TMSUCCESS, List.of()))).as("end by another session")
                    .isEqualTo(XAER_PROTO);
            assertThat(xa(raw, new Command.XaEnd(next(), 1, branch, TMSUCCESS, List.of()))).isEqualTo(XA_OK);
            assertThat(xa(raw, new Command.XaCommit(next(), branch, false))).as("two-phase commit unprepared")
                    .isEqualTo(XAER_PROTO);
            raw.call(send("prepared"));
            assertThat(xa(raw, new Command.XaPrepare(next(), branch))).isEqualTo(XA_RDONLY);
        }
    }

    @Test
    void aBranchRolledBackWhileASessionWorksInItRefusesItsSendsAndEndsRolledBack() throws Exception {
        sendOutsideABranch("consumed in the branch");
        BranchId branch = branch("active");
        try (RawClient raw = session()) {
            long delivery = consumeOne(raw);
            assertThat(xa(raw, new Command.XaStart(next(), 1, branch, TMNOFLAGS, 0))).isEqualTo(XA_OK);
            assertThat(raw.call(send("before the rollback"))).isInstanceOf(Event.Ok.class);

            assertThat(xa(raw, new Command.XaRollback(next(), branch))).isEqualTo(XA_OK);

            assertThat(raw.call(send("after the rollback"))).isInstanceOf(Event.Failed.class);
            assertThat(xa(raw, new Command.XaEnd(next(), 1, branch, TMSUCCESS, List.of(delivery))))
                    .isEqualTo(XA_RBROLLBACK);
            assertThat(raw.call(send("outside any branch"))).isInstanceOf(Event.Ok.class);
        }
        try (JMSContext context = factory().createContext()) {
            JMSConsumer consumer = context.createConsumer(context.createQueue(QUEUE));
            assertThat(consumer.receiveBody(String.class, 5_000)).isEqualTo("consumed in the branch");
            assertThat(consumer.receiveBody(String.class, 5_000)).isEqualTo("outside any branch");
            assertThat(consumer.receiveBody(String.class, NOTHING_MILLIS)).isNull();
        }
    }

    @Test
    void flagsXaDoesNotDefineAreRefusedAndTheBranchGivesBackWhatItConsumed() throws Exception {
        sendOutsideABranch("consumed under bad flags");
        BranchId branch = branch("bad-flags");
        try (RawClient raw = session()) {
            long delivery = consumeOne(raw);
            assertThat(xa(raw, new Command.XaStart(next(), 1, branch, 12345, 0))).isEqualTo(XAException.XAER_INVAL);
            assertThat(xa(raw, new Command.XaStart(next(), 1, branch, TMNOFLAGS, 0))).isEqualTo(XA_OK);
            assertThat(xa(raw, new Command.XaEnd(next(), 1, branch, 12345, List.of(delivery))))
                    .isEqualTo(XAException.XAER_INVAL);
            assertThat(xa(raw, new Command.XaPrepare(next(), branch))).as("a branch ended so can only roll back")
                    .isEqualTo(XA_RBROLLBACK);
        }
        assertThat(receive()).as("nothing lost").isEqualTo("consumed under bad flags");
    }

    @Test
    void aBranchEndedWithFailureOnlyRollsBack() throws Exception {
        BranchId branch = branch("failed");
        try (RawClient raw = session()) {
            assertThat(xa(raw, new Command.XaStart(next(), 1, branch, TMNOFLAGS, 0))).isEqualTo(XA_OK);
            raw.call(send("from a failed branch"));
            assertThat(xa(raw, new Command.XaEnd(next(), 1, branch, TMFAIL, List.of()))).isEqualTo(XA_OK);
            assertThat(xa(raw, new Command.XaPrepare(next(), branch))).isEqualTo(XA_RBROLLBACK);
            assertThat(xa(raw, new Command.XaRollback(next(), branch))).as("after the RB answer").isEqualTo(XAER_NOTA);
        }
        assertThat(receive()).isNull();
    }

    @Test
    void aBranchNotPreparedWithinItsTimeoutIsRolledBack() throws Exception {
        sendOutsideABranch("held by a slow branch");
        BranchId branch = branch("timeout");
        try (RawClient raw = session()) {
            long delivery = consumeOne(raw);
            assertThat(xa(raw, new Command.XaStart(next(), 1, branch, TMNOFLAGS, 5))).isEqualTo(XA_OK);
            raw.call(send("too late"));
            assertThat(xa(raw, new Command.XaEnd(next(), 1, branch, TMSUCCESS, List.of(delivery)))).isEqualTo(XA_OK);

            clock.advance(Duration.ofSeconds(5));

            assertThat(receive()).as("the consumed message, back once the branch timed out")
                    .isEqualTo("held by a slow branch");
            assertThat(xa(raw, new Command.XaPrepare(next(), branch))).isEqualTo(XA_RBTIMEOUT);
            assertThat(xa(raw, new Command.XaPrepare(next(), branch))).as("then forgotten").isEqualTo(XAER_NOTA);
        }
        assertThat(receive()).as("the branch's send").isNull();
    }

    @Test
    void anOperatorRollsBackABranchInDoubtAndItsManagerLearnsItUntilItForgets() throws Exception {
        sendOutsideABranch("held in doubt");
        BranchId branch = branch("heuristic");
        try (RawClient raw = session()) {
            long delivery = consumeOne(raw);
            work(raw, branch, List.of(send("never sent")), List.of(delivery));
            assertThat(xa(raw, new Command.XaPrepare(next(), branch))).isEqualTo(XA_OK);
        }
        try (RawClient operator = session()) {
            assertThat(xa(operator, new Command.XaDecide(next(), branch, false))).isEqualTo(XA_OK);
        }
        assertThat(receive()).as("what the branch consumed, back").isEqualTo("held in doubt");
        assertThat(receive()).as("what it sent").isNull();
        try (RawClient manager = session()) {
            assertThat(recover(manager)).containsExactly(branch);
            assertThat(xa(manager, new Command.XaCommit(next(), branch, false))).isEqualTo(XAException.XA_HEURRB);
            assertThat(xa(manager, new Command.XaForget(next(), branch))).isEqualTo(XA_OK);
            assertThat(recover(manager)).isEmpty();
            assertThat(xa(manager, new Command.XaDecide(next(), branch("unknown"), true))).isEqualTo(XAER_NOTA);
        }
    }

    // ---- raw frames ----

    /** An open connection with session 1, not started. */
    private RawClient session() throws Exception {
        RawClient raw = RawClient.connect(broker.tcpPort());
        assertThat(raw.call(new Command.OpenConnection(next(), null, null, null))).isInstanceOf(Event.Ok.class);
        assertThat(raw.call(new Command.CreateSession(next(), 1, AckMode.AUTO))).isInstanceOf(Event.Ok.class);
        return raw;
    }

    /** Starts the branch on session 1, sends, and ends it with success. */
    private void work(RawClient raw, BranchId branch, List<Command.Send> sends) throws Exception {
        work(raw, branch, sends, List.of());
    }

    private void work(RawClient raw, BranchId branch, List<Command.Send> sends, List<Long> consumed) throws Exception {
        assertThat(xa(raw, new Command.XaStart(next(), 1, branch, TMNOFLAGS, 0))).isEqualTo(XA_OK);
        for (Command.Send send : sends) {
            assertThat(raw.call(send)).isInstanceOf(Event.Ok.class);
        }
        assertThat(xa(raw, new Command.XaEnd(next(), 1, branch, TMSUCCESS, consumed))).isEqualTo(XA_OK);
    }

    /** Takes one message from the queue on session 1 and returns its delivery ID. */
    private long consumeOne(RawClient raw) throws Exception {
        assertThat(raw.call(new Command.CreateConsumer(next(), 1, 1, ConsumerSpec.of(DestinationName.queue(QUEUE)), 1)))
                .isInstanceOf(Event.Ok.class);
        assertThat(raw.call(new Command.StartDelivery(next()))).isInstanceOf(Event.Ok.class);
        return raw.nextDelivery().deliveryId();
    }

    private Command.Send send(String text) throws Exception {
        return new Command.Send(next(), 1, RawClient.textMessage(DestinationName.queue(QUEUE), text, true));
    }

    private int xa(RawClient raw, Command command) throws Exception {
        Event.Answer answer = raw.call(command);
        assertThat(answer).isInstanceOf(Event.XaAnswer.class);
        return ((Event.XaAnswer) answer).code();
    }

    private List<BranchId> recover(RawClient raw) throws Exception {
        Event.Answer answer = raw.call(new Command.XaRecover(next()));
        assertThat(answer).isInstanceOf(Event.XaBranches.class);
        return ((Event.XaBranches) answer).branches();
    }

    private long next() {
        return requestIds.incrementAndGet();
    }

    private static BranchId branch(String name) {
        return new BranchId(4660, ("gtrid-" + name).getBytes(StandardCharsets.UTF_8), new byte[] {1});
    }

    // ---- the broker, through JMS ----

    private Broker start() {
        return EmbeddedBrokers.start(BrokerConfig.named(name).withDataDir(dataDir).withClock(clock)
                .withTcp(TcpSettings.onPort(0).withHost("127.0.0.1")));
    }

    private void restart() {
        EmbeddedBrokers.stop(name);
        broker = start();
    }

    private TernConnectionFactory factory() {
        return new TernConnectionFactory("tcp://127.0.0.1:" + broker.tcpPort());
    }

    /**
     * Sends outside any branch, over raw frames: a message the JMS client made would carry its JMSDeliveryTime
     * by the real clock, ahead of the broker's test clock, and wait for it.
     */
    private void sendOutsideABranch(String text) throws Exception {
        try (RawClient raw = session()) {
            assertThat(raw.call(send(text))).isInstanceOf(Event.Ok.class);
        }
    }

    /** The next message on the queue, or null if none comes within a short wait. */
    private String receive() {
        try (JMSContext context = factory().createContext()) {
            return context.createConsumer(context.createQueue(QUEUE)).receiveBody(String.class, NOTHING_MILLIS);
        }
    }
}
