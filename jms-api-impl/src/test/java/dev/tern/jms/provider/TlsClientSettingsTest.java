package dev.tern.jms.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TlsClientSettingsTest {

    @Test
    void verifyHostIsArtemisNameForVerifyHostName() {
        assertThat(TlsClientSettings.from(Map.of()).verifyHostName()).isTrue();
        assertThat(TlsClientSettings.from(Map.of("verifyHost", "false")).verifyHostName()).isFalse();
        assertThat(TlsClientSettings.from(Map.of("verifyHostName", "false", "verifyHost", "false")).verifyHostName())
                .isFalse();
    }

    @Test
    void bothNamesSayingDifferentThingsAreRefused() {
        assertThatThrownBy(() -> TlsClientSettings.from(Map.of("verifyHostName", "true", "verifyHost", "false")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jms.verifyHost (false) and jms.verifyHostName (true) say different things");
    }

    @Test
    void aValueOtherThanTrueOrFalseIsRefused() {
        assertThatThrownBy(() -> TlsClientSettings.from(Map.of("verifyHost", "maybe")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be true or false, was 'maybe'");
    }
}
