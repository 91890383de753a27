package dev.tern.ra.glassfish.xa;

import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Writes an order row to an XA database (Derby in memory, shipped with GlassFish) and sends a message
 * through Tern's adapter, in one container-managed transaction.
 */
@DataSourceDefinition(name = OrderService.DATA_SOURCE, className = "org.apache.derby.jdbc.EmbeddedXADataSource",
        databaseName = "memory:ternRaTests", properties = {"createDatabase=create"}, transactional = true)
@JMSConnectionFactoryDefinition(name = OrderService.FACTORY, resourceAdapter = "tern-ra",
        interfaceName = "jakarta.jms.ConnectionFactory", transactional = true, minPoolSize = 0, maxPoolSize = 4)
@Stateless
public class OrderService {

    static final String DATA_SOURCE = "java:app/jdbc/orders";
    static final String FACTORY = "java:app/jms/ternOrders";

    @Resource(lookup = DATA_SOURCE)
    DataSource orders;

    @Resource(lookup = FACTORY)
    ConnectionFactory factory;

    @Resource
    SessionContext ejb;

    /** Creates the table unless it exists, in a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void createTable() throws SQLException {
        try (Connection connection = orders.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE orders (id VARCHAR(64) PRIMARY KEY)");
        } catch (SQLException e) {
            if (!"X0Y32".equals(e.getSQLState())) { // table exists
                throw e;
            }
        }
    }

    /** Inserts the order and announces it on the queue. */
    public void place(String id, String queue) throws SQLException {
        insert(id);
        announce(id, queue);
    }

    /** Announces the order, then inserts it; a duplicate id fails the insert and so the transaction. */
    public void announceThenPlace(String id, String queue) throws SQLException {
        announce(id, queue);
        try {
            insert(id);
        } catch (SQLException e) {
            throw new IllegalStateException("Insert of order " + id + " failed", e);
        }
    }

    /** Inserts and announces, then marks the transaction for rollback. */
    public void placeThenSetRollbackOnly(String id, String queue) throws SQLException {
        place(id, queue);
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
