package dev.tern.jms.crash.soak;

import static dev.tern.jms.crash.soak.SoakDestination.AUTO_QUEUE;
import static dev.tern.jms.crash.soak.SoakDestination.CLIENT_QUEUE;
import static dev.tern.jms.crash.soak.SoakDestination.TRANSACTED_QUEUE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the soak's audit counts, on ledgers written by hand. */
class SoakAuditTest {

    private final SoakLedger ledger = new SoakLedger();

    private SoakId stored(SoakDestination destination, int producer, long seq) {
        SoakId id = new SoakId(producer, seq);
        ledger.sending(id, destination);
        ledger.sent(id);
        return id;
    }

    private SoakFigures total() {
        return SoakAudit.of(ledger, 2).total();
    }

    @Test
    void aStoredMessageNeverReceivedIsLostAndAFailedSendIsOnlyInDoubt() {
        ledger.beginCycle(1);
        stored(CLIENT_QUEUE, 0, 0);
        ledger.sending(new SoakId(0, 1), CLIENT_QUEUE);
        ledger.sendFailed(new SoakId(0, 1));

        SoakFigures figures = total();
        assertThat(figures.lost).isEqualTo(1);
        assertThat(figures.inDoubt).isEqualTo(1);
        assertThat(figures.clean()).isFalse();
    }

    @Test
    void aReceiptAfterCommitIsADuplicateButOneAfterRollbackOrALostCommitIsARedelivery() {
        ledger.beginCycle(1);
        SoakId first = stored(TRANSACTED_QUEUE, 0, 0);
        SoakId second = stored(TRANSACTED_QUEUE, 0, 1);
        ledger.received(TRANSACTED_QUEUE, first, false);
        ledger.abandoned(TRANSACTED_QUEUE); // rolled back
        ledger.received(TRANSACTED_QUEUE, first, true);
        ledger.settled(TRANSACTED_QUEUE, Settlement.COMMITTED);
        ledger.received(TRANSACTED_QUEUE, second, false);
        ledger.abandoned(TRANSACTED_QUEUE); // the commit failed as the broker died
        ledger.beginCycle(2);
        ledger.received(TRANSACTED_QUEUE, first, false);
        ledger.received(TRANSACTED_QUEUE, second, false);

        SoakFigures figures = total();
        assertThat(figures.duplicatedAfterCommit).isEqualTo(1);
        assertThat(figures.redeliveries).isEqualTo(2);
        assertThat(figures.redeliveriesFlagged).isEqualTo(1);
        assertThat(figures.received).isEqualTo(2);
        assertThat(figures.lost).isZero();
    }

    @Test
    void aReceiptAfterAnAutoReceiveReturnedIsAnAutoRedeliveryNotADuplicate() {
        ledger.beginCycle(1);
        SoakId id = stored(AUTO_QUEUE, 0, 0);
        ledger.received(AUTO_QUEUE, id, false);
        ledger.settled(AUTO_QUEUE, Settlement.HANDED_OVER);
        ledger.beginCycle(2);
        ledger.received(AUTO_QUEUE, id, true);
        ledger.settled(AUTO_QUEUE, Settlement.HANDED_OVER);

        SoakFigures figures = total();
        assertThat(figures.autoRedeliveries).isEqualTo(1);
        assertThat(figures.autoRedeliveriesFlagged).isEqualTo(1);
        assertThat(figures.clean()).isTrue();
    }

    @Test
    void aReceiptIsOutOfOrderWhileALowerNumberThatComesLaterIsNeitherSettledNorHeld() {
        ledger.beginCycle(1);
        SoakId low = stored(CLIENT_QUEUE, 0, 0);
        SoakId high = stored(CLIENT_QUEUE, 0, 4);
        SoakId otherProducer = stored(CLIENT_QUEUE, 1, 0);
        ledger.received(CLIENT_QUEUE, otherProducer, false);
        ledger.received(CLIENT_QUEUE, high, false);
        ledger.received(CLIENT_QUEUE, low, false);
        ledger.settled(CLIENT_QUEUE, Settlement.ACKNOWLEDGED);

        assertThat(total().outOfOrder).isEqualTo(1);
    }

    @Test
    void aRedeliveredBatchIsInOrderWhenItsLowestComesFirstAndAMessageNeverSeenAgainIsNotDue() {
        ledger.beginCycle(1);
        SoakId inDoubtCommit = stored(CLIENT_QUEUE, 0, 0);
        SoakId a = stored(CLIENT_QUEUE, 0, 4);
        SoakId b = stored(CLIENT_QUEUE, 0, 8);
        ledger.received(CLIENT_QUEUE, inDoubtCommit, false);
        ledger.abandoned(CLIENT_QUEUE); // its acknowledge failed but took effect: never received again
        ledger.received(CLIENT_QUEUE, a, false);
        ledger.received(CLIENT_QUEUE, b, false);
        ledger.abandoned(CLIENT_QUEUE); // recovered
        ledger.received(CLIENT_QUEUE, a, true);
        ledger.received(CLIENT_QUEUE, b, true);
        ledger.settled(CLIENT_QUEUE, Settlement.ACKNOWLEDGED);

        SoakFigures figures = total();
        assertThat(figures.outOfOrder).isZero();
        assertThat(figures.clean()).isTrue();
    }

    @Test
    void aRedeliveryOvertakenByAHigherNumberIsOutOfOrder() {
        ledger.beginCycle(1);
        SoakId a = stored(CLIENT_QUEUE, 0, 4);
        SoakId b = stored(CLIENT_QUEUE, 0, 8);
        ledger.received(CLIENT_QUEUE, a, false);
        ledger.abandoned(CLIENT_QUEUE); // recovered
        ledger.received(CLIENT_QUEUE, b, false);
        ledger.received(CLIENT_QUEUE, a, true);
        ledger.settled(CLIENT_QUEUE, Settlement.ACKNOWLEDGED);

        assertThat(total().outOfOrder).isEqualTo(1);
    }

    @Test
    void aMessageReceivedFromAnotherDestinationThanItWasSentToIsUnexpected() {
        ledger.beginCycle(1);
        SoakId id = stored(CLIENT_QUEUE, 0, 0);
        ledger.received(AUTO_QUEUE, id, false);
        ledger.received(AUTO_QUEUE, new SoakId(9, 9), false);

        assertThat(total().unexpected).isEqualTo(2);
    }
}
