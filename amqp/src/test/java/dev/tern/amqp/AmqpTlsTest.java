package dev.tern.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.net.TlsSettings;
import jakarta.jms.JMSContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AMQP over TLS on a port with TLS settings, as {@code ssl://} serves the native protocol. */
class AmqpTlsTest extends AmqpBrokerSupport {

    private static final String PASSWORD = "changeit";

    @TempDir
    Path dir;

    @Test
    void qpidJmsSendsAndReceivesOverAmqps() throws Exception {
        Path keyStore = selfSigned(dir.resolve("amqp.p12"));
        startBroker(config -> config.withProtocol("amqp", TcpSettings.onPort(0).withHost("127.0.0.1")
                .withTls(TlsSettings.withKeyStore(keyStore, PASSWORD))));
        JmsConnectionFactory factory = new JmsConnectionFactory("amqps://127.0.0.1:" + amqpPort()
                + "?transport.trustStoreLocation=" + keyStore.toAbsolutePath()
                + "&transport.trustStorePassword=" + PASSWORD + "&jms.requestTimeout=10000");
        try (JMSContext context = factory.createContext()) {
            var queue = context.createQueue("secret-orders");
            context.createProducer().send(queue, "over tls");
            assertThat(context.createConsumer(queue).receiveBody(String.class, 5_000)).isEqualTo("over tls");
        }
    }

    /** A PKCS12 key store with one self-signed certificate for 127.0.0.1, made with the JDK's keytool. */
    private static Path selfSigned(Path file) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "amqp",
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD)).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("keytool did not finish within 60 s");
        }
        if (process.exitValue() != 0) {
            throw new IOException("keytool failed: "
                    + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return file;
    }
}
