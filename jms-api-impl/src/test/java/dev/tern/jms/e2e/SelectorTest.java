package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/** Message selectors through the JMS API: what each consumer, subscription and browser is given. */
@Timeout(60)
class SelectorTest {

    private static final long RECEIVE_TIMEOUT = 2_000;
    private static final long NOTHING_MORE = 200;

    private TestBroker broker;
    private Connection connection;
    private Session session;

    @BeforeEach
    void start(Transport transport) throws JMSException {
        broker = new TestBroker(transport);
        connection = broker.connection();
        connection.setClientID("selector-test");
        connection.start();
        session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
    }

    @AfterEach
    void stop() throws JMSException {
        connection.close();
        broker.close();
    }

    @TransportTest
    void queueConsumerGetsOnlyMatchingMessagesAndTheRestStayForOthers() throws JMSException {
        Queue queue = session.createQueue("paint");
        sendColours(queue, "red", "blue", "red", "green", "red", "blue");

        MessageConsumer reds = session.createConsumer(queue, "colour = 'red'");
        assertThat(drain(reds)).containsExactly("red-0", "red-2", "red-4");
        reds.close();

        MessageConsumer everything = session.createConsumer(queue);
        assertThat(drain(everything)).containsExactly("blue-1", "green-3", "blue-5");
    }

    @TransportTest
    void competingConsumersWithDisjointSelectorsEachGetTheirOwn() throws JMSException {
        Queue queue = session.createQueue("sorted");
        MessageConsumer reds = session.createConsumer(queue, "colour = 'red'");
        MessageConsumer blues = connection.createSession(Session.AUTO_ACKNOWLEDGE)
                .createConsumer(queue, "colour IN ('blue')");
        sendColours(queue, "blue", "red", "blue", "red", "red");

        assertThat(drain(reds)).containsExactly("red-1", "red-3", "red-4");
        assertThat(drain(blues)).containsExactly("blue-0", "blue-2");
    }

    @TransportTest
    void aNonMatchingBacklogDoesNotHoldBackAMatchingMessageBehindIt() throws JMSException {
        Queue queue = session.createQueue("backlog");
        List<String> colours = new ArrayList<>(Collections.nCopies(500, "grey"));
        colours.add("red");
        sendColours(queue, colours.toArray(String[]::new));

        MessageConsumer reds = session.createConsumer(queue, "colour = 'red'");
        TextMessage red = (TextMessage) reds.receive(RECEIVE_TIMEOUT);
        assertThat(red).isNotNull();
        assertThat(red.getText()).isEqualTo("red-500");
    }

