/**
 * AMQP 1.0 for the Tern broker, on Apache Qpid Proton-J: {@link dev.tern.amqp.AmqpHead} serves the
 * protocol; per socket, {@code AmqpTransportHandler} drives a Proton transport on the channel's event loop
 * and {@code AmqpConnection} turns the AMQP connection, its sessions and links into the commands of one
 * broker connection. Message conversion is in {@link dev.tern.amqp.message}. See {@code docs/amqp.md}.
 */
package dev.tern.amqp;
