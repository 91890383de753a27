package dev.tern.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Changes the lines of a users file ({@code dev.tern.broker.security.UsersFile}) that a command asks for
 * and keeps every other line, comments included, as written. The file is replaced in one move, so a
 * broker reading it never sees half of it. A new file is readable by its owner only; a file that exists
 * keeps its permissions and, where the file system lets the command set it, its owner.
 */
final class UsersFileEditor {

    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9_@.\\-]+");
    private static final String ROLE_PREFIX = "role.";

    private final Path file;
    private final List<String> lines;

    private UsersFileEditor(Path file, List<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    /** The file's lines, or none if it does not exist yet. */
    static UsersFileEditor open(Path file) throws IOException {
        return new UsersFileEditor(file, Files.exists(file)
                ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8)) : new ArrayList<>());
    }

    /**
     * Checks that a name can be a user of the file.
     *
     * @throws IllegalArgumentException if it cannot
     */
    static void checkUserName(String name) {
        if (!USER_NAME.matcher(name).matches() || name.startsWith(ROLE_PREFIX)) {
            throw new IllegalArgumentException("User name '" + name + "' is not allowed: use letters, digits and "
                    + "_ @ . -, and do not start it with 'role.'.");
        }
    }

    boolean hasUser(String name) {
        return indexOf(name) >= 0;
    }

    /** Sets a user's stored password, adding the user's line at the end if there is none. */
    void setPassword(String name, String stored) {
        String line = name + " = " + stored;
        int index = indexOf(name);
        if (index >= 0) {
            lines.set(index, line);
        } else {
            lines.add(line);
        }
    }

    /** Adds the user to a role's line, adding the line if there is none. */
    void addToRole(String role, String name) {
        String key = ROLE_PREFIX + role;
        int index = indexOf(key);
        if (index < 0) {
            lines.add(key + " = " + name);
            return;
        }
        Set<String> members = Arrays.stream(value(lines.get(index)).split(",")).map(String::strip)
                .filter(member -> !member.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
        members.add(name);
        lines.set(index, key + " = " + String.join(", ", members));
    }

    /** Writes the file: a temporary file beside it, then one move over it. */
    void save() throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path written = Files.createTempFile(directory, ".users", ".tmp");
        try {
            protectLike(written, file);
            Files.write(written, lines, StandardCharsets.UTF_8);
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(written);
        }
    }

    private int indexOf(String key) {
        Pattern keyLine = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:\\s]");
        for (int i = 0; i < lines.size(); i++) {
            Matcher matcher = keyLine.matcher(lines.get(i) + " ");
            if (matcher.find()) {
                return i;
            }
        }
        return -1;
    }

    private static String value(String line) {
        Matcher matcher = Pattern.compile("^\\s*\\S+?\\s*[=:\\s]\\s*(.*)$").matcher(line);
        return matcher.matches() ? matcher.group(1) : "";
    }

    /** The permissions and owner of the file replaced, or owner-only for a new file. */
    private static void protectLike(Path written, Path replaced) throws IOException {
        try {
            if (Files.exists(replaced)) {
                Files.setPosixFilePermissions(written, Files.getPosixFilePermissions(replaced));
                try {
                    Files.setOwner(written, Files.getOwner(replaced));
                } catch (IOException e) {
                    // only a privileged user may give a file away; then the file is the caller's
                }
            } else {
                Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's permissions apply
        }
    }
}
