package dev.tern.cli;

import dev.tern.broker.Broker;
import dev.tern.broker.security.SecuritySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the standalone broker's security settings (users, guest user, access rules, limits) in force again
 * when its configuration file or a file they read (users, JAAS, certificate users) changes, looking every
 * {@link #PERIOD}. A file that cannot be read, or a change that would drop the login and let everyone in,
 * is logged and changes nothing.
 * Connections already open keep their users and roles; the new access rules decide their next commands.
 */
final class SecurityReloader implements AutoCloseable {

    /** How often the files are looked at. */
    static final Duration PERIOD = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(SecurityReloader.class);

    private final Broker broker;
    private final Path configFile;
    private final Supplier<SecuritySettings> reread;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "tern-security-reloader");
        thread.setDaemon(true);
        return thread;
    });
    private SecuritySettings inForce;
    private List<Object> lastSeen;

    /**
     * @param inForce the settings the broker started with
     * @param reread reads the configuration file again and returns its security settings
     */
    SecurityReloader(Broker broker, Path configFile, SecuritySettings inForce, Supplier<SecuritySettings> reread) {
        this.broker = broker;
        this.configFile = configFile;
        this.inForce = inForce;
        this.reread = reread;
        this.lastSeen = stamps();
    }

    /** Starts looking at the files every {@link #PERIOD}. */
    SecurityReloader start() {
        timer.scheduleWithFixedDelay(this::reloadIfChanged, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Reloads if a file changed since the last look; on the timer's thread, or a test's. */
    synchronized void reloadIfChanged() {
        List<Object> now = stamps();
        if (now.equals(lastSeen)) {
            return;
        }
        lastSeen = now;
        try {
            SecuritySettings changed = reread.get();
            if (inForce.requiresLogin() && !changed.requiresLogin()) {
                LOG.error("{} no longer names a users file, a JAAS configuration or certificate users; not reloaded, "
                        + "as that would let every client in. Restart the broker to run it without login.", configFile);
                return;
            }
            broker.reloadSecurity(changed);
            inForce = changed;
        } catch (RuntimeException e) {
            LOG.error("Security settings not reloaded; the broker keeps the ones in force: {}", e.getMessage());
        }
    }

    /** When and how big the configuration file and the files of the settings in force are; null for a missing one. */
    private List<Object> stamps() {
        List<Object> stamps = new ArrayList<>();
        stamps.add(stamp(configFile));
        inForce.files().forEach(file -> stamps.add(stamp(file)));
        return stamps;
    }

    private static Object stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(attributes.lastModifiedTime(), attributes.size(), Objects.toString(attributes.fileKey()));
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
