package dev.tern.jms.xa;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.XAConnection;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The second resource manager of the XA tests: an H2 file database, reached through H2's XADataSource, with
 * one table of orders whose rows have no key, so that a row written twice would show.
 */
final class OrdersDatabase {

    private final JdbcDataSource dataSource = new JdbcDataSource();

    /** The database at this JDBC URL, as a child JVM is told it. */
    OrdersDatabase(String url) {
        dataSource.setURL(url);
    }

    /** A database in {@code directory}. */
    static OrdersDatabase in(Path directory) {
        return new OrdersDatabase("jdbc:h2:file:" + directory.toAbsolutePath().resolve("orders"));
    }

    String url() {
        return dataSource.getURL();
    }

    /** Creates the orders table unless it exists. */
    void createTable() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS orders (id VARCHAR(100) NOT NULL)");
        }
    }

    /** A connection whose XAResource a transaction manager enlists; its JDBC connection then works in the branch. */
    XAConnection xaConnection() throws SQLException {
        return dataSource.getXAConnection();
    }

    /** Inserts an order over a connection, in whatever transaction it is in. */
    static void insert(Connection connection, String id) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO orders (id) VALUES (?)")) {
            insert.setString(1, id);
            insert.executeUpdate();
        }
    }

    /** How many committed rows have this ID. */
    int rows(String id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM orders WHERE id = ?")) {
            count.setString(1, id);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
