package dev.tern.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.broker.BrokerException;
import dev.tern.protocol.ErrorCode;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Failed logins throttle their address for the rest of a minute; connection limits count and give back places. */
class LoginGuardTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private LoginLimits limits = new LoginLimits(3, 2, 3);
    private final LoginGuard guard = new LoginGuard(() -> limits, now::get, new AuditLog(Clock.systemUTC()));

    @Test
    void anAddressIsThrottledAfterItsFailuresUntilTheMinuteIsOver() {
        for (int i = 0; i < 3; i++) {
            guard.begin("/10.0.0.1:5000" + i).finished(true, i, "alice");
        }
        assertThrottled("/10.0.0.1:6000");
        guard.begin("/10.0.0.2:6000").finished(false, 9, "bob");

        now.addAndGet(LoginGuard.WINDOW_MILLIS - 1);
        assertThrottled("/10.0.0.1:6000");
        now.incrementAndGet();
        guard.begin("/10.0.0.1:6000").finished(false, 10, "alice");
    }

    @Test
    void loginsBeingCheckedCountAsFailuresSoParallelGuessesAreNoFaster() {
        LoginGuard.Attempt first = guard.begin("/10.0.0.1:1");
        LoginGuard.Attempt second = guard.begin("/10.0.0.1:2");
        guard.begin("/10.0.0.1:3");
        assertThrottled("/10.0.0.1:4");

        first.finished(false, 1, "alice");
        first.finished(true, 1, "alice");
        guard.begin("/10.0.0.1:5");
        second.finished(true, 2, "alice");
        assertThrottled("/10.0.0.1:6");
    }

    @Test
    void clientsInTheBrokersJvmAndALimitOfZeroAreNeverThrottled() {
        for (int i = 0; i < 10; i++) {
            guard.begin(AuditLog.IN_JVM).finished(true, i, "alice");
        }
        guard.begin(AuditLog.IN_JVM).finished(false, 10, "alice");

        limits = limits.withMaxFailedLoginsPerMinute(0);
        for (int i = 0; i < 10; i++) {
            guard.begin("/10.0.0.1:5000").finished(true, i, "alice");
        }
        guard.begin("/10.0.0.1:5000").finished(false, 10, "alice");
    }

    @Test
    void atMostSoManyLoginsWaitToBeChecked() {
        limits = limits.withMaxFailedLoginsPerMinute(0);
        for (int i = 0; i < LoginGuard.MAX_LOGINS_WAITING; i++) {
            guard.begin("/10.0.0." + (i % 200) + ":1");
        }
        assertThatThrownBy(() -> guard.begin("/10.0.1.1:1")).isInstanceOfSatisfying(BrokerException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_ALLOCATION));
    }

    private void assertThrottled(String from) {
        assertThatThrownBy(() -> guard.begin(from)).isInstanceOfSatisfying(BrokerException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SECURITY)).hasMessageContaining("Too many failed logins");
    }

    @Test
    void aUserGetsAtMostItsConnectionsAndAClosedOneGivesItsPlaceBack() {
        Runnable first = guard.admit("alice", "/10.0.0.1:1");
        guard.admit("alice", "/10.0.0.2:1");
        assertThatThrownBy(() -> guard.admit("alice", "/10.0.0.3:1")).isInstanceOfSatisfying(BrokerException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_ALLOCATION)).hasMessageContaining("maxConnectionsPerUser");
        guard.admit("bob", "/10.0.0.3:1");

        first.run();
        first.run();
        assertThat(guard.connectionsOf("alice")).isEqualTo(1);
        guard.admit("alice", "/10.0.0.3:2");
        assertThat(guard.connectionsOf("alice")).isEqualTo(2);
    }

    @Test
    void anAddressGetsAtMostItsConnectionsAndARefusalCountsNothing() {
        guard.admit("alice", "/10.0.0.1:1");
        guard.admit(null, "/10.0.0.1:2");
        guard.admit("bob", "/10.0.0.1:3");
        assertThatThrownBy(() -> guard.admit("carol", "/10.0.0.1:4")).hasMessageContaining("maxConnectionsPerAddress")
                .hasMessageContaining("10.0.0.1");
        assertThat(guard.connectionsOf("carol")).isZero();
        guard.admit("carol", "/10.0.0.2:4");
    }

    @Test
    void theHostIsTheAddressWithoutItsPort() {
        assertThat(LoginGuard.hostOf("/10.1.2.3:45678")).isEqualTo("10.1.2.3");
        assertThat(LoginGuard.hostOf("client.example/10.1.2.3:45678")).isEqualTo("10.1.2.3");
        assertThat(LoginGuard.hostOf("/0:0:0:0:0:0:0:1:45678")).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(LoginGuard.hostOf(AuditLog.IN_JVM)).isEqualTo(AuditLog.IN_JVM);
    }
}
