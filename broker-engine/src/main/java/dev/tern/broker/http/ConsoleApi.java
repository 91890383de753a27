package dev.tern.broker.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tern.broker.Broker;
import dev.tern.broker.BrokerException;
import dev.tern.broker.core.MessageQueue;
import dev.tern.broker.core.MessageRef;
import dev.tern.broker.policy.PolicyReport;
import dev.tern.broker.security.ConnectionAccess;
import dev.tern.broker.security.Permission;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.MessageRecord;
import dev.tern.protocol.QueueAction;
import dev.tern.protocol.QueueStatistics;
import dev.tern.protocol.Selectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The web console's JSON API, for a logged-in user with the {@code admin} permission:
 * <ul>
 *   <li>{@code GET /api/queues}: the queues the user administers, with their counters and rates;</li>
 *   <li>{@code GET /api/history?queue=NAME}: the last hour of a queue's depth and rates ({@link QueueHistory});</li>
 *   <li>{@code GET /api/messages?queue=NAME&offset=N&limit=N}: a page of the waiting messages, with
 *   headers, properties and a preview of a text or bytes body ({@link MessageView});</li>
 *   <li>{@code POST /api/actions} with {@code {"queue", "action", "selector", "messageId", "target"}}:
 *   pause, resume, purge, remove, move or retry, answered with how many messages it took; it needs the
 *   header {@value #ACTION_HEADER}, which a page of another site cannot send, so a browser's remembered
 *   credentials cannot be used against the broker from elsewhere;</li>
 *   <li>{@code GET /api/connections} and {@code GET /api/policies}.</li>
 * </ul>
 */
public final class ConsoleApi {

    /** The header every action must carry. */
    public static final String ACTION_HEADER = "X-Tern-Console";
    private static final long ACTION_TIMEOUT_SECONDS = 60;
    private static final int MAX_PAGE = 200;

    private final Broker broker;
    private final QueueHistory history;
    private final ObjectMapper json = new ObjectMapper();

    public ConsoleApi(Broker broker, QueueHistory history) {
        this.broker = broker;
        this.history = history;
    }

    /** Answers a call to {@code /api/...} for a user already logged in. */
    HttpAnswer answer(HttpCall call, ConnectionAccess access) {
        try {
            return switch (call.method() + " " + call.path()) {
                case "GET /api/queues" -> ok(queues(access));
                case "GET /api/history" -> ok(history(call, access));
                case "GET /api/messages" -> ok(messages(call, access));
                case "GET /api/connections" -> ok(connections());
                case "GET /api/policies" -> ok(policies());
                case "POST /api/actions" -> action(call, access);
                default -> HttpAnswer.notFound(call.path());
            };
        } catch (BrokerException e) {
            return HttpAnswer.json(status(e.code()), write(Map.of("error", e.getMessage())));
        }
    }

    private List<Map<String, Object>> queues(ConnectionAccess access) {
        List<Map<String, Object>> queues = new ArrayList<>();
        for (MessageQueue queue : broker.postOffice().queues()) {
            if (!access.allows(Permission.ADMIN, queue.definition().address())) {
                continue;
            }
            QueueStatistics statistics = queue.statistics();
            QueueHistory.Point latest = history.latest(queue.name());
            Map<String, Object> row = new LinkedHashMap<>(json.convertValue(statistics, Map.class));
            row.put("kind", statistics.subscription() ? "subscription" : "queue");
            row.put("inPerSecond", latest == null ? 0 : latest.inPerSecond());
            row.put("outPerSecond", latest == null ? 0 : latest.outPerSecond());
            queues.add(row);
        }
        queues.sort(Comparator.comparing(row -> (String) row.get("name")));
        return queues;
    }

    private Map<String, Object> history(HttpCall call, ConnectionAccess access) {
        MessageQueue queue = administered(call.parameter("queue"), access);
        return Map.of("queue", queue.name(), "resolutionMillis", QueueHistory.RESOLUTION_MILLIS,
                "points", history.points(queue.name()));
    }

    /** The waiting messages, for a user who may administer and browse the queue, as {@code tern browse} needs. */
    private Map<String, Object> messages(HttpCall call, ConnectionAccess access) {
        MessageQueue queue = administered(call.parameter("queue"), access);
        access.check(Permission.BROWSE, broker.postOffice().administeredAs(queue.name()));
        int offset = Math.max(0, number(call, "offset", 0));
        int limit = Math.min(MAX_PAGE, Math.max(1, number(call, "limit", 20)));
        List<MessageRef> waiting = queue.browse();
        List<MessageView> page = new ArrayList<>();
        for (int i = offset; i < Math.min(waiting.size(), offset + limit); i++) {
            MessageRef ref = waiting.get(i);
            page.add(MessageView.of(ref.message().record(), ref.deliveryCount()));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("queue", queue.name());
        answer.put("offset", offset);
        answer.put("total", waiting.size());
        answer.put("messages", page);
        return answer;
    }

    /** For any admin, as {@link ManagementRoutes} lets only admins in. */
    private List<?> connections() {
        return broker.connections();
    }

    private List<?> policies() {
        return PolicyReport.of(broker.policies());
    }

    private HttpAnswer action(HttpCall call, ConnectionAccess access) {
        if (call.header(ACTION_HEADER) == null) {
            return HttpAnswer.text(403, "Actions need the header " + ACTION_HEADER + ".\n");
        }
        JsonNode body;
        try {
            body = json.readTree(call.body());
        } catch (JsonProcessingException e) {
            return HttpAnswer.text(400, "The body is not JSON: " + e.getOriginalMessage() + "\n");
        }
        if (body == null || !body.isObject()) {
            return HttpAnswer.text(400, "The body must be a JSON object.\n");
        }
        String queue = text(body, "queue");
        String action = String.valueOf(text(body, "action"));
        String selector = selector(body);
        String target = text(body, "target");
        if (queue == null) {
            return HttpAnswer.json(400, write(Map.of("error", "The action names no queue.")));
        }
        access.check(Permission.ADMIN, broker.postOffice().administeredAs(queue));
        if (target != null) {
            access.check(Permission.ADMIN, DestinationName.queue(target));
        }
        broker.audit().adminAction(0, access.user().name(), call.from(), "console: queue " + action + " " + queue
                + (target == null ? "" : " to " + target) + (selector == null ? "" : " where " + selector));
        CompletableFuture<Integer> done = switch (action) {
            case "pause" -> broker.queueAdmin().apply(QueueAction.PAUSE, queue, null, null);
            case "resume" -> broker.queueAdmin().apply(QueueAction.RESUME, queue, null, null);
            case "purge" -> broker.queueAdmin().apply(QueueAction.REMOVE, queue, null, null);
            case "remove" -> broker.queueAdmin().apply(QueueAction.REMOVE, queue,
                    required(selector, "remove needs a selector or a messageId"), null);
            case "move" -> broker.queueAdmin().apply(QueueAction.MOVE, queue, selector, target);
            case "retry" -> broker.deadLetterRetry().retry(queue, selector);
            default -> throw new BrokerException(ErrorCode.INVALID_ARGUMENT, "Unknown action '" + action
                    + "'; the actions are pause, resume, purge, remove, move and retry.");
        };
        return ok(Map.of("count", await(done)));
    }

    /** A selector from the body: {@code selector}, or one picking {@code messageId}; null for every message. */
    private static String selector(JsonNode body) {
        String messageId = text(body, "messageId");
        if (messageId != null) {
            return Selectors.ofMessageId(messageId);
        }
        String selector = text(body, "selector");
        return selector == null || selector.isBlank() ? null : selector;
    }

    private static int await(CompletableFuture<Integer> done) {
        try {
            return done.get(ACTION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof BrokerException refused) {
                throw refused;
            }
            throw new BrokerException(ErrorCode.INTERNAL, String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            throw new BrokerException(ErrorCode.INTERNAL, "The action took longer than " + ACTION_TIMEOUT_SECONDS
                    + " s; it goes on in the broker.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException(ErrorCode.INTERNAL, "Interrupted");
        }
    }

    private MessageQueue administered(String name, ConnectionAccess access) {
        MessageQueue queue = name == null ? null : broker.postOffice().queue(name);
        if (queue == null) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "There is no queue " + name + ".");
        }
        access.check(Permission.ADMIN, broker.postOffice().administeredAs(queue.name()));
        return queue;
    }

    private static String required(String value, String message) {
        if (value == null) {
            throw new BrokerException(ErrorCode.INVALID_ARGUMENT, message + ".");
        }
        return value;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static int number(HttpCall call, String name, int otherwise) {
        String value = call.parameter(name);
        try {
            return value == null ? otherwise : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BrokerException(ErrorCode.INVALID_ARGUMENT, name + " must be a number, was '" + value + "'.");
        }
    }

    private static int status(ErrorCode code) {
        return switch (code) {
            case SECURITY -> 403;
            case INVALID_DESTINATION -> 404;
            case INVALID_ARGUMENT, INVALID_SELECTOR -> 400;
            case ILLEGAL_STATE -> 409;
            default -> 500;
        };
    }

    private HttpAnswer ok(Object value) {
        return HttpAnswer.json(200, write(value));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A waiting message as the console shows it.
     *
     * @param text a text body, cut to {@value #PREVIEW_CHARS} characters; null for other types
     * @param bytesHex the first {@value #PREVIEW_BYTES} bytes of a bytes body, in hexadecimal; null for other types
     * @param bodySize the body's size in bytes, as stored
     */
    record MessageView(String messageId, int priority, long timestamp, long expiration, long deliveryTime,
            boolean persistent, int deliveryCount, String correlationId, String type, String replyTo,
            Map<String, Object> properties, String bodyType, int bodySize, String text, String bytesHex) {

        static final int PREVIEW_CHARS = 4_000;
        static final int PREVIEW_BYTES = 256;

        static MessageView of(MessageRecord record, int deliveryCount) {
            byte[] body = record.body() == null ? new byte[0] : record.body();
            return new MessageView(record.messageId(), record.priority(), record.timestamp(), record.expiration(),
                    record.deliveryTime(), record.persistent(), deliveryCount, record.correlationId(), record.type(),
                    record.replyTo() == null ? null : record.replyTo().toString(), record.properties(),
                    record.bodyType().name(), body.length, BodyPreview.text(record), BodyPreview.hex(record));
        }
    }
}
