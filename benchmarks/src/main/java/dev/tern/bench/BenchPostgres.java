package dev.tern.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server the brokers on a database store are measured on ({@link BrokerKind#TERN_POSTGRESQL},
 * {@link BrokerKind#ARTEMIS_JDBC}): the environment variable {@value #URL_VARIABLE} gives a superuser's JDBC URL
 * of its {@code postgres} database, and each broker started gets a fresh database of its own on it.
 */
final class BenchPostgres {

    static final String URL_VARIABLE = "TERN_BENCH_POSTGRES_URL";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private BenchPostgres() {
    }

    /**
     * Creates an empty database and returns its JDBC URL.
     *
     * @throws ScenarioUnsupportedException if no server is configured
     */
    static String newDatabase(String scenario) throws ScenarioUnsupportedException {
        String admin = System.getenv(URL_VARIABLE);
        if (admin == null || admin.isBlank()) {
            throw new ScenarioUnsupportedException(scenario, "brokers on PostgreSQL need " + URL_VARIABLE
                    + ", a JDBC URL of a PostgreSQL server's postgres database with a superuser");
        }
        String name = "tern_bench_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(admin); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the database " + name + " on " + admin + ": " + e.getMessage(), e);
        }
        return admin.replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
    }

    /** A small pool on that database, for a broker that takes a DataSource. */
    static HikariDataSource pool(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(8);
        config.setPoolName("bench-jdbc");
        return new HikariDataSource(config);
    }
}
