#!/usr/bin/env python3
"""Sends or receives messages over AMQP 1.0 with Apache Qpid Proton (Debian: python3-qpid-proton).

    tern_amqp.py send --url amqp://127.0.0.1:5672 --address queue://orders --messages '[{"kind":"text","body":"hi"}]'
    tern_amqp.py receive --url amqp://127.0.0.1:5672 --address queue://orders --count 1 --timeout 10
"""
import sys
import uuid

from proton import UNDESCRIBED, Array, Data, Delivery, Message, symbol
from proton.handlers import MessagingHandler
from proton.reactor import Container, DurableSubscription, Selector

import interop_common as common


def to_message(spec):
    kind = spec.get("kind", "text")
    message = Message(body=common.body_of(spec), durable=True)
    if kind == "bytes":
        message.inferred = True  # a data section, as AMQP's JMS mapping writes a BytesMessage
    message.properties = spec.get("properties") or None
    if spec.get("priority") is not None:
        message.priority = spec["priority"]
    message.id = "ID:" + str(uuid.uuid4())
    return message


def kind_of(body):
    if isinstance(body, str):
        return "text"
    if isinstance(body, (bytes, bytearray, memoryview)):
        return "bytes"
    if isinstance(body, dict):
        return "map"
    if body is None:
        return "none"
    return type(body).__name__


def plain(value):
    """JSON-friendly: AMQP symbols and other str subclasses become str, maps and lists recurse."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)


class Closing:
    """After this client closed its connection, a socket the broker drops without its own close frame is only
    warned about, unless --strict-close makes it an error (AmqpCloseInteropTest checks that)."""
    closing = False

    def close_connection(self):
        self.closing = True
        self.conn.close()

    def on_transport_error(self, event):
        if self.closing and not self.args.strict_close:
            print("warning: after our close: %s" % event.transport.condition, file=sys.stderr, flush=True)
            return
        common.fail("transport error: %s" % event.transport.condition)


class Sender(Closing, MessagingHandler):
    def __init__(self, args):
        super().__init__(auto_settle=True)
        self.args = args
        self.todo = [to_message(spec) for spec in common.messages(args)]
        self.sent = 0
        self.confirmed = 0
        self.txn = None

    def on_start(self, event):
        self.conn = event.container.connect(self.args.url, **credentials(self.args))
        self.sender = event.container.create_sender(self.conn, self.args.address)
        if self.args.transaction:
            event.container.declare_transaction(self.conn, handler=self)
        self.timer = event.container.schedule(self.args.timeout, self)

    def on_timer_task(self, event):
        common.fail("timed out: %d of %d sends confirmed" % (self.confirmed, len(self.todo)))

    def on_transaction_declared(self, event):
        self.txn = event.transaction
        self.send_all()

    def on_sendable(self, event):
        if not self.args.transaction:
            self.send_all()

    def send_all(self):
        while self.sent < len(self.todo) and self.sender.credit > 0:
            if self.txn:
                self.txn.send(self.sender, self.todo[self.sent])
            else:
                self.sender.send(self.todo[self.sent])
            self.sent += 1
        if self.txn and self.sent == len(self.todo):
            if self.args.transaction == "commit":
                self.txn.commit()
            else:
                self.txn.abort()

    def on_accepted(self, event):
        self.confirmed += 1
        if not self.txn and self.confirmed == len(self.todo):
            self.finish()

    def on_rejected(self, event):
        common.fail("the broker rejected a message: %s" % event.delivery.remote.condition)

    def on_released(self, event):
        common.fail("the broker released a message")

    def on_transaction_committed(self, event):
        self.finish()

    def on_transaction_aborted(self, event):
        self.finish()

    def on_transaction_declare_failed(self, event):
        common.fail("the broker refused to declare a transaction")

    def finish(self):
        self.timer.cancel()
        self.close_connection()


class Receiver(Closing, MessagingHandler):
    def __init__(self, args):
        super().__init__(auto_accept=False, prefetch=args.count)
        self.args = args
        self.received = 0
        self.replies_unsettled = 0

    def on_start(self, event):
        container = event.container
        if self.args.client_id:
            container.container_id = self.args.client_id
        self.conn = container.connect(self.args.url, **credentials(self.args))
        options = []
        if self.args.selector:
            options.append(Selector(self.args.selector, name="jms-selector"))
        if self.args.durable:
            options.append(DurableSubscription())
        self.receiver = container.create_receiver(self.conn, self.args.address, name=self.args.durable,
                                                  options=options)
        if self.args.reply:
            self.relay = container.create_sender(self.conn, None)  # the anonymous relay: each reply names its address
        self.timer = container.schedule(self.args.timeout, self)

    def on_link_opened(self, event):
        if event.link == self.receiver:
            common.ready()
            if self.args.count == 0:
                self.finish()

    def on_message(self, event):
        message = event.message
        body = message.body
        common.emit(kind_of(body), plain(body), plain(message.properties or {}), message.priority,
                    plain(message.id), message.delivery_count > 0, message.delivery_count + 1,
                    durable=message.durable)
        if self.args.ack == "ack":
            self.accept(event.delivery)
        elif self.args.ack == "nack":
            self.reject(event.delivery)
        elif self.args.ack == "release":
            self.release(event.delivery, delivered=False)
        else:
            event.delivery.local.failed = True  # modified, delivery-failed: counts as a failed attempt
            self.settle(event.delivery, Delivery.MODIFIED)
        if self.args.reply and message.reply_to:
            reply = Message(address=message.reply_to, body="re: %s" % body, correlation_id=message.id,
                            properties={"responder": "python-amqp"}, durable=True)
            self.relay.send(reply)
            self.replies_unsettled += 1
        self.received += 1
        self.finish_when_done()

    def on_settled(self, event):
        if self.args.reply and event.link == self.relay:
            self.replies_unsettled -= 1
            self.finish_when_done()

    def on_rejected(self, event):
        common.fail("the broker rejected a reply: %s" % event.delivery.remote.condition)

    def finish_when_done(self):
        if self.received >= self.args.count and self.replies_unsettled == 0:
            self.finish()

    def on_timer_task(self, event):
        self.finish()

    def finish(self):
        self.timer.cancel()
        if self.args.durable:
            self.receiver.detach()  # keeps the durable subscription; close() would end it
        else:
            self.receiver.close()
        self.close_connection()

    def on_link_error(self, event):
        common.fail("link refused: %s" % event.link.remote_condition)


def credentials(args):
    options = {"allowed_mechs": "ANONYMOUS"}
    if args.user:
        options = {"user": args.user, "password": args.password, "allowed_mechs": "PLAIN"}
    if args.sole_connection:
        options["desired_capabilities"] = Array(UNDESCRIBED, Data.SYMBOL, symbol("sole-connection-for-container"))
    return options


if __name__ == "__main__":
    arguments = common.parse_args("AMQP 1.0 client for Tern interop tests (Qpid Proton)")
    handler = Sender(arguments) if arguments.mode == "send" else Receiver(arguments)
    Container(handler).run()
