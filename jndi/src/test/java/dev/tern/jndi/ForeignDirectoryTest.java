package dev.tern.jndi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.jms.TernConnectionFactory;
import dev.tern.jms.TernQueue;
import dev.tern.jms.TernTopic;
import java.util.Hashtable;
import org.apache.naming.NamingContext;
import org.junit.jupiter.api.Test;

/**
 * What a Jakarta EE server does with Tern objects: its own directory stores their references and
 * rebuilds them through {@link dev.tern.jms.TernObjectFactory} on lookup.
 */
class ForeignDirectoryTest {

    @Test
    void aPlainDirectoryStoresReferencesAndRebuildsEqualObjects() throws Exception {
        NamingContext directory = new NamingContext(new Hashtable<>(), "server");
        TernConnectionFactory factory = new TernConnectionFactory("vm://ee?broker.persistent=false");
        factory.setClientID("ee-app");
        factory.setUser("app");
        factory.setPassword("secret");

        directory.bind("jms-cf", factory);
        directory.bind("jms-orders", new TernQueue("orders"));
        directory.bind("jms-prices", new TernTopic("prices"));

        Object found = directory.lookup("jms-orders");
        assertThat(found).isEqualTo(new TernQueue("orders")).isInstanceOf(TernQueue.class);
        assertThat(directory.lookup("jms-prices")).isEqualTo(new TernTopic("prices"));
        TernConnectionFactory rebuilt = (TernConnectionFactory) directory.lookup("jms-cf");
        assertThat(rebuilt).isEqualTo(factory).isNotSameAs(factory);
        assertThat(rebuilt.getClientID()).isEqualTo("ee-app");
        assertThat(rebuilt.getUser()).isEqualTo("app");
    }
}
