package dev.tern.broker.session;

import dev.tern.broker.concurrent.OrderedExecutor;
import dev.tern.broker.core.BrokerTimer;
import dev.tern.broker.core.DeadLetterRetry;
import dev.tern.broker.core.Journal;
import dev.tern.broker.core.PostOffice;
import dev.tern.broker.core.QueueAdmin;
import dev.tern.broker.core.Redelivery;
import dev.tern.broker.core.Subscriptions;
import dev.tern.broker.policy.AddressPolicies;
import dev.tern.broker.security.AuditLog;
import dev.tern.broker.security.BrokerSecurity;
import dev.tern.broker.security.LoginGuard;
import dev.tern.broker.xa.XaTransactions;
import dev.tern.protocol.ConnectionInfo;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** What a connection needs from its broker. */
public interface BrokerServices {

    PostOffice postOffice();

    Subscriptions subscriptions();

    Journal journal();

    ClientIds clientIds();

    /** Who may connect and what each may do, now; changes when the broker's configuration is reloaded. */
    BrokerSecurity security();

    /** Keeps logins within the limits against abuse: failed logins per address, connections per user and address. */
    LoginGuard loginGuard();

    /** Where credentials are checked, off the connections' lanes: a check may be slow or wait on the network. */
    Executor loginThreads();

    /** Records logins, refusals, admin actions and deletions. */
    AuditLog audit();

    long nextMessageId();

    /** The time source of timestamps, delivery delays and expiry. */
    Clock clock();

    /** Runs tasks at times of that clock. */
    BrokerTimer timer();

    /** Decides what becomes of messages delivered and not acknowledged. */
    Redelivery redelivery();

    /** The XA transaction branches of every connection. */
    XaTransactions xaTransactions();

    /** Moves dead letters back where they came from. */
    DeadLetterRetry deadLetterRetry();

    /** The client connections open now, by ID. */
    List<ConnectionInfo> connections();

    /** Writes a consistent copy of the journal into a new zip file; completes once it is written. */
    CompletableFuture<Void> backup(Path target);

    /** Operators' actions on queues: pause, resume, remove and move messages. */
    QueueAdmin queueAdmin();

    /** The destination policies in force now. */
    AddressPolicies policies();

    /**
     * Changes one destination policy setting until the broker stops.
     *
     * @throws dev.tern.broker.BrokerException INVALID_ARGUMENT for a bad pattern, setting or value
     */
    void setPolicy(String pattern, String setting, String value);

    /**
     * A new lane on the broker's worker threads: its tasks run one at a time, in order, never on a
     * socket's I/O thread.
     *
     * @param what the lane serves, for logs
     */
    OrderedExecutor newLane(String what);
}
