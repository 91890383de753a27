package dev.tern.broker.http;

import dev.tern.protocol.BodyType;
import dev.tern.protocol.MessageRecord;
import dev.tern.protocol.TypedValueCodec;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.HexFormat;

/** The beginning of a message's body, for the console: the text of a text message, the bytes of a bytes message. */
final class BodyPreview {

    private BodyPreview() {
    }

    /** A text body, cut to {@link ConsoleApi.MessageView#PREVIEW_CHARS} characters; null for another type or a null text. */
    static String text(MessageRecord record) {
        if (record.bodyType() != BodyType.TEXT || record.body() == null || record.body().length == 0) {
            return null;
        }
        try {
            String text = TypedValueCodec.readString(new DataInputStream(new ByteArrayInputStream(record.body())));
            return text == null || text.length() <= ConsoleApi.MessageView.PREVIEW_CHARS
                    ? text : text.substring(0, ConsoleApi.MessageView.PREVIEW_CHARS) + "…";
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The first {@link ConsoleApi.MessageView#PREVIEW_BYTES} bytes of a bytes body in hexadecimal; null for another type. */
    static String hex(MessageRecord record) {
        if (record.bodyType() != BodyType.BYTES || record.body() == null) {
            return null;
        }
        int shown = Math.min(record.body().length, ConsoleApi.MessageView.PREVIEW_BYTES);
        return HexFormat.ofDelimiter(" ").formatHex(record.body(), 0, shown);
    }
}
