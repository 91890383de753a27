package dev.tern.ra.wildfly;

import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Writes an order row to an XA database (H2 in memory, shipped with WildFly as module
 * {@value #H2_MODULE}) and sends a message through Tern's adapter, in one container-managed transaction.
 * The methods take the queue first, as {@link DriverServlet} calls them.
 */
@DataSourceDefinition(name = WildFlyOrderService.DATA_SOURCE, className = "org.h2.jdbcx.JdbcDataSource",
        url = "jdbc:h2:mem:ternRaTests;DB_CLOSE_DELAY=-1", user = "sa", password = "sa", transactional = true)
@Stateless
public class WildFlyOrderService {

    static final String H2_MODULE = "com.h2database.h2";
    static final String DATA_SOURCE = "java:app/jdbc/orders";

    @Resource(lookup = DATA_SOURCE)
    DataSource orders;

    @Resource(lookup = WildFlySender.FACTORY)
    ConnectionFactory factory;

    @Resource
    SessionContext ejb;

    /** Creates the table unless it exists, in a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void createTable(String unused) throws SQLException {
        try (Connection connection = orders.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE IF NOT EXISTS orders (id VARCHAR(64) PRIMARY KEY)");
        }
    }

    /** Inserts the order and announces it on the queue. */
    public void place(String queue, String id) throws SQLException {
        insert(id);
        announce(id, queue);
    }

    /** Announces the order, then inserts it; a duplicate id fails the insert and so the transaction. */
    public void announceThenPlace(String queue, String id) {
        announce(id, queue);
        try {
            insert(id);
        } catch (SQLException e) {
            throw new IllegalStateException("Insert of order " + id + " failed", e);
        }
    }

    /** Inserts and announces, then marks the transaction for rollback. */
    public void placeThenSetRollbackOnly(String queue, String id) throws SQLException {
        place(queue, id);
        ejb.setRollbackOnly();
    }

    /** How many rows have this id: 0 or 1. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int count(String id) throws SQLException {
        try (Connection connection = orders.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM orders WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private void insert(String id) throws SQLException {
        try (Connection connection = orders.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO orders (id) VALUES (?)")) {
            insert.setString(1, id);
            insert.executeUpdate();
        }
    }

    private void announce(String id, String queue) {
        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(context.createQueue(queue), "order " + id);
        }
    }
}
