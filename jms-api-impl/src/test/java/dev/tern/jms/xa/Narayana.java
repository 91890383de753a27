package dev.tern.jms.xa;

import com.arjuna.ats.arjuna.AtomicAction;
import com.arjuna.ats.arjuna.common.CoreEnvironmentBeanException;
import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.Uid;
import com.arjuna.ats.arjuna.common.arjPropertyManager;
import com.arjuna.ats.arjuna.common.recoveryPropertyManager;
import com.arjuna.ats.arjuna.coordinator.TransactionReaper;
import com.arjuna.ats.arjuna.exceptions.ObjectStoreException;
import com.arjuna.ats.arjuna.objectstore.StoreManager;
import com.arjuna.ats.arjuna.state.InputObjectState;
import com.arjuna.ats.internal.arjuna.common.UidHelper;
import com.arjuna.ats.internal.arjuna.recovery.AtomicActionRecoveryModule;
import com.arjuna.ats.internal.jta.recovery.arjunacore.JTANodeNameXAResourceOrphanFilter;
import com.arjuna.ats.internal.jta.recovery.arjunacore.JTATransactionLogXAResourceOrphanFilter;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import com.arjuna.ats.jta.common.jtaPropertyManager;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Narayana, the transaction manager of these tests, configured the same way in every JVM that runs it: its
 * object store (the transaction log) in a directory of the test's, one node identifier, and recovery that
 * replays logged decisions and rolls back, by presumed abort, the prepared branches of this node that no log
 * decided. Narayana's configuration is JVM-wide: configure before its first transaction, and {@link #shutDown}
 * before a JVM configures it again.
 */
final class Narayana {

    /** The node identifier in every Xid of these tests; recovery touches only this node's branches. */
    static final String NODE = "tern-xa-test";

    private static final String TRANSACTION_LOG_TYPE = new AtomicAction().type();

    private Narayana() {
    }

    /**
     * Points Narayana at {@code objectStore} and sets up recovery for a test: one backoff second between the
     * passes of a scan, and orphans eligible for presumed abort at once rather than after 20 seconds.
     */
    static void configure(Path objectStore) {
        for (String store : Arrays.asList(null, "communicationStore", "stateStore")) {
            BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, store)
                    .setObjectStoreDir(objectStore.toAbsolutePath().toString());
        }
        try {
            arjPropertyManager.getCoreEnvironmentBean().setNodeIdentifier(NODE);
        } catch (CoreEnvironmentBeanException e) {
            throw new IllegalStateException(e);
        }
        jtaPropertyManager.getJTAEnvironmentBean().setXaRecoveryNodes(List.of(NODE));
        jtaPropertyManager.getJTAEnvironmentBean().setXaResourceOrphanFilterClassNames(List.of(
                JTATransactionLogXAResourceOrphanFilter.class.getName(), JTANodeNameXAResourceOrphanFilter.class.getName()));
        jtaPropertyManager.getJTAEnvironmentBean().setOrphanSafetyInterval(1);
        recoveryPropertyManager.getRecoveryEnvironmentBean().setRecoveryModuleClassNames(List.of(
                AtomicActionRecoveryModule.class.getName(), XARecoveryModule.class.getName()));
        recoveryPropertyManager.getRecoveryEnvironmentBean().setRecoveryBackoffPeriod(1);
        recoveryPropertyManager.getRecoveryEnvironmentBean().setRecoveryListener(false);
    }

    /**
     * The transactions whose decision is logged and not yet carried out: after a crash in the second phase, or
     * for good after a heuristic outcome. None once every transaction is over and recovered.
     */
    static int transactionLogs() {
        InputObjectState uids = new InputObjectState();
        try {
            if (!StoreManager.getRecoveryStore().allObjUids(TRANSACTION_LOG_TYPE, uids)) {
                throw new IllegalStateException("Narayana's object store cannot list its transaction logs");
            }
            int count = 0;
            for (Uid uid = UidHelper.unpackFrom(uids); !uid.equals(Uid.nullUid()); uid = UidHelper.unpackFrom(uids)) {
                count++;
            }
            return count;
        } catch (ObjectStoreException | IOException e) {
            throw new IllegalStateException("Cannot read Narayana's object store", e);
        }
    }

    /** Stops Narayana's reaper thread and closes its object store, so that the JVM may configure it anew. */
    static void shutDown() {
        TransactionReaper.terminate(false);
        StoreManager.shutdown();
    }
}
