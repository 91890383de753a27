/**
 * The JMS message model: {@link dev.tern.jms.message.TernMessage} and its five body types, which
 * enforce the Jakarta Messaging rules (read-only received bodies and properties, write-only and
 * read-only modes of bytes and stream bodies, the type conversion tables) over one
 * {@link dev.tern.protocol.MessageRecord} that the provider carries.
 *
 * <ul>
 *   <li>{@link dev.tern.jms.message.TernMessage#toRecord()} snapshots a message for sending;
 *       {@link dev.tern.jms.message.TernMessages#fromRecord} builds the received message and
 *       {@link dev.tern.jms.message.TernMessages#copyOf} accepts other providers' messages.</li>
 *   <li>{@code JMSXDeliveryCount} is set on receive, survives {@code clearProperties()} and is never sent.</li>
 *   <li>{@code ObjectMessage} bodies are deserialized only from classes that
 *       {@link dev.tern.jms.message.TrustedPackages} allow.</li>
 * </ul>
 */
package dev.tern.jms.message;
