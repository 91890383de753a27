package dev.tern.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ListenAddressTest {

    @Test
    void withoutUsersTheDefaultIsTheLoopbackOnly() {
        assertThat(ListenAddress.DEFAULT.bindHost(false)).isEqualTo("127.0.0.1");
        assertThat(ListenAddress.DEFAULT.exposedWithoutLogin(false)).isFalse();
    }

    @Test
    void withUsersOrAnonymousAccessAllowedTheDefaultIsEveryInterface() {
        assertThat(ListenAddress.DEFAULT.bindHost(true)).isEqualTo("0.0.0.0");
        assertThat(ListenAddress.DEFAULT.exposedWithoutLogin(true)).isFalse();
        ListenAddress anonymous = ListenAddress.DEFAULT.withAllowAnonymous(true);
        assertThat(anonymous.bindHost(false)).isEqualTo("0.0.0.0");
        assertThat(anonymous.exposedWithoutLogin(false)).isTrue();
    }

    @Test
    void anotherInterfaceWithoutUsersNeedsAnonymousAccessAllowed() {
        assertThatThrownBy(() -> ListenAddress.DEFAULT.withHost("0.0.0.0").bindHost(false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Listening on 0.0.0.0 without a users file")
                .hasMessageContaining("--allow-anonymous");
        assertThat(ListenAddress.DEFAULT.withHost("0.0.0.0").withAllowAnonymous(true).bindHost(false)).isEqualTo("0.0.0.0");
        assertThat(ListenAddress.DEFAULT.withHost("0.0.0.0").bindHost(true)).isEqualTo("0.0.0.0");
    }

    @Test
    void aLoopbackHostNeedsNothing() {
        assertThat(ListenAddress.DEFAULT.withHost("localhost").bindHost(false)).isEqualTo("localhost");
        assertThat(ListenAddress.DEFAULT.withHost("127.0.0.2").bindHost(false)).isEqualTo("127.0.0.2");
        assertThat(ListenAddress.DEFAULT.withHost("::1").exposedWithoutLogin(false)).isFalse();
    }
}
