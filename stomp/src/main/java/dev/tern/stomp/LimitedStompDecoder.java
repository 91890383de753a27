package dev.tern.stomp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.stomp.LastStompContentSubframe;
import io.netty.handler.codec.stomp.StompHeaders;
import io.netty.handler.codec.stomp.StompHeadersSubframe;
import io.netty.handler.codec.stomp.StompSubframeDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Netty's STOMP decoder (which unescapes STOMP 1.2 headers and limits each line) with a limit on the
 * whole header block and on the number of headers, which it does not have: it buffers an unfinished
 * header block whole, so a client sending endless short header lines would otherwise fill the heap.
 *
 * <p>It also releases what Netty's decoder would leak: the last chunk of a {@code content-length} body,
 * which it keeps until the NUL after the body arrives, and never releases if the connection ends first.
 */
final class LimitedStompDecoder extends StompSubframeDecoder {

    private static final int CHUNK_SIZE = 8192;

    private final StompLimits limits;
    private boolean inBody;

    LimitedStompDecoder(StompLimits limits) {
        super(limits.maxHeaderBytes(), CHUNK_SIZE, true);
        this.limits = limits;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (!inBody) {
            checkHeaderBlock(internalBuffer());
        }
        int before = out.size();
        try {
            super.decode(ctx, in, out);
        } finally {
            checkDecoded(out, before);
        }
    }

    /**
     * Runs when the channel closes (or the decoder is removed): has Netty's decoder fail the frame it is
     * in, because decoding from an empty buffer that cannot be replayed makes it release a body chunk
     * waiting for its NUL. What that yields holds no buffer of its own, and is released here all the same.
     */
    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) throws Exception {
        List<Object> out = new ArrayList<>();
        try {
            super.decode(ctx, Unpooled.EMPTY_BUFFER, out);
        } catch (IndexOutOfBoundsException e) {
            // between frames: nothing held
        } finally {
            out.forEach(ReferenceCountUtil::release);
        }
        super.handlerRemoved0(ctx);
    }

    /**
     * Raises the first failure among the subframes just decoded, dropping it and what follows: Netty's
     * aggregator would otherwise turn a failed header subframe into a frame that looks whole.
     */
    private void checkDecoded(List<Object> out, int from) {
        for (int i = from; i < out.size(); i++) {
            Object decoded = out.get(i);
            Throwable failure = decoded instanceof DecoderResultProvider provider && provider.decoderResult().isFailure()
                    ? provider.decoderResult().cause() : null;
            if (failure == null && decoded instanceof StompHeadersSubframe headers
                    && headers.headers().size() > limits.maxHeaders()) {
                failure = new TooLongFrameException("A frame has " + headers.headers().size()
                        + " headers, more than the " + limits.maxHeaders() + " this port accepts.");
            }
            if (failure == null && decoded instanceof StompHeadersSubframe headers) {
                failure = badContentLength(headers.headers().getAsString(StompHeaders.CONTENT_LENGTH));
            }
            if (failure != null) {
                while (out.size() > i) {
                    ReferenceCountUtil.release(out.remove(out.size() - 1));
                }
                throw failure instanceof DecoderException decoderException ? decoderException
                        : new DecoderException(failure.getMessage(), failure);
            }
            if (decoded instanceof StompHeadersSubframe) {
                inBody = true;
            } else if (decoded instanceof LastStompContentSubframe) {
                inBody = false;
            }
        }
    }

    private static DecoderException badContentLength(String value) {
        if (value == null) {
            return null;
        }
        try {
            if (Long.parseLong(value.trim()) >= 0) {
                return null;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        return new DecoderException("The content-length header must be a number of bytes, was '" + value + "'.");
    }

    /** Refuses a header block that has not ended within the limit; blank lines before a frame are heart-beats. */
    private void checkHeaderBlock(ByteBuf buffer) {
        int start = buffer.readerIndex();
        int end = buffer.writerIndex();
        while (start < end && (buffer.getByte(start) == '\n' || buffer.getByte(start) == '\r')) {
            start++;
        }
        if (end - start <= limits.maxHeaderBytes()) {
            return;
        }
        int scanEnd = start + limits.maxHeaderBytes();
        for (int i = start; i < scanEnd; i++) {
            if (buffer.getByte(i) == '\n') {
                int next = i + 1;
                if (next < end && buffer.getByte(next) == '\r') {
                    next++;
                }
                if (next < end && buffer.getByte(next) == '\n') {
                    return;
                }
            }
        }
        throw new TooLongFrameException("A frame's command and headers take more than the "
                + limits.maxHeaderBytes() + " bytes this port accepts.");
    }
}
