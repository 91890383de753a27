package dev.tern.broker.http;

import dev.tern.broker.net.TcpAcceptor;
import dev.tern.broker.net.TcpSettings;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server on Netty for the broker's management: the I/O threads read whole requests (at
 * most {@value #MAX_REQUEST_BYTES} bytes, within {@value #READ_TIMEOUT_SECONDS} s of silence) and write
 * answers; the {@link HttpRoutes} run on {@value #WORKERS} threads of the endpoint's own, so that reading a
 * broker's every queue never holds up a socket, and health checks run at once on the I/O thread, so that
 * they never wait behind a slow request. Every answer says {@code nosniff} and carries a content security
 * policy that allows nothing, unless the route gives one of its own.
 */
public final class HttpEndpoint implements AutoCloseable {

    /** The largest request accepted; a larger one is answered 413 and its connection closed. */
    public static final int MAX_REQUEST_BYTES = 64 * 1024;
    private static final int READ_TIMEOUT_SECONDS = 30;
    private static final int WORKERS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);

    private final TcpAcceptor acceptor;
    private final ExecutorService worker;

    private HttpEndpoint(TcpAcceptor acceptor, ExecutorService worker) {
        this.acceptor = acceptor;
        this.worker = worker;
    }

    /**
     * Binds and starts serving.
     *
     * @param threadPrefix names the endpoint's threads, e.g. {@code tern-BROKER}
     * @throws IllegalStateException if the address cannot be bound, naming it
     */
    public static HttpEndpoint start(TcpSettings settings, String threadPrefix, HttpRoutes routes) {
        ExecutorService worker = Executors.newFixedThreadPool(WORKERS, new DefaultThreadFactory(threadPrefix + "-http", true));
        try {
            TcpAcceptor acceptor = TcpAcceptor.serve(settings.tls() == null ? "http" : "https", settings,
                    threadPrefix + "-http", channel -> channel.pipeline()
                            .addLast(new ReadTimeoutHandler(READ_TIMEOUT_SECONDS))
                            .addLast(new HttpServerCodec())
                            .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                            .addLast(new RequestHandler(routes, worker)));
            return new HttpEndpoint(acceptor, worker);
        } catch (RuntimeException e) {
            worker.shutdownNow();
            throw e;
        }
    }

    /** The port it listens on. */
    public int port() {
        return acceptor.port();
    }

    @Override
    public void close() {
        acceptor.close();
        worker.shutdownNow();
    }

    /** Hands each whole request to the worker and writes its answer back. */
    private static final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

        private final HttpRoutes routes;
        private final ExecutorService worker;

        RequestHandler(HttpRoutes routes, ExecutorService worker) {
            this.routes = routes;
            this.worker = worker;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (!request.decoderResult().isSuccess()) {
                write(context, HttpAnswer.text(400, "Malformed request\n"), false);
                return;
            }
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            Map<String, String> headers = new HashMap<>();
            request.headers().forEach(header -> headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue()));
            HttpCall call = new HttpCall(request.method().name(), uri.path(), uri.parameters(), headers, from(context),
                    request.content().toString(StandardCharsets.UTF_8));
            if (routes.isQuick(call)) {
                write(context, answer(call), keepAlive);
                return;
            }
            try {
                worker.execute(() -> write(context, answer(call), keepAlive));
            } catch (RejectedExecutionException e) {
                write(context, HttpAnswer.text(503, "The broker is stopping\n"), false);
            }
        }

        private HttpAnswer answer(HttpCall call) {
            try {
                return routes.answer(call);
            } catch (RuntimeException e) {
                LOG.warn("HTTP {} {} failed", call.method(), call.path(), e);
                return HttpAnswer.text(500, "The broker could not answer: " + e.getMessage() + "\n");
            }
        }

        private static void write(ChannelHandlerContext context, HttpAnswer answer, boolean keepAlive) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
            response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            response.headers().set("X-Content-Type-Options", "nosniff");
            response.headers().set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
            answer.headers().forEach(response.headers()::set);
            HttpUtil.setKeepAlive(response, keepAlive);
            var written = context.writeAndFlush(response);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        /** As the broker's other ports record a client: {@code /10.1.2.3:45678}. */
        private static String from(ChannelHandlerContext context) {
            return String.valueOf(context.channel().remoteAddress());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            LOG.debug("HTTP connection from {} closed: {}", context.channel().remoteAddress(), cause.toString());
            context.close();
        }
    }
}
