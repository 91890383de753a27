package dev.tern.broker.net;

import dev.tern.broker.security.ClientOrigin;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;

/** The {@link ClientOrigin} of a socket: its remote address and, once TLS verified one, the client's certificate. */
public final class ChannelOrigin {

    private ChannelOrigin() {
    }

    /** Call after the TLS handshake, if any, has finished (once the first frame has arrived). */
    public static ClientOrigin of(Channel channel) {
        String address = String.valueOf(channel.remoteAddress());
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null) {
            return ClientOrigin.at(address);
        }
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate certificate
                    ? new ClientOrigin(address, certificate.getSubjectX500Principal()) : ClientOrigin.at(address);
        } catch (SSLPeerUnverifiedException e) {
            return ClientOrigin.at(address);
        }
    }
}
