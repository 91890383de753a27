package dev.tern.broker.store;

import dev.tern.protocol.BranchId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The journal's record of a prepared XA branch. */
class BranchCodecTest {

    private static final byte[] EMPTY = new byte[0];

    @Test
    void roundTripsABranchWithoutSendsOrAcknowledgmentsAndEmptyIds() {
        PreparedBranch branch = new PreparedBranch(new BranchId(0, EMPTY, EMPTY), List.of(), List.of());

        assertThat(BranchCodec.decode(BranchCodec.encode(branch))).isEqualTo(branch);
    }

    @Test
    void roundTripsABranchWithManySendsAndAcknowledgmentsAndIdsOfSixtyFourBytes() {
        byte[] gtrid = new byte[BranchId.MAX_PART_BYTES];
        byte[] bqual = new byte[BranchId.MAX_PART_BYTES];
        Arrays.fill(gtrid, (byte) 0xfe);
        Arrays.fill(bqual, (byte) 0x80);
        List<PreparedBranch.Send> sends = new ArrayList<>();
        List<PreparedBranch.Acknowledged> acknowledged = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            sends.add(new PreparedBranch.Send(Long.MAX_VALUE - i,
                    i % 10 == 0 ? List.of() : List.of("orders", "queue/with 'quote' and ü " + i)));
            acknowledged.add(new PreparedBranch.Acknowledged(i, i % 2 == 0 ? "" : "prices." + i));
        }
        PreparedBranch branch = new PreparedBranch(new BranchId(Integer.MIN_VALUE, gtrid, bqual), sends,
                acknowledged);

        assertThat(BranchCodec.decode(BranchCodec.encode(branch))).isEqualTo(branch);
    }

    @Test
    void startsWithItsVersionAndRefusesAnother() {
        byte[] encoded = BranchCodec.encode(new PreparedBranch(new BranchId(1, EMPTY, EMPTY), List.of(), List.of()));
        assertThat(encoded[0]).isEqualTo(BranchCodec.VERSION);
        encoded[0] = 2;

        assertThatThrownBy(() -> BranchCodec.decode(encoded)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 2");
    }

    @Test
    void refusesTruncatedAndOverlongRecords() {
        byte[] encoded = BranchCodec.encode(new PreparedBranch(new BranchId(1, new byte[] {1}, new byte[] {2}),
                List.of(new PreparedBranch.Send(5, List.of("q"))), List.of(new PreparedBranch.Acknowledged(3, "q"))));

        for (int length = 0; length < encoded.length; length++) {
            byte[] truncated = Arrays.copyOf(encoded, length);
            assertThatThrownBy(() -> BranchCodec.decode(truncated)).as("%d bytes", length)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> BranchCodec.decode(Arrays.copyOf(encoded, encoded.length + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyIsTheBranchIdAsOperatorsWriteIt() {
        BranchId id = new BranchId(3, new byte[] {0x0a}, new byte[] {0x0b});

        assertThat(BranchCodec.key(id)).isEqualTo("3:0a:0b");
        assertThat(BranchId.parse(BranchCodec.key(id))).isEqualTo(id);
    }
}
