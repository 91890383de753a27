package dev.tern.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How often a side sends heartbeats and when it gives up on a silent peer, whatever the peer asks for. */
class HeartbeatHandlerTest {

    private EmbeddedChannel channel;

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private IdleStateHandler started(int ownIdleTimeoutMillis, int peerIdleTimeoutMillis) {
        channel = new EmbeddedChannel();
        channel.pipeline().addLast(HeartbeatHandler.IDLE_DETECTOR, HeartbeatHandler.idleDetector(ownIdleTimeoutMillis));
        channel.pipeline().addLast(new HeartbeatHandler());
        HeartbeatHandler.startSending(channel.pipeline(), ownIdleTimeoutMillis, peerIdleTimeoutMillis);
        return (IdleStateHandler) channel.pipeline().get(HeartbeatHandler.IDLE_DETECTOR);
    }

    @Test
    void heartbeatsGoAtAThirdOfThePeersIdleTimeout() {
        IdleStateHandler detector = started(30_000, 6_000);
        assertThat(detector.getWriterIdleTimeInMillis()).isEqualTo(2_000);
        assertThat(detector.getReaderIdleTimeInMillis()).isEqualTo(30_000);
    }

    @Test
    void aPeerAskingForAFewMillisecondsGetsHeartbeatsAtAThirdOfASecondAtMost() {
        IdleStateHandler detector = started(30_000, 3);
        assertThat(detector.getWriterIdleTimeInMillis()).isEqualTo(333);
    }

    @Test
    void anOwnIdleTimeoutBelowOneSecondIsRaisedToOneSecond() {
        IdleStateHandler detector = started(300, 30_000);
        assertThat(detector.getReaderIdleTimeInMillis()).isEqualTo(1_000);
        channel.finishAndReleaseAll();
        channel = new EmbeddedChannel(HeartbeatHandler.idleDetector(12));
        assertThat(((IdleStateHandler) channel.pipeline().first()).getReaderIdleTimeInMillis()).isEqualTo(1_000);
    }

    @Test
    void zeroStillMeansNeverOnBothSides() {
        IdleStateHandler detector = started(0, 0);
        assertThat(detector.getReaderIdleTimeInMillis()).isZero();
        assertThat(detector.getWriterIdleTimeInMillis()).isZero();
    }

    @Test
    void theHelloAdvertisesTheIdleTimeoutThisSideHonours() {
        channel = new EmbeddedChannel();
        assertThat(Hello.current(5).idleTimeoutMillis()).isEqualTo(1_000);
        assertThat(Hello.current(0).idleTimeoutMillis()).isZero();
        assertThat(Hello.current(45_000).idleTimeoutMillis()).isEqualTo(45_000);
    }
}
