#!/usr/bin/env python3
"""Sends or receives messages over STOMP 1.2 with stomp.py (Debian: python3-stomp; pip: stomp.py).

    tern_stomp.py send --url 127.0.0.1:61613 --address /queue/orders --messages '[{"kind":"text","body":"hi"}]'
    tern_stomp.py receive --url 127.0.0.1:61613 --address /queue/orders --count 1 --timeout 10

STOMP has no map body: a "map" message is sent as its JSON text (content-type application/json), and a
received application/json body (how Tern renders a MapMessage) is reported as a map.
"""
import json
import threading
import time

import stomp

import interop_common as common

# Headers of a MESSAGE frame that are not the message's application properties.
FRAME_HEADERS = {"destination", "message-id", "subscription", "ack", "content-length", "content-type", "priority",
                 "persistent", "expires", "timestamp", "redelivered", "correlation-id", "reply-to", "type",
                 "receipt", "transaction"}


class Listener(stomp.ConnectionListener):
    def __init__(self):
        self.lock = threading.Condition()
        self.frames = []
        self.receipts = set()
        self.errors = []

    def on_message(self, frame):
        with self.lock:
            self.frames.append(frame)
            self.lock.notify_all()

    def on_receipt(self, frame):
        with self.lock:
            self.receipts.add(frame.headers.get("receipt-id"))
            self.lock.notify_all()

    def on_error(self, frame):
        with self.lock:
            self.errors.append("%s %s" % (frame.headers.get("message"), frame.body))
            self.lock.notify_all()

    def wait(self, condition, deadline):
        with self.lock:
            while not condition() and not self.errors:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.lock.wait(left)
            if self.errors:
                common.fail("the broker sent ERROR: " + "; ".join(self.errors))
            return True


def connect(args, listener):
    host, port = args.url.replace("stomp://", "").rsplit(":", 1)
    conn = stomp.Connection12([(host, int(port))], auto_decode=False, auto_content_length=False,
                              reconnect_attempts_max=1)
    conn.set_listener("interop", listener)
    headers = {"client-id": args.client_id} if args.client_id else {}
    conn.connect(args.user, args.password, wait=True, headers=headers)
    return conn


def send(args):
    listener = Listener()
    conn = connect(args, listener)
    deadline = time.monotonic() + args.timeout
    wanted = set()
    transaction = conn.begin() if args.transaction else None
    for i, spec in enumerate(common.messages(args)):
        headers = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in (spec.get("properties") or {}).items()}
        headers["persistent"] = "true"
        if spec.get("priority") is not None:
            headers["priority"] = str(spec["priority"])
        kind = spec.get("kind", "text")
        if kind == "bytes":
            body = common.body_of(spec)
            headers["content-length"] = str(len(body))
        elif kind == "map":
            body = json.dumps(spec["body"]).encode("utf-8")
            headers["content-type"] = "application/json"
        else:
            body = spec["body"].encode("utf-8")
        receipt = "send-%d" % i
        wanted.add(receipt)
        headers["receipt"] = receipt
        if transaction:
            headers["transaction"] = transaction
        conn.send(args.address, body, headers=headers)
    if transaction:
        wanted.add("end")
        if args.transaction == "commit":
            conn.commit(transaction, headers={"receipt": "end"})
        else:
            conn.abort(transaction, headers={"receipt": "end"})
    if not listener.wait(lambda: wanted <= listener.receipts, deadline):
        common.fail("timed out waiting for receipts %s" % sorted(wanted - listener.receipts))
    conn.disconnect()


def kind_of(headers):
    """text/* is a text body, application/json a map (how Tern renders a MapMessage), anything else bytes."""
    content_type = headers.get("content-type", "")
    if content_type.startswith("text/"):
        return "text"
    if content_type.startswith("application/json"):
        return "map"
    if content_type:
        return "bytes"
    return "bytes" if "content-length" in headers else "text"


def body_of(kind, raw):
    if kind == "bytes":
        return raw
    text = raw.decode("utf-8")
    return json.loads(text) if kind == "map" else text


def receive(args):
    listener = Listener()
    conn = connect(args, listener)
    deadline = time.monotonic() + args.timeout
    ack = "auto" if args.ack == "ack" else "client-individual"
    headers = {"receipt": "subscribed"}
    if args.selector:
        headers["selector"] = args.selector
    if args.durable:
        headers["activemq.subscriptionName"] = args.durable
        headers["durable-subscription-name"] = args.durable
    conn.subscribe(args.address, id="interop", ack=ack, headers=headers)
    if not listener.wait(lambda: "subscribed" in listener.receipts, deadline):
        common.fail("timed out waiting for the SUBSCRIBE receipt")
    common.ready()
    handled = 0
    while handled < args.count and listener.wait(lambda: len(listener.frames) > handled, deadline):
        frame = listener.frames[handled]
        handled += 1
        h = frame.headers
        kind = kind_of(h)
        body = body_of(kind, frame.body)
        properties = {k: v for k, v in h.items() if k not in FRAME_HEADERS}
        priority = int(h["priority"]) if "priority" in h else None
        common.emit(kind, body, properties, priority, h.get("message-id"), h.get("redelivered") == "true", None,
                    headers=h)
        if args.reply and "reply-to" in h:
            reply_headers = {"correlation-id": h["message-id"], "responder": "python-stomp", "persistent": "true",
                             "receipt": "reply-%d" % handled}
            conn.send(h["reply-to"], ("re: %s" % body).encode("utf-8"), headers=reply_headers)
            if not listener.wait(lambda: "reply-%d" % handled in listener.receipts, deadline + 5):
                common.fail("timed out waiting for the receipt of a reply")
        if args.ack == "nack":
            conn.nack(h["ack"])
        elif args.ack != "ack":
            conn.ack(h["ack"])
    conn.disconnect()


if __name__ == "__main__":
    arguments = common.parse_args("STOMP 1.2 client for Tern interop tests (stomp.py)")
    try:
        send(arguments) if arguments.mode == "send" else receive(arguments)
    except stomp.exception.StompException as e:
        common.fail("STOMP error: %r" % e)
