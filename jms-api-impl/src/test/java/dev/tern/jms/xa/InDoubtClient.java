package dev.tern.jms.xa;

import dev.tern.jms.TernConnectionFactory;
import dev.tern.jms.crash.ReportLines;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The child JVM of {@link XaCrashRecoveryTest}: under Narayana, one global transaction sends a message to a
 * Tern queue and inserts a row into H2, then stalls in two-phase commit until the test kills it with SIGKILL.
 *
 * <p>Arguments: the broker's URL, the database's JDBC URL, Narayana's object store directory, the queue, the
 * order (the message's body and the row's ID), and the {@link StallingXAResource.Point}. Lines printed:
 * {@code STALLED} once the transaction stands at that point.
 */
public final class InDoubtClient {

    /** How long a stalled child waits to be killed before it halts by itself. */
    private static final long STALL_MINUTES = 2;

    private InDoubtClient() {
    }

    public static void main(String[] args) throws Exception {
        String brokerUrl = args[0];
        OrdersDatabase database = new OrdersDatabase(args[1]);
        Narayana.configure(Path.of(args[2]));
        String queue = args[3];
        String order = args[4];
        StallingXAResource.Stall stall = new StallingXAResource.Stall(StallingXAResource.Point.valueOf(args[5]), 2,
                InDoubtClient::stall);

        TransactionManager transactionManager = com.arjuna.ats.jta.TransactionManager.transactionManager();
        XAConnection xaConnection = new TernConnectionFactory(brokerUrl).createXAConnection();
        XASession session = xaConnection.createXASession();
        javax.sql.XAConnection databaseConnection = database.xaConnection();

        transactionManager.begin();
        Transaction transaction = transactionManager.getTransaction();
        transaction.enlistResource(new StallingXAResource(session.getXAResource(), stall));
        transaction.enlistResource(new StallingXAResource(databaseConnection.getXAResource(), stall));
        session.createProducer(session.createQueue(queue)).send(session.createTextMessage(order));
        OrdersDatabase.insert(databaseConnection.getConnection(), order);
        transactionManager.commit();
        throw new IllegalStateException("The transaction committed without stalling at " + args[5]);
    }

    private static void stall() {
        ReportLines.report(System.out, "STALLED");
        try {
            new CountDownLatch(1).await(STALL_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(3);
    }
}
