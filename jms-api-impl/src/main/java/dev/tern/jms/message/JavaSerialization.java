package dev.tern.jms.message;

import jakarta.jms.MessageFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/**
 * Java serialization of {@code ObjectMessage} bodies. Reading checks every class named in the stream
 * against a {@link TrustedPackages} allow-list <em>before</em> loading it, and resolves classes with the
 * thread's context class loader, falling back to the class loader of the Tern client. A JVM-wide
 * {@code jdk.serialFilter} still applies on top.
 */
final class JavaSerialization {

    private JavaSerialization() {
    }

    /** The serialized form of the object; no bytes for null. */
    static byte[] serialize(Serializable object) throws MessageFormatException {
        if (object == null) {
            return new byte[0];
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw withCause(new MessageFormatException("The ObjectMessage body of type "
                    + object.getClass().getName() + " cannot be serialized: " + e), e);
        }
        return bytes.toByteArray();
    }

    /** The object in bytes made by {@link #serialize}; null for no bytes. */
    static Serializable deserialize(byte[] bytes, TrustedPackages trust) throws MessageFormatException {
        if (bytes.length == 0) {
            return null;
        }
        try (ObjectInputStream in = new TrustedObjectInputStream(new ByteArrayInputStream(bytes), trust)) {
            Object object = in.readObject();
            if (!(object instanceof Serializable serializable)) {
                throw new MessageFormatException("The ObjectMessage body is not Serializable: "
                        + object.getClass().getName());
            }
            return serializable;
        } catch (UntrustedClassException e) {
            throw withCause(new MessageFormatException(untrustedMessage(e.className, trust)), e);
        } catch (ClassNotFoundException e) {
            throw withCause(new MessageFormatException("The ObjectMessage body needs class " + e.getMessage()
                    + ", which neither the thread context class loader nor the Tern client's class loader can "
                    + "load; add it to the class path of the receiving application."), e);
        } catch (IOException | RuntimeException e) {
            throw withCause(new MessageFormatException("The ObjectMessage body cannot be deserialized: " + e), e);
        }
    }

    private static String untrustedMessage(String className, TrustedPackages trust) {
        String name = className.replaceFirst("^\\[+L?", "").replaceFirst(";$", "");
        int dot = name.lastIndexOf('.');
        String addition = dot > 0 ? name.substring(0, dot) : name;
        String proposed = trust.entries().isEmpty() ? addition : trust + "," + addition;
        return "The ObjectMessage body contains class " + className + ", which is not trusted for "
                + "deserialization (trusted packages: " + (trust.entries().isEmpty() ? "none" : trust) + "). "
                + "To trust it, add its package to the connection factory setting trustedPackages, for example "
                + "vm://localhost?jms.trustedPackages=" + proposed
                + " or TernConnectionFactory.setTrustedPackages(\"" + proposed + "\"), or set the system property "
                + TrustedPackages.SYSTEM_PROPERTY + "=" + proposed + ". Trust only classes whose senders you trust.";
    }

    private static MessageFormatException withCause(MessageFormatException e, Exception cause) {
        e.setLinkedException(cause);
        e.initCause(cause);
        return e;
    }

    /** Raised while reading when the stream names a class outside the allow-list. */
    private static final class UntrustedClassException extends InvalidClassException {
        private static final long serialVersionUID = 1L;
        private final String className;

        UntrustedClassException(String className) {
            super(className, "not in the trusted packages");
            this.className = className;
        }
    }

    /** An object stream that refuses untrusted classes before loading them. */
    private static final class TrustedObjectInputStream extends ObjectInputStream {
        private final TrustedPackages trust;

        TrustedObjectInputStream(InputStream in, TrustedPackages trust) throws IOException {
            super(in);
            this.trust = trust;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            String name = desc.getName();
            if (!trust.isTrusted(name)) {
                throw new UntrustedClassException(name);
            }
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null) {
                try {
                    return Class.forName(name, false, context);
                } catch (ClassNotFoundException e) {
                    // try the client's own loader next
                }
            }
            try {
                return Class.forName(name, false, JavaSerialization.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc); // primitive types
            }
        }

        @Override
        protected Class<?> resolveProxyClass(String[] interfaces) throws IOException, ClassNotFoundException {
            for (String name : interfaces) {
                if (!trust.isTrusted(name)) {
                    throw new UntrustedClassException(name);
                }
            }
            return super.resolveProxyClass(interfaces);
        }
    }
}
