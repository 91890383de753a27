package dev.tern.broker.net;

import dev.tern.broker.session.ServerConnection;
import dev.tern.protocol.Command;
import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.Event;
import dev.tern.protocol.wire.HeartbeatHandler;
import dev.tern.protocol.wire.Hello;
import dev.tern.protocol.wire.RefusedCommand;
import dev.tern.protocol.wire.WireException;
import dev.tern.protocol.wire.WireFormat;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.io.IOException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's end of one socket: answers the client's hello, then opens one connection on the broker
 * and hands it the client's commands in order. When the socket closes, for whatever reason, the
 * connection is released as on connection loss. Bad input closes the socket and is logged once.
 * Commands that arrive after a refused hello, while the socket closes, are dropped. A command the
 * decoder refused ({@link RefusedCommand}: a message beyond the broker's limits) is answered with a
 * Failed in order with the connection's other events, and logged, at WARN the first time on a socket.
 *
 * <p>The event loop only decodes frames and hands the commands over: they run in the order they arrived
 * on the connection's lane of the broker's worker threads (see {@link ServerConnection}).
 */
final class TcpConnectionHandler extends SimpleChannelInboundHandler<Object> {

    private static final Logger LOG = LoggerFactory.getLogger(TcpConnectionHandler.class);

    private final BrokerEndpoint broker;
    private final TcpSettings settings;
    private ServerConnection connection;
    private boolean failed;
    private boolean refusedBefore;

    TcpConnectionHandler(BrokerEndpoint broker, TcpSettings settings) {
        this.broker = broker;
        this.settings = settings;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Command command) {
            if (connection != null) {
                connection.send(command);
            }
        } else if (msg instanceof RefusedCommand refused) {
            if (connection != null) {
                answerRefused(ctx, refused);
            }
        } else if (msg instanceof Hello hello) {
            greet(ctx, hello);
        }
    }

    private void answerRefused(ChannelHandlerContext ctx, RefusedCommand refused) {
        if (!refusedBefore) {
            refusedBefore = true;
            LOG.warn("Refused a command from {}: {} Later refusals on this connection are logged at DEBUG.",
                    ctx.channel().remoteAddress(), refused.reason());
        } else {
            LOG.debug("Refused a command from {}: {}", ctx.channel().remoteAddress(), refused.reason());
        }
        connection.refuse(refused.answer());
    }

    private void greet(ChannelHandlerContext ctx, Hello hello) {
        ctx.write(Hello.current(settings.idleTimeoutMillis()));
        if (!hello.isCurrentVersion()) {
            refuse(ctx, ErrorCode.INVALID_ARGUMENT, "The client speaks protocol version " + hello.version()
                    + "; this broker speaks version " + WireFormat.VERSION + ". Use a client of the broker's version.");
            return;
        }
        HeartbeatHandler.startSending(ctx.pipeline(), settings.idleTimeoutMillis(), hello.idleTimeoutMillis());
        try {
            connection = broker.connect(new EventWriter(ctx.channel()), ChannelOrigin.of(ctx.channel()), () -> { });
        } catch (IllegalStateException e) {
            refuse(ctx, ErrorCode.ILLEGAL_STATE, e.getMessage());
            return;
        }
        ctx.flush();
    }

    private void refuse(ChannelHandlerContext ctx, ErrorCode code, String reason) {
        warnOnce(ctx, reason);
        ctx.writeAndFlush(new Event.ConnectionClosed(code, reason)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connection != null) {
            connection.abort();
            connection = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        WireException wire = WireException.in(cause);
        SSLException tls = tlsFailure(cause);
        if (wire != null) {
            warnOnce(ctx, wire.getMessage());
        } else if (tls != null) {
            warnOnce(ctx, "TLS failed (" + tls.getMessage() + "); is the client using ssl:// and trusting this broker?");
        } else if (cause instanceof IOException) {
            LOG.debug("Connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else if (!failed) {
            failed = true;
            LOG.warn("Closing connection from {}: {}", ctx.channel().remoteAddress(), cause.toString(), cause);
        }
        ctx.close();
    }

    private static SSLException tlsFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException ssl) {
                return ssl;
            }
        }
        return null;
    }

    private void warnOnce(ChannelHandlerContext ctx, String reason) {
        if (!failed) {
            failed = true;
            LOG.warn("Closing connection from {}: {}", ctx.channel().remoteAddress(), reason);
        }
    }
}
