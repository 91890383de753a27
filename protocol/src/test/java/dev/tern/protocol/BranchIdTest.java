package dev.tern.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How an XA branch is named, compared and written. */
class BranchIdTest {

    @Test
    void toStringWritesFormatIdAndBothIdsInHexAndParseReadsItBack() {
        BranchId id = new BranchId(0x1234, new byte[] {0, 1, (byte) 0xab}, new byte[] {(byte) 0xff});

        assertThat(id).hasToString("4660:0001ab:ff");
        assertThat(BranchId.parse(id.toString())).isEqualTo(id);
    }

    @Test
    void parseReadsBackEmptyAndLongestIdsAndNegativeFormatIds() {
        byte[] longest = new byte[BranchId.MAX_PART_BYTES];
        for (int i = 0; i < longest.length; i++) {
            longest[i] = (byte) (i * 7);
        }
        for (BranchId id : new BranchId[] {new BranchId(0, new byte[0], new byte[0]),
                new BranchId(-1, longest, longest), new BranchId(Integer.MIN_VALUE, new byte[] {1}, new byte[0])}) {
            assertThat(BranchId.parse(id.toString())).isEqualTo(id);
        }
    }

    @Test
    void idsOfEqualArraysAreEqualAndHashAlike() {
        BranchId one = new BranchId(7, new byte[] {1, 2}, new byte[] {3});
        BranchId same = new BranchId(7, new byte[] {1, 2}, new byte[] {3});

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(one).isNotEqualTo(new BranchId(8, new byte[] {1, 2}, new byte[] {3}))
                .isNotEqualTo(new BranchId(7, new byte[] {1}, new byte[] {2, 3}))
                .isNotEqualTo(new BranchId(7, new byte[] {1, 2}, new byte[] {4}));
    }

    @Test
    void changingAnArrayGivenOrTakenDoesNotChangeTheId() {
        byte[] gtrid = {1, 2};
        BranchId id = new BranchId(7, gtrid, new byte[] {3});
        gtrid[0] = 9;
        id.branchQualifier()[0] = 9;

        assertThat(id).isEqualTo(new BranchId(7, new byte[] {1, 2}, new byte[] {3}));
    }

    @Test
    void idsLongerThanXaAllowsAreRefused() {
        byte[] tooLong = new byte[BranchId.MAX_PART_BYTES + 1];

        assertThatThrownBy(() -> new BranchId(1, tooLong, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BranchId(1, new byte[0], tooLong)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseRefusesTextOfAnotherForm() {
        for (String text : new String[] {"1:ab", "1:ab:cd:ef", "x:ab:cd", "1:abc:cd", "1:zz:cd"}) {
            assertThatThrownBy(() -> BranchId.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
