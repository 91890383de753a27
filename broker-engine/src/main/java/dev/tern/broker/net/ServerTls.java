package dev.tern.broker.net;

import dev.tern.protocol.wire.TlsStores;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;

/** Builds the broker's TLS context from its {@link TlsSettings}, with the JDK's TLS implementation. */
final class ServerTls {

    private ServerTls() {
    }

    /**
     * @throws IllegalArgumentException if a store cannot be read or used, naming it
     */
    static SslContext context(TlsSettings tls) {
        try {
            SslContextBuilder builder = SslContextBuilder
                    .forServer(TlsStores.keyManagers(tls.keyStore(), tls.keyStorePassword()))
                    .sslProvider(SslProvider.JDK)
                    .clientAuth(tls.clientAuthRequired() ? ClientAuth.REQUIRE : ClientAuth.NONE)
                    .protocols(tls.protocols())
                    .ciphers(tls.cipherSuites());
            if (tls.trustStore() != null) {
                builder.trustManager(TlsStores.trustManagers(tls.trustStore(), tls.trustStorePassword()));
            }
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("Cannot set up TLS with key store " + tls.keyStore() + ": " + e.getMessage(), e);
        }
    }
}
