package dev.tern.jndi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.jms.TernConnectionFactory;
import dev.tern.jms.TernQueue;
import dev.tern.jms.TernTopic;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnectionFactory;
import java.util.Hashtable;
import java.util.UUID;
import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Lookups in the ActiveMQ Classic and Artemis conventions, and messaging through what they return. */
@Timeout(60)
class JndiLookupTest {

    private final String broker = "jndi-" + UUID.randomUUID().toString().substring(0, 8);
    private final String brokerUrl = "vm://" + broker + "?broker.persistent=false";

    private static InitialContext context(Hashtable<String, Object> environment) throws NamingException {
        environment.put(Context.INITIAL_CONTEXT_FACTORY, TernInitialContextFactory.class.getName());
        return new InitialContext(environment);
    }

    private Hashtable<String, Object> classic() {
        Hashtable<String, Object> environment = new Hashtable<>();
        environment.put(Context.PROVIDER_URL, brokerUrl);
        environment.put("queue.jms/orders", "orders");
        environment.put("topic.prices", "market.prices");
        return environment;
    }

    @Test
    void classicConventionBindsTheDefaultFactoriesAndTheDestinations() throws Exception {
        InitialContext context = context(classic());

        assertThat(context.lookup("ConnectionFactory")).isInstanceOf(ConnectionFactory.class);
        assertThat(context.lookup("QueueConnectionFactory")).isInstanceOf(QueueConnectionFactory.class);
        assertThat(context.lookup("TopicConnectionFactory")).isInstanceOf(TopicConnectionFactory.class);
        assertThat(((TernConnectionFactory) context.lookup("ConnectionFactory")).getBrokerURL()).isEqualTo(brokerUrl);
        assertThat(context.lookup("jms/orders")).isEqualTo(new TernQueue("orders"));
        assertThat(((Topic) context.lookup("prices")).getTopicName()).isEqualTo("market.prices");
    }

    @Test
    void connectionFactoryNamesReplacesTheDefaults() throws NamingException {
        Hashtable<String, Object> environment = classic();
        environment.put("connectionFactoryNames", " Orders , Billing");
        InitialContext context = context(environment);

        assertThat(context.lookup("Orders")).isInstanceOf(TernConnectionFactory.class);
        assertThat(context.lookup("Billing")).isInstanceOf(TernConnectionFactory.class);
        assertThatThrownBy(() -> context.lookup("ConnectionFactory")).isInstanceOf(NameNotFoundException.class);
    }

    @Test
    void sendsAndReceivesThroughLookedUpObjects() throws Exception {
        InitialContext context = context(classic());
        ConnectionFactory factory = (ConnectionFactory) context.lookup("ConnectionFactory");
        Queue queue = (Queue) context.lookup("jms/orders");
        Topic topic = (Topic) context.lookup("prices");

        try (JMSContext jms = factory.createContext()) {
            JMSConsumer topicConsumer = jms.createConsumer(topic);
            jms.createProducer().send(queue, "order 42");
            jms.createProducer().send(topic, "price 7");

            assertThat(jms.createConsumer(queue).receiveBody(String.class, 5_000)).isEqualTo("order 42");
            assertThat(topicConsumer.receiveBody(String.class, 5_000)).isEqualTo("price 7");
        }
    }

    @Test
    void dynamicNamesMakeDestinationsOnTheFly() throws Exception {
        InitialContext context = context(classic());

        assertThat(context.lookup("dynamicQueues/audit")).isEqualTo(new TernQueue("audit"));
        assertThat(context.lookup("dynamicTopics/news/sport")).isEqualTo(new TernTopic("news/sport"));

        ConnectionFactory factory = (ConnectionFactory) context.lookup("ConnectionFactory");
        Queue audit = (Queue) context.lookup("dynamicQueues/audit");
        try (JMSContext jms = factory.createContext()) {
            jms.createProducer().send(audit, "checked");
            assertThat(jms.createConsumer(audit).receiveBody(String.class, 5_000)).isEqualTo("checked");
        }
    }

    @Test
    void unknownNamesAreNotFound() throws NamingException {
        InitialContext context = context(classic());

        assertThatThrownBy(() -> context.lookup("NoSuchThing")).isInstanceOf(NameNotFoundException.class);
        assertThatThrownBy(() -> context.lookup("jms/nothing")).isInstanceOf(NameNotFoundException.class);
    }

    @Test
    void eachLookupRebuildsAnEqualFactoryFromItsReference() throws NamingException {
        InitialContext context = context(classic());

        Object first = context.lookup("ConnectionFactory");
        Object second = context.lookup("ConnectionFactory");

        assertThat(first).isEqualTo(second).isNotSameAs(second);
    }

    @Test
    void artemisConventionTakesClientIdAndTypeFromTheUrl() throws Exception {
        Hashtable<String, Object> environment = new Hashtable<>();
        environment.put("connectionFactory.Reporting", brokerUrl + "&clientID=reporting&type=TOPIC_CF&ha=true");
        environment.put("queue.orders", "orders");
        InitialContext context = context(environment);

        TernConnectionFactory factory = (TernConnectionFactory) context.lookup("Reporting");

        assertThat(factory.getClientID()).isEqualTo("reporting");
        assertThat(factory.getBrokerURL()).isEqualTo(brokerUrl);
        assertThatThrownBy(() -> context.lookup("ConnectionFactory")).isInstanceOf(NameNotFoundException.class);
        try (JMSContext jms = factory.createContext()) {
            assertThat(jms.getClientID()).isEqualTo("reporting");
            Queue orders = (Queue) context.lookup("orders");
            jms.createProducer().send(orders, "via artemis names");
            assertThat(jms.createConsumer(orders).receiveBody(String.class, 5_000)).isEqualTo("via artemis names");
        }
    }

    @Test
    void ternClientOptionsPassThroughFactoryUrls() throws NamingException {
        Hashtable<String, Object> environment = new Hashtable<>();
        environment.put("connectionFactory.Tern", brokerUrl + "&jms.clientID=native");

        TernConnectionFactory factory = (TernConnectionFactory) context(environment).lookup("Tern");

        assertThat(factory.getClientID()).isEqualTo("native");
    }

    @Test
    void xaFactoryTypesGiveTheFactoryThatIsAlsoAnXaFactoryAndUnknownTypesAreRefused() throws Exception {
        Hashtable<String, Object> environment = new Hashtable<>();
        environment.put("connectionFactory.Xa", brokerUrl + "&type=XA_CF");

        Object factory = context(environment).lookup("Xa");
        assertThat(factory).isInstanceOf(jakarta.jms.XAConnectionFactory.class);
        try (jakarta.jms.XAConnection connection = ((jakarta.jms.XAConnectionFactory) factory).createXAConnection()) {
            assertThat(connection.createXASession().getXAResource()).isNotNull();
        }

        Hashtable<String, Object> unknown = new Hashtable<>();
        unknown.put("connectionFactory.Odd", brokerUrl + "&type=UDP_CF");
        assertThatThrownBy(() -> context(unknown)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("connectionFactory.Odd").hasMessageContaining("UDP_CF");
    }

    @Test
    void badFactoryUrlsNameTheirProperty() {
        Hashtable<String, Object> environment = new Hashtable<>();
        environment.put(Context.PROVIDER_URL, "carrier-pigeon://loft");

        assertThatThrownBy(() -> context(environment)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(Context.PROVIDER_URL);
    }
}
