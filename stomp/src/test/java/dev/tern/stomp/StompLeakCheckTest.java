package dev.tern.stomp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The leak check every test class of this module runs after it catches a buffer never released. */
class StompLeakCheckTest {

    @Test
    void aBufferNeverReleasedFailsTheCheck() {
        PooledByteBufAllocator.DEFAULT.buffer(16).writeInt(42).touch("dropped on purpose");
        assertThatThrownBy(() -> NettyLeakCheck.assertNoLeaks("this test"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ByteBuf leaked")
                .hasMessageContaining("dropped on purpose");
    }

    @Test
    void noLeakPassesTheCheck() {
        PooledByteBufAllocator.DEFAULT.buffer(16).release();
        NettyLeakCheck.assertNoLeaks("this test");
    }
}
