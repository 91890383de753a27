package dev.tern.jms.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The allow-list of classes that {@code ObjectMessage.getObject()} may deserialize.
 *
 * <p>Each entry is a package name, which trusts the classes of that package <em>and of its
 * subpackages</em> ({@code java.util} trusts {@code java.util.concurrent.ConcurrentHashMap}), or a fully
 * qualified class name, which trusts that class. The single entry {@code *} trusts every class; use it
 * only when every sender is trusted, since deserializing an attacker's bytes can run code.
 *
 * <p>Primitive types are always trusted, and an array is trusted when its component type is. A list
 * replaces the default rather than adding to it: to trust {@code com.acme} and keep the JDK
 * collections, write {@code java.lang,java.util,com.acme}.
 *
 * <p>Set the list with the connection factory's {@code trustedPackages} property (for example
 * {@code vm://localhost?jms.trustedPackages=com.acme} or {@code TernConnectionFactory.setTrustedPackages})
 * or, for the whole JVM, with the system property {@value #SYSTEM_PROPERTY}. Immutable.
 */
public final class TrustedPackages {

    /** The system property that {@link #defaults()} reads. */
    public static final String SYSTEM_PROPERTY = "dev.tern.jms.trustedPackages";

    /** The list used when the system property is not set. */
    public static final String DEFAULT_PACKAGES = "java.lang,java.util";

    private static final Set<String> PRIMITIVES = Set.of(
            "boolean", "byte", "short", "char", "int", "long", "float", "double", "void");

    private final List<String> entries;
    private final boolean all;

    private TrustedPackages(List<String> entries) {
        this.entries = List.copyOf(entries);
        this.all = entries.contains("*");
    }

    /** The list from the system property {@value #SYSTEM_PROPERTY}, or {@value #DEFAULT_PACKAGES}. */
    public static TrustedPackages defaults() {
        return of(System.getProperty(SYSTEM_PROPERTY, DEFAULT_PACKAGES));
    }

    /**
     * A list from comma-separated entries; blanks around entries are ignored. A null or blank list
     * trusts only primitive types.
     */
    public static TrustedPackages of(String commaSeparated) {
        List<String> entries = new ArrayList<>();
        if (commaSeparated != null) {
            for (String part : commaSeparated.split(",")) {
                String entry = part.trim();
                if (entry.endsWith(".*")) {
                    entry = entry.substring(0, entry.length() - 2);
                }
                if (!entry.isEmpty() && !entries.contains(entry)) {
                    entries.add(entry);
                }
            }
        }
        return new TrustedPackages(entries);
    }

    /** The entries, in the order given. */
    public List<String> entries() {
        return entries;
    }

    /** True if this list trusts every class. */
    public boolean trustsAll() {
        return all;
    }

    /**
     * Whether the class may be deserialized. Accepts binary names as {@link Class#getName()} gives
     * them, including array names such as {@code [Ljava.lang.String;} and {@code [[I}.
     */
    public boolean isTrusted(String className) {
        if (className == null || className.isEmpty()) {
            return false;
        }
        String name = componentName(className);
        if (name == null) {
            return true; // an array of a primitive type
        }
        if (all || PRIMITIVES.contains(name)) {
            return true;
        }
        for (String entry : entries) {
            if (name.equals(entry) || (name.startsWith(entry) && name.charAt(entry.length()) == '.')) {
                return true;
            }
        }
        return false;
    }

    /** The element class name of an array name, null for a primitive array, or the name itself. */
    private static String componentName(String className) {
        int dims = 0;
        while (dims < className.length() && className.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0) {
            return className;
        }
        String element = className.substring(dims);
        if (element.length() > 2 && element.charAt(0) == 'L' && element.endsWith(";")) {
            return element.substring(1, element.length() - 1);
        }
        return element.length() == 1 && "ZBSCIJFD".contains(element) ? null : element;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrustedPackages other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return String.join(",", entries);
    }
}
