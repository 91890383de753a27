package dev.tern.protocol;

/**
 * What an operator sees of a client connection.
 *
 * @param id the broker's number for it
 * @param clientId its client ID, or null
 * @param user who it logged in as, or null for an anonymous one
 * @param from the client's address, as {@code /10.1.2.3:45678}, or {@code in-JVM}
 * @param sessions sessions open on it
 */
public record ConnectionInfo(long id, String clientId, String user, String from, int sessions) {
}
