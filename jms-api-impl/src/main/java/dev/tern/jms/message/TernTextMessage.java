package dev.tern.jms.message;

import dev.tern.protocol.BodyType;
import dev.tern.protocol.TypedValueCodec;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A message whose body is one String, possibly null; encoded with {@link TypedValueCodec#writeString}. */
public final class TernTextMessage extends TernMessage implements TextMessage {

    private String text;

    /** A new message with a null text. */
    public TernTextMessage() {
    }

    @Override
    public void setText(String text) throws JMSException {
        checkBodyWritable();
        this.text = text;
    }

    @Override
    public String getText() {
        return text;
    }

    @Override
    public BodyType bodyType() {
        return BodyType.TEXT;
    }

    @Override
    byte[] encodeBody() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text == null ? 4 : 4 + text.length());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            TypedValueCodec.writeString(out, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    void restoreBody(byte[] body) {
        if (body.length == 0) {
            text = null;
            return;
        }
        try {
            text = TypedValueCodec.readString(new DataInputStream(new ByteArrayInputStream(body)));
        } catch (IOException e) {
            throw new IllegalArgumentException("Corrupt TEXT body of " + body.length + " bytes", e);
        }
    }

    @Override
    void clearBodyContent() {
        text = null;
    }

    @Override
    Object bodyValue() {
        return text;
    }

    @Override
    String bodySummary() {
        return text == null ? "text=null" : "text of " + text.length() + " chars";
    }
}
