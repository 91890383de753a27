package dev.tern.tck.joram;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.BrokerException;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jndi.TernInitialContextFactory;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.objectweb.jtests.jms.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JORAM's view of Tern: binds what a test creates in a Tern JNDI context, and deletes destinations on
 * the broker with their messages, so that nothing one test leaves behind reaches the next.
 *
 * <p>All tests share one in-memory embedded broker, {@value #BROKER}, pinned so that it outlives the
 * connections of each test, and stops with the JVM. The system property {@value #TRANSPORT_PROPERTY}
 * chooses how the tests reach it: {@code vm} (the default) or {@code tcp}, on a free local port.
 */
public final class TernJoramAdmin implements Admin {

    static final String BROKER = "joram";
    static final String TRANSPORT_PROPERTY = "tern.joram.transport";
    private static final Logger LOG = LoggerFactory.getLogger(TernJoramAdmin.class);
    private static String url;

    /** JNDI properties of what the tests have created, in the jndi module's conventions. */
    private final Map<String, String> bindings = new ConcurrentHashMap<>();

    @Override
    public String getName() {
        return "Tern";
    }

    @Override
    public Context createContext() throws NamingException {
        Hashtable<String, Object> environment = new Hashtable<>(bindings);
        environment.put(Context.INITIAL_CONTEXT_FACTORY, TernInitialContextFactory.class.getName());
        environment.put(Context.PROVIDER_URL, url());
        return new InitialContext(environment);
    }

    @Override
    public void createConnectionFactory(String name) {
        bindings.put("connectionFactory." + name, url());
    }

    @Override
    public void createQueueConnectionFactory(String name) {
        createConnectionFactory(name);
    }

    @Override
    public void createTopicConnectionFactory(String name) {
        createConnectionFactory(name);
    }

    /** Binds the name; the broker makes the queue on first use. */
    @Override
    public void createQueue(String name) {
        bindings.put("queue." + name, name);
    }

    /** Binds the name; a topic exists on the broker as its subscriptions. */
    @Override
    public void createTopic(String name) {
        bindings.put("topic." + name, name);
    }

    @Override
    public void deleteQueue(String name) {
        bindings.remove("queue." + name);
        try {
            broker().deleteQueue(name);
        } catch (BrokerException e) {
            LOG.warn("Could not delete queue {}: {}", name, e.getMessage());
        }
    }

    @Override
    public void deleteTopic(String name) {
        bindings.remove("topic." + name);
        try {
            broker().deleteTopic(name);
        } catch (BrokerException e) {
            LOG.warn("Could not delete topic {}: {}", name, e.getMessage());
        }
    }

    @Override
    public void deleteConnectionFactory(String name) {
        bindings.remove("connectionFactory." + name);
    }

    @Override
    public void deleteQueueConnectionFactory(String name) {
        deleteConnectionFactory(name);
    }

    @Override
    public void deleteTopicConnectionFactory(String name) {
        deleteConnectionFactory(name);
    }

    @Override
    public void startServer() {
        broker();
    }

    @Override
    public void stopServer() {
        // JORAM calls this after every test; the broker is kept for the next one and stops with the JVM.
    }

    @Override
    public void start() {
        broker();
    }

    @Override
    public void stop() {
        // Nothing to release per test: contexts are in memory and the tests close their connections.
    }

    private static synchronized Broker broker() {
        Broker running = EmbeddedBrokers.find(BROKER).filter(broker -> !broker.isClosed()).orElse(null);
        if (running != null) {
            return running;
        }
        BrokerConfig config = BrokerConfig.named(BROKER).withPersistent(false);
        boolean tcp = "tcp".equals(System.getProperty(TRANSPORT_PROPERTY, "vm"));
        if (tcp) {
            config = config.withTcp(TcpSettings.onPort(0).withHost("127.0.0.1"));
        }
        Broker broker = EmbeddedBrokers.start(config);
        url = tcp ? "tcp://127.0.0.1:" + broker.tcpPort() : "vm://" + BROKER;
        LOG.info("JORAM tests reach broker {} at {}", BROKER, url);
        return broker;
    }

    private static String url() {
        broker();
        return url;
    }
}
