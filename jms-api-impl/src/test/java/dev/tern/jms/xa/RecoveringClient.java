package dev.tern.jms.xa;

import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import dev.tern.jms.TernConnectionFactory;
import dev.tern.jms.crash.ReportLines;
import jakarta.jms.XAConnection;
import java.nio.file.Path;
import javax.transaction.xa.XAResource;

/**
 * The second child JVM of {@link XaCrashRecoveryTest}: the transaction manager after its crash. It runs
 * Narayana's recovery over the object store the crashed JVM left, with a recovery helper each for Tern and H2
 * that hand Narayana the XAResource of a fresh connection, scans twice and exits.
 *
 * <p>Arguments: the broker's URL, the database's JDBC URL, Narayana's object store directory. Lines printed:
 * {@code LOGS_BEFORE <n>} (the transaction logs recovery finds), {@code LOGS_AFTER <n>} (those left
 * afterwards), then {@code RECOVERED}.
 */
public final class RecoveringClient {

    private RecoveringClient() {
    }

    public static void main(String[] args) throws Exception {
        String brokerUrl = args[0];
        OrdersDatabase database = new OrdersDatabase(args[1]);
        Narayana.configure(Path.of(args[2]));
        ReportLines.report(System.out, "LOGS_BEFORE " + Narayana.transactionLogs());

        try (XAConnection xaConnection = new TernConnectionFactory(brokerUrl).createXAConnection()) {
            javax.sql.XAConnection databaseConnection = database.xaConnection();
            RecoveryManager manager = RecoveryManager.manager(RecoveryManager.DIRECT_MANAGEMENT);
            XARecoveryModule xaRecovery = XARecoveryModule.getRegisteredXARecoveryModule();
            xaRecovery.addXAResourceRecoveryHelper(helper(xaConnection.createXASession().getXAResource()));
            xaRecovery.addXAResourceRecoveryHelper(helper(databaseConnection.getXAResource()));
            // The first pass of a scan lists the branches; its second pass, or the next scan, settles them.
            manager.scan();
            manager.scan();
            ReportLines.report(System.out, "LOGS_AFTER " + Narayana.transactionLogs());
            manager.terminate();
            databaseConnection.close();
        }
        Narayana.shutDown();
        ReportLines.report(System.out, "RECOVERED");
        System.exit(0);
    }

    /** A recovery helper that hands Narayana one resource manager's XAResource at every scan. */
    private static XAResourceRecoveryHelper helper(XAResource resource) {
        return new XAResourceRecoveryHelper() {
            @Override
            public boolean initialise(String properties) {
                return true;
            }

            @Override
            public XAResource[] getXAResources() {
                return new XAResource[] {resource};
            }
        };
    }
}
