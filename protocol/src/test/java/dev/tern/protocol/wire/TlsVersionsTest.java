package dev.tern.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TlsVersionsTest {

    @Test
    void tls13And12UnlessToldOtherwise() {
        assertThat(TlsVersions.protocols(null, "tlsProtocols")).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(TlsVersions.protocols(" ", "tlsProtocols")).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(TlsVersions.protocols("TLSv1.3", "tlsProtocols")).containsExactly("TLSv1.3");
    }

    @Test
    void olderOrUnknownProtocolsAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> TlsVersions.protocols("TLSv1.2, TLSv1.1", "jms.tlsProtocols"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jms.tlsProtocols may list TLSv1.3 and TLSv1.2, was 'TLSv1.1'")
                .hasMessageContaining("not safe");
        assertThatThrownBy(() -> TlsVersions.protocols("SSLv3", "tlsProtocols")).hasMessageContaining("'SSLv3'");
    }

    @Test
    void cipherSuitesMustBeKnownToTheJdk() {
        assertThat(TlsVersions.cipherSuites(null, "tlsCipherSuites")).isNull();
        assertThat(TlsVersions.cipherSuites("TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384", "tlsCipherSuites"))
                .containsExactly("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384");
        assertThatThrownBy(() -> TlsVersions.cipherSuites("TLS_NO_SUCH_SUITE", "tlsCipherSuites"))
                .hasMessageContaining("tlsCipherSuites names 'TLS_NO_SUCH_SUITE'");
    }
}