    @TransportTest
    void listenerWithSelectorIsCalledOnlyForMatchingMessages() throws Exception {
        Queue queue = session.createQueue("listened");
        List<String> heard = new CopyOnWriteArrayList<>();
        Session listening = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        listening.createConsumer(queue, "size > 2").setMessageListener(m -> heard.add(text(m)));
        MessageProducer producer = session.createProducer(queue);
        for (int size = 0; size < 6; size++) {
            TextMessage message = session.createTextMessage("size-" + size);
            message.setIntProperty("size", size);
            producer.send(message);
        }
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> heard.size() == 3);
        assertThat(heard).containsExactly("size-3", "size-4", "size-5");
        assertThat(drain(session.createConsumer(queue))).containsExactly("size-0", "size-1", "size-2");
    }

    @TransportTest
    void selectorsReadTheHeadersTheSpecificationAllows() throws JMSException {
        Queue queue = session.createQueue("headers");
        MessageProducer producer = session.createProducer(queue);
        TextMessage typed = session.createTextMessage("typed");
        typed.setJMSType("order");
        typed.setJMSCorrelationID("corr-7");
        producer.send(typed, DeliveryMode.NON_PERSISTENT, 7, 0);
        producer.send(session.createTextMessage("plain"), DeliveryMode.PERSISTENT, 2, 0);

        assertThat(drain(session.createConsumer(queue,
                "JMSType = 'order' AND JMSCorrelationID LIKE 'corr-%' AND JMSPriority > 5"
                        + " AND JMSDeliveryMode = 'NON_PERSISTENT'")))
                .containsExactly("typed");
        assertThat(drain(session.createConsumer(queue,
                "JMSDeliveryMode = 'PERSISTENT' AND JMSTimestamp > 0 AND JMSMessageID LIKE 'ID:%'")))
                .containsExactly("plain");
    }

    @TransportTest
    void anUnknownComparisonUnderNotDoesNotMatch() throws JMSException {
        Queue queue = session.createQueue("unknowns");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("no property"));
        TextMessage withTwo = session.createTextMessage("absent is 3");
        withTwo.setIntProperty("absent", 3);
        producer.send(withTwo);

        assertThat(drain(session.createConsumer(queue, "NOT (absent = 2)"))).containsExactly("absent is 3");
        assertThat(drain(session.createConsumer(queue, "absent IS NULL"))).containsExactly("no property");
    }

    @TransportTest
    void topicSubscriberGetsOnlyTheMessagesItsSelectorPicks() throws JMSException {
        Topic topic = session.createTopic("prices");
        MessageConsumer expensive = session.createConsumer(topic, "price BETWEEN 100 AND 200");
        MessageConsumer all = session.createConsumer(topic);
        sendPrices(topic, 50, 150, 250, 100);

        assertThat(drain(expensive)).containsExactly("price-150", "price-100");
        assertThat(drain(all)).containsExactly("price-50", "price-150", "price-250", "price-100");
    }

    @TransportTest
    void durableSubscriptionKeepsOnlySelectedMessagesWhileOffline() throws JMSException {
        Topic topic = session.createTopic("alerts");
        session.createDurableSubscriber(topic, "high", "price > 100", false).close();
        sendPrices(topic, 10, 500, 20, 700);

        MessageConsumer back = session.createDurableSubscriber(topic, "high", "price > 100", false);
        assertThat(drain(back)).containsExactly("price-500", "price-700");
        back.close();
        session.unsubscribe("high");
    }

    @TransportTest
    void resubscribingWithAnotherSelectorReplacesTheDurableSubscription() throws JMSException {
        Topic topic = session.createTopic("replaced");
        session.createDurableSubscriber(topic, "sub", "price > 100", false).close();
        sendPrices(topic, 500);

        MessageConsumer replaced = session.createDurableSubscriber(topic, "sub", "price < 100", false);
        sendPrices(topic, 10, 900);
        assertThat(drain(replaced)).as("the old subscription's message is gone with it").containsExactly("price-10");
        replaced.close();
        session.unsubscribe("sub");
    }

    @TransportTest
    void sharedSubscriptionsApplyTheirSelector() throws JMSException {
        Topic topic = session.createTopic("shared");
        MessageConsumer shared = session.createSharedConsumer(topic, "cheap", "price < 100");
        sendPrices(topic, 10, 900, 20);
        assertThat(drain(shared)).containsExactly("price-10", "price-20");
    }

    @TransportTest
    void browserWithSelectorShowsOnlyMatchingMessagesAndConsumesNothing() throws JMSException {
        Queue queue = session.createQueue("browsed");
        sendColours(queue, "red", "blue", "red");

        QueueBrowser browser = session.createBrowser(queue, "colour <> 'blue'");
        assertThat(browser.getMessageSelector()).isEqualTo("colour <> 'blue'");
        List<String> seen = new ArrayList<>();
        for (var it = browser.getEnumeration(); it.hasMoreElements(); ) {
            seen.add(text((Message) it.nextElement()));
        }
        browser.close();

        assertThat(seen).containsExactly("red-0", "red-2");
        assertThat(drain(session.createConsumer(queue))).containsExactly("red-0", "blue-1", "red-2");
    }

    @TransportTest
    void invalidSelectorsRaiseInvalidSelectorExceptionNamingTheColumn() throws JMSException {
        Queue queue = session.createQueue("invalid");
        Topic topic = session.createTopic("invalid");

        assertThatThrownBy(() -> session.createConsumer(queue, "colour = "))
                .isInstanceOf(InvalidSelectorException.class).hasMessageContaining("column 10");
        assertThatThrownBy(() -> session.createConsumer(topic, "a = 1 AND"))
                .isInstanceOf(InvalidSelectorException.class).hasMessageContaining("column");
        assertThatThrownBy(() -> session.createDurableSubscriber(topic, "bad", "(x > 1", false))
                .isInstanceOf(InvalidSelectorException.class).hasMessageContaining("column");
        assertThatThrownBy(() -> session.createSharedConsumer(topic, "bad", "x LIKE 5"))
                .isInstanceOf(InvalidSelectorException.class);
        assertThatThrownBy(() -> session.createBrowser(queue, "x BETWEEN 1"))
                .isInstanceOf(InvalidSelectorException.class).hasMessageContaining("column");
    }

    @TransportTest
    void invalidSelectorDoesNotCreateADurableSubscription() throws JMSException {
        Topic topic = session.createTopic("nothing-created");
        assertThatThrownBy(() -> session.createDurableSubscriber(topic, "never", "1 +", false))
                .isInstanceOf(InvalidSelectorException.class);
        assertThatThrownBy(() -> session.unsubscribe("never"))
                .isInstanceOf(jakarta.jms.InvalidDestinationException.class);
    }

    @TransportTest
    void simplifiedApiRaisesInvalidSelectorRuntimeException() {
        try (JMSContext context = broker.factory.createContext()) {
            Queue queue = context.createQueue("invalid");
            assertThatThrownBy(() -> context.createConsumer(queue, "JMSPriority >"))
                    .isInstanceOf(InvalidSelectorRuntimeException.class).hasMessageContaining("column");
            assertThatThrownBy(() -> context.createBrowser(queue, "x IN ()"))
                    .isInstanceOf(InvalidSelectorRuntimeException.class);

            context.createProducer().setProperty("colour", "red").send(queue, "selected");
            assertThat(context.createConsumer(queue, "colour = 'red'").receiveBody(String.class, RECEIVE_TIMEOUT))
                    .isEqualTo("selected");
        }
    }

    private void sendColours(Queue queue, String... colours) throws JMSException {
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < colours.length; i++) {
            TextMessage message = session.createTextMessage(colours[i] + "-" + i);
            message.setStringProperty("colour", colours[i]);
            producer.send(message);
        }
        producer.close();
    }

    private void sendPrices(Topic topic, int... prices) throws JMSException {
        MessageProducer producer = session.createProducer(topic);
        for (int price : prices) {
            TextMessage message = session.createTextMessage("price-" + price);
            message.setIntProperty("price", price);
            producer.send(message);
        }
        producer.close();
    }

    /** Receives until nothing more arrives; waits long for the first message, briefly for the rest. */
    private static List<String> drain(MessageConsumer consumer) throws JMSException {
        List<String> texts = new ArrayList<>();
        Message message = consumer.receive(RECEIVE_TIMEOUT);
        while (message != null) {
            texts.add(text(message));
            message = consumer.receive(NOTHING_MORE);
        }
        return texts;
    }

    private static String text(Message message) {
        try {
            return ((TextMessage) message).getText();
        } catch (JMSException e) {
            throw new AssertionError(e);
        }
    }
}
