package dev.tern.broker.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests, one per JVM, and a fresh database per test.
 *
 * <p>With {@code TERN_TEST_POSTGRES_URL} set (a JDBC URL of a server and a superuser, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}), tests use that server. Otherwise the
 * first test starts a private server from the system's PostgreSQL binaries ({@code initdb} and {@code pg_ctl}
 * under {@code /usr/lib/postgresql/<version>/bin}, as Debian's {@code postgresql} package installs them),
 * in a temporary directory, on a free port, through {@code runuser -u postgres} when the tests run as root,
 * which {@code initdb} refuses; it is stopped when the JVM exits. Where neither works, the test is skipped
 * with the reason, unless the environment variable {@code TERN_TEST_REQUIRE_POSTGRES} is true (as in CI), which
 * fails it instead.
 */
public final class PostgresTestServer {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static String adminUrl;
    private static String unavailable;

    private PostgresTestServer() {
    }

    /** A new, empty database's JDBC URL, with the user in it; skips or fails the test if there is no server. */
    public static synchronized String newDatabase() {
        String admin = adminUrl();
        String name = "tern_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        execute(admin, "CREATE DATABASE " + name);
        return admin.replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
    }

    /** Runs one statement as the server's superuser, in the database of {@code url}. */
    public static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The superuser's URL of the server's {@code postgres} database. */
    public static synchronized String adminUrl() {
        if (adminUrl == null && unavailable == null) {
            String given = System.getenv("TERN_TEST_POSTGRES_URL");
            try {
                adminUrl = given != null && !given.isBlank() ? given : startPrivateServer();
            } catch (IOException | RuntimeException e) {
                unavailable = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unavailable = "interrupted while starting PostgreSQL";
            }
        }
        if (adminUrl == null) {
            String reason = "no PostgreSQL server for this test: " + unavailable + " (install Debian's postgresql "
                    + "package, or set TERN_TEST_POSTGRES_URL)";
            if ("true".equals(System.getenv("TERN_TEST_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException(reason);
            }
            Assumptions.abort(reason);
        }
        return adminUrl;
    }

    private static String startPrivateServer() throws IOException, InterruptedException {
        Path bin = binaries();
        Path dir = Files.createTempDirectory("tern-postgres-");
        List<String> asUser = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            asUser.addAll(List.of("runuser", "-u", "postgres", "--"));
            run(List.of("chown", "postgres", dir.toString()));
        }
        Path data = dir.resolve("data");
        run(with(asUser, bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "tern",
                "-E", "UTF8", "--no-instructions"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String pgCtl = bin.resolve("pg_ctl").toString();
        run(with(asUser, pgCtl, "-D", data.toString(), "-w", "-t", "60", "-l", dir.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200", "start"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                run(with(asUser, pgCtl, "-D", data.toString(), "-m", "immediate", "-w", "stop"));
                deleteTree(dir);
            } catch (IOException | RuntimeException e) {
                // the JVM is going; the temporary directory stays for inspection
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=tern";
    }

    private static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            throw new IOException("no " + root);
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparingInt(bin -> Integer.parseInt(bin.getParent().getFileName().toString()
                            .replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IOException("no initdb under " + root));
        }
    }

    private static List<String> with(List<String> prefix, String... command) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(List.of(command));
        return all;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + new String(output).strip());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
