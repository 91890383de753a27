#!/usr/bin/env node
// Sends or receives messages over AMQP 1.0 with rhea (npm). The same command line as the Python clients:
//   node tern_amqp.js send --url amqp://127.0.0.1:5672 --address queue://orders --messages '[{"kind":"text","body":"hi"}]'
//   node tern_amqp.js receive --url amqp://127.0.0.1:5672 --address queue://orders --count 1 --timeout 10
// Received messages are printed as JSON lines; {"ready":true} once the receiver is attached.
'use strict';

const rhea = require('rhea');

function parseArgs(argv) {
    const args = {mode: argv[0], messages: '[]', count: 1, timeout: 10, ack: 'ack'};
    const switches = ['--sole-connection', '--strict-close', '--reply'];
    for (let i = 1; i < argv.length; i++) {
        const key = argv[i].replace(/^--/, '').replace(/-([a-z])/g, (m, c) => c.toUpperCase());
        if (switches.includes(argv[i])) {
            args[key] = true;
        } else {
            args[key] = argv[++i];
        }
    }
    if (!['send', 'receive'].includes(args.mode) || !args.url || !args.address) {
        fail('usage: tern_amqp.js send|receive --url amqp://HOST:PORT --address ADDRESS [--messages JSON] '
            + '[--count N] [--timeout S] [--selector S] [--ack ack|nack|release|modified] [--durable NAME] '
            + '[--client-id ID] [--sole-connection] [--reply] [--user U --password P]');
    }
    args.count = Number(args.count);
    args.timeout = Number(args.timeout);
    return args;
}

function fail(message) {
    process.stderr.write(message + '\n');
    process.exit(1);
}

function toMessage(spec) {
    const message = {durable: true, message_id: 'ID:' + rhea.generate_uuid()};
    if (spec.kind === 'bytes') {
        message.body = rhea.message.data_section(Buffer.from(spec.body, 'base64'));
    } else {
        message.body = spec.body; // a string is an AMQP string, an object an AMQP map
    }
    if (spec.properties) message.application_properties = spec.properties;
    if (spec.priority !== undefined && spec.priority !== null) message.priority = spec.priority;
    return message;
}

function describe(message) {
    let kind;
    let body = message.body;
    if (typeof body === 'string') {
        kind = 'text';
    } else if (body && body.typecode === 0x75) {
        kind = 'bytes';
        body = Buffer.from(body.content).toString('base64');
    } else if (Buffer.isBuffer(body)) {
        kind = 'bytes';
        body = body.toString('base64');
    } else if (body === undefined || body === null) {
        kind = 'none';
    } else if (typeof body === 'object' && !Array.isArray(body)) {
        kind = 'map';
    } else {
        kind = typeof body;
    }
    const deliveryCount = message.delivery_count || 0;
    return {
        kind: kind, body: body, properties: message.application_properties || {},
        priority: message.priority === undefined ? 4 : message.priority, // AMQP's default when the header has none
        message_id: message.message_id === undefined ? null : String(message.message_id),
        redelivered: deliveryCount > 0, delivery_count: deliveryCount + 1, durable: !!message.durable
    };
}

function connectOptions(args) {
    const url = new URL(args.url);
    const options = {host: url.hostname, port: Number(url.port || 5672), reconnect: false};
    if (args.user) {
        options.username = args.user;
        options.password = args.password;
    }
    if (args.clientId) options.container_id = args.clientId;
    if (args.soleConnection) options.desired_capabilities = ['sole-connection-for-container'];
    return options;
}

function send(args) {
    const todo = JSON.parse(args.messages).map(toMessage);
    const container = rhea.create_container();
    let sent = 0;
    let confirmed = 0;
    const timer = setTimeout(() => fail(`timed out: ${confirmed} of ${todo.length} sends confirmed`), args.timeout * 1000);
    container.on('sendable', (context) => {
        while (sent < todo.length && context.sender.sendable()) {
            context.sender.send(todo[sent++]);
        }
    });
    container.on('accepted', (context) => {
        if (++confirmed === todo.length) {
            clearTimeout(timer);
            context.connection.close();
        }
    });
    container.on('rejected', (context) => fail('the broker rejected a message: '
        + JSON.stringify(context.delivery.remote_state)));
    container.on('released', () => fail('the broker released a message'));
    container.on('sender_error', (context) => fail('sender refused: ' + JSON.stringify(context.sender.error)));
    container.on('connection_error', (context) => fail('connection refused: ' + JSON.stringify(context.connection.error)));
    container.on('error', (error) => fail('error: ' + error));
    const connection = container.connect(connectOptions(args));
    connection.open_sender({target: {address: args.address}});
}

function receive(args) {
    const container = rhea.create_container();
    let received = 0;
    let repliesUnsettled = 0;
    let receiver;
    let relay;
    const finishWhenDone = () => {
        if (received >= args.count && repliesUnsettled === 0) finish();
    };
    const finish = () => {
        clearTimeout(timer);
        if (args.durable) receiver.detach(); else receiver.close();
        receiver.connection.close();
    };
    const timer = setTimeout(finish, args.timeout * 1000);
    container.on('receiver_open', () => {
        process.stdout.write(JSON.stringify({ready: true}) + '\n');
        if (args.count === 0) finish();
    });
    container.on('message', (context) => {
        process.stdout.write(JSON.stringify(describe(context.message)) + '\n');
        const delivery = context.delivery;
        if (args.ack === 'ack') delivery.accept();
        else if (args.ack === 'nack') delivery.reject({condition: 'amqp:internal-error', description: 'refused'});
        else if (args.ack === 'release') delivery.release();
        else delivery.modified({delivery_failed: true});
        if (args.reply && context.message.reply_to) {
            repliesUnsettled++;
            relay.send({to: context.message.reply_to, body: 're: ' + describe(context.message).body,
                correlation_id: context.message.message_id, application_properties: {responder: 'node-amqp'},
                durable: true});
        }
        received++;
        finishWhenDone();
    });
    container.on('settled', (context) => {
        if (context.sender === relay) {
            repliesUnsettled--;
            finishWhenDone();
        }
    });
    container.on('rejected', (context) => fail('the broker rejected a reply: '
        + JSON.stringify(context.delivery.remote_state)));
    container.on('receiver_error', (context) => fail('receiver refused: ' + JSON.stringify(context.receiver.error)));
    container.on('connection_error', (context) => fail('connection refused: ' + JSON.stringify(context.connection.error)));
    container.on('error', (error) => fail('error: ' + error));
    const connection = container.connect(connectOptions(args));
    const source = {address: args.address};
    if (args.selector) source.filter = rhea.filter.selector(args.selector);
    if (args.durable) {
        source.durable = 2;
        source.expiry_policy = 'never';
    }
    if (args.reply) relay = connection.open_sender({target: {}}); // the anonymous relay: a target without address
    receiver = connection.open_receiver({
        name: args.durable, source: source, autoaccept: false, credit_window: args.count
    });
}

const arguments_ = parseArgs(process.argv.slice(2));
if (arguments_.mode === 'send') send(arguments_); else receive(arguments_);
