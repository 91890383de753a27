package dev.tern.protocol.wire;

import dev.tern.protocol.Command;
import dev.tern.protocol.Event;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.io.IOException;

/**
 * Writes {@link Hello}s, {@link Heartbeat}s, {@link Command}s and {@link Event}s in the
 * {@link WireFormat}. A frame larger than the maximum fails its write with a {@link WireException}
 * and nothing of it is sent.
 */
public final class FrameEncoder extends MessageToByteEncoder<Object> {

    private final int maxFrameSize;

    public FrameEncoder(int maxFrameSize) {
        if (maxFrameSize < 1) {
            throw new IllegalArgumentException("maximum frame size must be positive, was " + maxFrameSize);
        }
        this.maxFrameSize = maxFrameSize;
    }

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof Hello || msg instanceof Heartbeat || msg instanceof Command || msg instanceof Event;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, ByteBuf out) throws IOException {
        if (msg instanceof Hello hello) {
            out.writeInt(WireFormat.MAGIC).writeInt(hello.version()).writeInt(hello.idleTimeoutMillis());
            return;
        }
        int start = out.writerIndex();
        out.writeInt(0);
        try (ByteBufOutputStream stream = new ByteBufOutputStream(out)) {
            if (msg instanceof Heartbeat) {
                stream.writeByte(WireFormat.HEARTBEAT);
            } else if (msg instanceof Command command) {
                CommandCodec.write(stream, command);
            } else {
                EventCodec.write(stream, (Event) msg);
            }
        }
        int length = out.writerIndex() - start - WireFormat.LENGTH_SIZE;
        if (length > maxFrameSize) {
            out.writerIndex(start);
            throw new WireException("a " + msg.getClass().getSimpleName() + " frame of " + length
                    + " bytes exceeds the maximum frame size of " + maxFrameSize + " bytes");
        }
        out.setInt(start, length);
    }
}
