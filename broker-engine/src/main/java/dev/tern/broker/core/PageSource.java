package dev.tern.broker.core;

import java.util.List;

/** Where queues read back the messages they hold on disk only (see {@link MessageQueue}). */
public interface PageSource {

    /** A source for queues that never page: everything stays in memory. */
    PageSource NONE = new PageSource() {
        @Override
        public boolean pagesToDisk() {
            return false;
        }

        @Override
        public List<MessageRef> read(MessageQueue queue, long[] messageIds) {
            return List.of();
        }

        @Override
        public void discard(MessageQueue queue, long[] messageIds) {
            // nothing is paged
        }
    };

    /** True if holding a message on disk only saves memory, so queues may page. */
    boolean pagesToDisk();

    /**
     * Reads messages of a queue back as references, ascending by ID; IDs the queue no longer holds
     * are left out.
     */
    List<MessageRef> read(MessageQueue queue, long[] messageIds);

    /** Removes paged messages of a queue for good, without reading them. */
    void discard(MessageQueue queue, long[] messageIds);
}
