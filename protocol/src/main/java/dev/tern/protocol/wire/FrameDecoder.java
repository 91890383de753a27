package dev.tern.protocol.wire;

import dev.tern.protocol.Command;
import dev.tern.protocol.Event;
import dev.tern.protocol.MessageLimits;
import dev.tern.protocol.MessageTooLargeException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.DataInputStream;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Turns bytes into a {@link Hello}, then into {@link Command}s (on the broker) or {@link Event}s (on
 * the client) and {@link Heartbeat}s, as laid out in {@link WireFormat}. It waits until a whole frame
 * has arrived, but refuses a claimed length above the maximum at once, before buffering anything.
 *
 * <p>Bad input raises a {@link WireException} (wrapped by Netty in a {@code DecoderException}); the
 * decoder then discards everything that follows, and the handler above is expected to close the channel.
 *
 * <p>The broker's decoder also reads messages within {@link MessageLimits}: a Send beyond them, otherwise
 * well-formed, becomes a {@link RefusedCommand} and the connection goes on. And it shares a
 * {@link FrameBudget} with every socket of the broker: while waiting for the rest of a frame whose bytes
 * the budget cannot hold, it turns the channel's auto-read off, and back on when the budget grants them.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    private final int maxFrameSize;
    private final boolean commands;
    private final MessageLimits limits;
    private final FrameBudget budget;
    private boolean helloSeen;
    private boolean failed;
    /** The budget's claim on the bytes of the frame being received, or null. */
    private FrameBudget.Claim claim;
    /** Whether this decoder turned auto-read off until its claim is granted. */
    private boolean paused;

    private FrameDecoder(int maxFrameSize, boolean commands, MessageLimits limits, FrameBudget budget) {
        if (maxFrameSize < 1) {
            throw new IllegalArgumentException("maximum frame size must be positive, was " + maxFrameSize);
        }
        this.maxFrameSize = maxFrameSize;
        this.commands = commands;
        this.limits = limits;
        this.budget = budget;
    }

    /** The broker's decoder without message limits or budget: a client's hello, then commands. */
    public static FrameDecoder forBroker(int maxFrameSize) {
        return new FrameDecoder(maxFrameSize, true, MessageLimits.NONE, null);
    }

    /**
     * The broker's decoder: a client's hello, then commands, messages refused beyond {@code limits}, and
     * frames received within the {@code budget} that every socket of the broker shares.
     */
    public static FrameDecoder forBroker(int maxFrameSize, MessageLimits limits, FrameBudget budget) {
        return new FrameDecoder(maxFrameSize, true, Objects.requireNonNull(limits, "limits"),
                Objects.requireNonNull(budget, "budget"));
    }

    /**
     * The client's decoder: the broker's hello, then events, which may exceed the maximum frame size
     * by {@link WireFormat#EVENT_HEADROOM}.
     */
    public static FrameDecoder forClient(int maxFrameSize) {
        return new FrameDecoder(maxFrameSize + WireFormat.EVENT_HEADROOM, false, MessageLimits.NONE, null);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            if (!helloSeen) {
                if (in.readableBytes() >= WireFormat.HELLO_SIZE) {
                    out.add(readHello(in));
                    helloSeen = true;
                }
                return;
            }
            if (in.readableBytes() < WireFormat.LENGTH_SIZE) {
                return;
            }
            int length = in.getInt(in.readerIndex());
            if (length < 1 || length > maxFrameSize) {
                throw new WireException("frame length " + Integer.toUnsignedLong(length)
                        + " is outside 1.." + maxFrameSize + " bytes");
            }
            if (in.readableBytes() < WireFormat.LENGTH_SIZE + length) {
                claim(ctx, length);
                return;
            }
            in.skipBytes(WireFormat.LENGTH_SIZE);
            try {
                out.add(readFrame(in.readSlice(length)));
            } finally {
                unclaim(ctx);
            }
        } catch (WireException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    /** Claims the bytes of the frame being received, once per frame; stops reading until they are granted. */
    private void claim(ChannelHandlerContext ctx, int length) {
        if (budget == null || claim != null) {
            return;
        }
        claim = budget.claim(length, granted -> {
            try {
                ctx.executor().execute(() -> resume(ctx, granted));
            } catch (RejectedExecutionException stopped) {
                // the socket's event loop has stopped: the socket is closed, and reads nothing more
            }
        });
        if (!budget.isGranted(claim)) {
            paused = true;
            ctx.channel().config().setAutoRead(false);
        }
    }

    private void resume(ChannelHandlerContext ctx, FrameBudget.Claim granted) {
        if (granted == claim && paused) {
            paused = false;
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** The frame is decoded or refused: gives its bytes back, or its place in the queue, and reads on. */
    private void unclaim(ChannelHandlerContext ctx) {
        if (claim != null) {
            budget.release(claim);
            claim = null;
        }
        if (paused) {
            paused = false;
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** While paused, does not ask for more bytes as the decoder otherwise does when a read decoded nothing. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (paused) {
            discardSomeReadBytes();
            ctx.fireChannelReadComplete();
        } else {
            super.channelReadComplete(ctx);
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (claim != null) {
            budget.release(claim);
            claim = null;
        }
    }

    /** The first byte of a TLS handshake record, as a client's hello starts. */
    private static final int TLS_HANDSHAKE_RECORD = 0x16;

    private static Hello readHello(ByteBuf in) {
        int magic = in.readInt();
        if (magic != WireFormat.MAGIC) {
            throw new WireException("not a Tern peer: the connection starts with 0x"
                    + Integer.toHexString(magic) + " instead of the magic 0x" + Integer.toHexString(WireFormat.MAGIC)
                    + ((magic >>> 24) == TLS_HANDSHAKE_RECORD ? " (a TLS handshake: the peer speaks ssl://, this end plain tcp://)" : ""));
        }
        int version = in.readInt();
        int idleTimeout = in.readInt();
        if (idleTimeout < 0) {
            throw new WireException("negative idle timeout " + idleTimeout + " in hello");
        }
        return new Hello(version, idleTimeout);
    }

    private Object readFrame(ByteBuf frame) {
        int type = frame.readUnsignedByte();
        Object decoded;
        String name;
        if (type == WireFormat.HEARTBEAT) {
            decoded = Heartbeat.INSTANCE;
            name = "Heartbeat";
        } else if (commands && CommandCodec.isCommand(type)) {
            name = CommandCodec.name(type);
            FrameReader in = reader(frame, type, name);
            int requestIdAt = frame.readerIndex();
            try {
                decoded = valid(in, () -> CommandCodec.read(type, in));
            } catch (MessageTooLargeException e) {
                frame.skipBytes(frame.readableBytes());
                return new RefusedCommand(frame.getLong(requestIdAt), e.getMessage());
            }
        } else if (!commands && EventCodec.isEvent(type)) {
            name = EventCodec.name(type);
            FrameReader in = reader(frame, type, name);
            decoded = valid(in, () -> EventCodec.read(type, in));
        } else {
            throw new WireException("unknown frame type " + type);
        }
        if (frame.isReadable()) {
            throw new WireException(frame.readableBytes() + " bytes left over in a frame of type " + type
                    + " (" + name + ") after its last field");
        }
        return decoded;
    }

    private FrameReader reader(ByteBuf frame, int type, String name) {
        return new FrameReader(new DataInputStream(new ByteBufInputStream(frame)), type, name, limits);
    }

    /** What the reader read, with a record that refuses the values read (a failure of the record) named too. */
    private static Object valid(FrameReader in, Supplier<Object> read) {
        try {
            return read.get();
        } catch (WireException | MessageTooLargeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw in.invalid(e);
        }
    }
}
