package dev.tern.broker.store;

import dev.tern.protocol.MessageCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads messages that queues hold on disk only, on a connection of its own, so that paging in does not
 * wait for the journal's commits and syncs. Sees committed units only. Used by one thread at a time.
 */
final class SqlPageReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqlPageReader.class);

    private final Connection connection;
    private final PreparedStatement selectPage;

    /** Takes over an open connection with auto-commit on; closes it with itself. */
    SqlPageReader(Connection connection) throws SQLException {
        this.connection = connection;
        this.selectPage = connection.prepareStatement(SqlSchema.SELECT_PAGE);
    }

    /** The queue's references among these IDs, with their messages, ascending by ID. */
    List<StoredState.PagedMessage> read(String queueName, long[] messageIds) throws SQLException {
        if (messageIds.length == 0) {
            return List.of();
        }
        long[] sorted = messageIds.clone();
        Arrays.sort(sorted);
        selectPage.setString(1, queueName);
        selectPage.setLong(2, sorted[0]);
        selectPage.setLong(3, sorted[sorted.length - 1]);
        List<StoredState.PagedMessage> page = new ArrayList<>(sorted.length);
        try (ResultSet rs = selectPage.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                if (Arrays.binarySearch(sorted, id) < 0) {
                    continue; // in the range, but the queue holds it in memory
                }
                try {
                    page.add(new StoredState.PagedMessage(id, rs.getInt(2), MessageCodec.decode(rs.getBytes(3))));
                } catch (RuntimeException e) {
                    LOG.error("Stored message {} on queue {} cannot be decoded; leaving it out", id, queueName, e);
                }
            }
        }
        return page;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Closing the page reader's H2 connection failed", e);
        }
    }
}
