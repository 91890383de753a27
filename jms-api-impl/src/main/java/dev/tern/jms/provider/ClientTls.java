package dev.tern.jms.provider;

import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.wire.TlsStores;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/** The client's TLS: a context built once per connection from {@link TlsClientSettings}, JDK provider. */
final class ClientTls {

    private final SslContext context;
    private final boolean verifyHostName;

    private ClientTls(SslContext context, boolean verifyHostName) {
        this.context = context;
        this.verifyHostName = verifyHostName;
    }

    /**
     * @throws ProviderException if a store cannot be read or used, naming it
     */
    static ClientTls of(TlsClientSettings settings) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .protocols(settings.protocols()).ciphers(settings.cipherSuites());
            if (settings.trustStore() != null) {
                builder.trustManager(TlsStores.trustManagers(settings.trustStore(), settings.trustStorePassword()));
            }
            if (settings.keyStore() != null) {
                builder.keyManager(TlsStores.keyManagers(settings.keyStore(), settings.keyStorePassword()));
            }
            return new ClientTls(builder.build(), settings.verifyHostName());
        } catch (SSLException | IllegalArgumentException e) {
            throw new ProviderException(ErrorCode.INVALID_ARGUMENT, "Cannot set up TLS: " + e.getMessage());
        }
    }

    /** A handler for a socket to this host, checking the host name unless told not to. */
    SslHandler newHandler(ByteBufAllocator alloc, String host, int port) {
        SslHandler handler = context.newHandler(alloc, host, port);
        if (verifyHostName) {
            SSLEngine engine = handler.engine();
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
        }
        return handler;
    }
}
