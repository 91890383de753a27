package dev.tern.jndi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSSecurityException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.UUID;
import javax.naming.Context;
import javax.naming.InitialContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Credentials from the JNDI environment or a factory URL become the looked-up factory's defaults. */
@Timeout(60)
class JndiCredentialsTest {

    @TempDir
    Path dir;

    private String brokerUrl;
    private Connection keepAlive;

    @BeforeEach
    void startBrokerWithUsers() throws Exception {
        Path users = Files.writeString(dir.resolve("users.properties"), "alice = secret\n");
        brokerUrl = "vm://jndi-auth-" + UUID.randomUUID().toString().substring(0, 8)
                + "?broker.persistent=false&broker.usersFile=" + users.toAbsolutePath();
        keepAlive = factory(environment(brokerUrl)).createConnection("alice", "secret");
    }

    @AfterEach
    void stopBroker() throws Exception {
        keepAlive.close();
    }

    private static Hashtable<String, Object> environment(String url) {
        Hashtable<String, Object> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, TernInitialContextFactory.class.getName());
        environment.put(Context.PROVIDER_URL, url);
        return environment;
    }

    private static ConnectionFactory factory(Hashtable<String, Object> environment) throws Exception {
        return (ConnectionFactory) new InitialContext(environment).lookup("ConnectionFactory");
    }

    @Test
    void securityPrincipalAndCredentialsAreTheFactoryDefaults() throws Exception {
        Hashtable<String, Object> environment = environment(brokerUrl);
        environment.put(Context.SECURITY_PRINCIPAL, "alice");
        environment.put(Context.SECURITY_CREDENTIALS, "secret");

        try (Connection connection = factory(environment).createConnection()) {
            assertThat(connection.getMetaData().getJMSProviderName()).isNotBlank();
        }
    }

    @Test
    void artemisUserAndPasswordOptionsAreTheFactoryDefaults() throws Exception {
        Hashtable<String, Object> environment = environment(brokerUrl);
        environment.put("connectionFactory.Secure", brokerUrl + "&user=alice&password=secret");

        ConnectionFactory factory = (ConnectionFactory) new InitialContext(environment).lookup("Secure");

        try (Connection connection = factory.createConnection()) {
            assertThat(connection).isNotNull();
        }
    }

    @Test
    void wrongCredentialsAreRefused() throws Exception {
        Hashtable<String, Object> environment = environment(brokerUrl);
        environment.put(Context.SECURITY_PRINCIPAL, "alice");
        environment.put(Context.SECURITY_CREDENTIALS, "wrong");

        ConnectionFactory factory = factory(environment);

        assertThatThrownBy(factory::createConnection).isInstanceOf(JMSSecurityException.class);
    }
}
