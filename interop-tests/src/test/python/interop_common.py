"""The command line and JSON shapes every interop client shares.

A message to send is a JSON object: {"kind": "text"|"bytes"|"map", "body": ..., "properties": {...},
"priority": 0-9}; a bytes body is base64. A received message is printed as one JSON line of the same
shape, plus "message_id", "redelivered" and "delivery_count" where the protocol tells them.
A line {"ready": true} says the receiver's subscription is in place.
"""
import argparse
import base64
import json
import sys


def parse_args(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("mode", choices=["send", "receive"])
    parser.add_argument("--url", required=True, help="amqp://HOST:PORT or HOST:PORT for STOMP")
    parser.add_argument("--address", required=True, help="the protocol's address, e.g. queue://orders or /queue/orders")
    parser.add_argument("--messages", default="[]", help="send: a JSON array of messages")
    parser.add_argument("--count", type=int, default=1, help="receive: stop after this many messages")
    parser.add_argument("--timeout", type=float, default=10.0, help="receive: stop waiting after this many seconds")
    parser.add_argument("--selector", help="receive: a JMS message selector")
    parser.add_argument("--ack", default="ack", choices=["ack", "nack", "release", "modified"],
                        help="receive: what to answer to each message")
    parser.add_argument("--durable", help="receive: the name of a durable subscription")
    parser.add_argument("--reply", action="store_true",
                        help="receive: answer each message that has a reply-to with 're: BODY', correlated to it")
    parser.add_argument("--client-id", help="the client ID (AMQP container-id, STOMP client-id)")
    parser.add_argument("--transaction", choices=["commit", "rollback"], help="send in a transaction, then end it so")
    parser.add_argument("--strict-close", action="store_true",
                        help="AMQP: fail if the broker drops the socket without answering our close frame")
    parser.add_argument("--sole-connection", action="store_true",
                        help="AMQP: desire the sole-connection-for-container capability (the client ID is exclusive)")
    parser.add_argument("--user")
    parser.add_argument("--password")
    return parser.parse_args()


def messages(args):
    return json.loads(args.messages)


def body_of(spec):
    """The Python value of a message spec's body."""
    kind = spec.get("kind", "text")
    if kind == "bytes":
        return base64.b64decode(spec["body"])
    return spec["body"]


def emit(kind, body, properties, priority=None, message_id=None, redelivered=None, delivery_count=None, **extra):
    if isinstance(body, (bytes, bytearray, memoryview)):
        body = base64.b64encode(bytes(body)).decode("ascii")
    line = {"kind": kind, "body": body, "properties": properties, "priority": priority,
            "message_id": message_id, "redelivered": redelivered, "delivery_count": delivery_count}
    line.update(extra)
    print(json.dumps(line, default=str), flush=True)


def ready():
    print(json.dumps({"ready": True}), flush=True)


def fail(message):
    print(message, file=sys.stderr, flush=True)
    sys.exit(1)
