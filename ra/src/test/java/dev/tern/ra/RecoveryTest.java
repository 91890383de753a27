package dev.tern.ra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.resource.spi.ActivationSpec;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link TernResourceAdapter#getXAResources} for the transaction manager's recovery. */
@Timeout(60)
class RecoveryTest {

    @Test
    void recoveryListsAndCommitsABranchLeftPrepared() throws Exception {
        try (TestBroker broker = new TestBroker(); XAConnection connection = broker.client.createXAConnection()) {
            XASession session = connection.createXASession();
            Xid xid = TestXid.next();
            session.getXAResource().start(xid, XAResource.TMNOFLAGS);
            session.createProducer(session.createQueue("recovered")).send(session.createTextMessage("in doubt"));
            session.getXAResource().end(xid, XAResource.TMSUCCESS);
            session.getXAResource().prepare(xid);

            TernResourceAdapter adapter = new TernResourceAdapter();
            adapter.setBrokerUrl(broker.url);
            TernActivationSpec spec = new TernActivationSpec();
            spec.setResourceAdapter(adapter);
            spec.setDestination("anything");
            XAResource[] resources = adapter.getXAResources(new ActivationSpec[] {spec, spec});

            assertThat(resources).as("one per broker").hasSize(1);
            assertThat(resources[0].recover(XAResource.TMSTARTRSCAN)).containsExactly(xid);
            assertThat(resources[0].recover(XAResource.TMENDRSCAN)).isEmpty();
            resources[0].commit(xid, false);
            assertThat(broker.receive("recovered", 5_000)).isEqualTo("in doubt");
        }
    }

    @Test
    void anUnreachableBrokerNeverThrowsFromGetXaResourcesButFailsItsCallsWithRmfail() {
        TernResourceAdapter adapter = new TernResourceAdapter();
        adapter.setBrokerUrl("tcp://127.0.0.1:1");
        adapter.setClientOptions("jms.requestTimeout=2000");
        XAResource[] resources = adapter.getXAResources(null);

        assertThat(resources).hasSize(1);
        assertThatThrownBy(() -> resources[0].recover(XAResource.TMSTARTRSCAN))
                .isInstanceOfSatisfying(XAException.class, e -> assertThat(e.errorCode).isEqualTo(XAException.XAER_RMFAIL));
        assertThat(new TernResourceAdapter() { {
            setBrokerUrl("not a url");
        } }.getXAResources(new ActivationSpec[0])).hasSize(1);
    }
}
