package dev.tern.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.jms.provider.FailoverSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** URLs written for ActiveMQ Classic and Artemis: mapped where Tern has the setting, ignored where not, typos refused. */
class ActiveMqUrlTest {

    @Test
    void theClassicTestUrlKeepsItsMeaningAndNeedsNoWarning() {
        BrokerUrl url = BrokerUrl.parse("vm://localhost?broker.persistent=false&broker.useJmx=false");
        assertThat(url.host()).isEqualTo("localhost");
        assertThat(url.brokerOptions()).isEqualTo(Map.of("persistent", "false"));
        assertThat(warningsOf("vm://localhost?broker.persistent=false&broker.useJmx=false")).isEmpty();
    }

    @Test
    void brokerOptionsWithATernMeaningAreMappedAndTheRestIgnored() {
        BrokerUrl url = BrokerUrl.parse("vm://embedded?broker.dataDirectory=target/amq&broker.useJmx=true"
                + "&broker.schedulerSupport=true&create=false&waitForStart=1000");
        assertThat(url.brokerOptions()).isEqualTo(Map.of("dataDir", "target/amq/embedded"));
        assertThat(ignored(ActiveMqOptionMapper.Kind.VM, "vm://embedded?broker.useJmx=true&broker.schedulerSupport=true"
                + "&create=false&waitForStart=1000"))
                .containsExactly("broker.useJmx", "broker.schedulerSupport", "create", "waitForStart");
    }

    @Test
    void clientOptionsMapToPrefetchAndTrustedPackages() {
        ClientOptions all = options("tcp://host:61616?jms.prefetchPolicy.all=50&jms.useAsyncSend=true");
        assertThat(all.prefetch()).isEqualTo(50);

        ClientOptions queue = options("tcp://host?jms.prefetchPolicy.all=50&jms.prefetchPolicy.queuePrefetch=1");
        assertThat(queue.prefetch()).as("queuePrefetch wins over all").isEqualTo(1);

        ClientOptions explicit = options("tcp://host?jms.prefetchPolicy.all=50&jms.prefetch=7");
        assertThat(explicit.prefetch()).as("Tern's own option wins").isEqualTo(7);

        ClientOptions trusting = options("vm://x?jms.trustAllPackages=true");
        assertThat(trusting.trustedPackages()).isEqualTo(dev.tern.jms.message.TrustedPackages.of("*"));
    }

    @Test
    void transportAndClientOptionsWithoutATernMeaningAreIgnored() {
        String url = "tcp://host:61616?wireFormat.maxInactivityDuration=30000&jms.useAsyncSend=true"
                + "&jms.redeliveryPolicy.maximumRedeliveries=3&connectionTimeout=5000&socket.tcpNoDelay=true"
                + "&transport.keepAlive=true&jms.prefetchPolicy.topicPrefetch=10";
        BrokerUrl parsed = BrokerUrl.parse(url);
        assertThat(parsed.clientOptions()).isEmpty();
        assertThat(ignored(ActiveMqOptionMapper.Kind.TCP, url)).containsExactly("wireFormat.maxInactivityDuration",
                "jms.useAsyncSend", "jms.redeliveryPolicy.maximumRedeliveries", "connectionTimeout",
                "socket.tcpNoDelay", "transport.keepAlive", "jms.prefetchPolicy.topicPrefetch");
    }

    @Test
    void failoverOptionsMapToTernsReconnection() {
        BrokerUrl url = BrokerUrl.parse("failover:(tcp://a:61616,tcp://b:61616)?randomize=false&initialReconnectDelay=50"
                + "&maxReconnectDelay=2000&maxReconnectAttempts=3&timeout=3000&jms.prefetchPolicy.all=20");
        FailoverSettings settings = FailoverSettings.from(url.failoverOptions());
        assertThat(settings.initialReconnectDelayMillis()).isEqualTo(50);
        assertThat(settings.maxReconnectDelayMillis()).isEqualTo(2000);
        assertThat(settings.maxReconnectAttempts()).as("3 rounds over 2 brokers").isEqualTo(6);
        assertThat(url.failoverMembers()).allSatisfy(member -> assertThat(member.clientOptions())
                .containsEntry("prefetch", "20"));

        FailoverSettings constant = FailoverSettings.from(BrokerUrl.parse(
                "failover:(tcp://a:61616)?initialReconnectDelay=250&useExponentialBackOff=false").failoverOptions());
        assertThat(constant.maxReconnectDelayMillis()).isEqualTo(250);
        assertThat(FailoverSettings.from(BrokerUrl.parse("failover:(tcp://a)?maxReconnectAttempts=-1")
                .failoverOptions()).maxReconnectAttempts()).isEqualTo(-1);
    }

    @Test
    void sslHostNameVerificationAndArtemisWindowMap() {
        assertThat(BrokerUrl.parse("ssl://host:61617?socket.verifyHostName=false").clientOptions())
                .containsEntry("verifyHostName", "false");
        assertThat(BrokerUrl.parse("tcp://host?verifyHostName=false").clientOptions()).isEmpty();
        assertThat(options("tcp://host:61616?consumerWindowSize=0&ha=true&reconnectAttempts=-1").prefetch()).isZero();
        assertThat(BrokerUrl.parse("tcp://host?clientID=orders").clientOptions()).containsEntry("clientID", "orders");
    }

    @Test
    void oneWarningPerUrlNamesEveryIgnoredOptionOfEveryMember() {
        List<String> warnings = warningsOf("failover:(tcp://a:61616?wireFormat.maxInactivityDuration=0,"
                + "tcp://b:61616?socket.tcpNoDelay=true)?randomize=true&jms.useAsyncSend=true&jms.password=secret");
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("WARN", "randomize, jms.useAsyncSend, jms.password, "
                + "wireFormat.maxInactivityDuration, socket.tcpNoDelay").doesNotContain("secret");
    }

    @Test
    void typosOfTernOptionsStillFailLoudly() {
        assertThatThrownBy(() -> new TernConnectionFactory("vm://x?jms.prefetc=10"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown client option jms.prefetc");
        assertThatThrownBy(() -> new TernConnectionFactory("tcp://host?jms.prefetchPolicy.al=10"))
                .hasMessageContaining("jms.prefetchPolicy.al");
        assertThatThrownBy(() -> BrokerUrl.parse("failover:(tcp://a)?randomise=false"))
                .hasMessageContaining("Unknown broker URL option 'randomise'");
        assertThatThrownBy(() -> BrokerUrl.parse("failover:(tcp://a)?failover.maxReconectAttempts=1"))
                .hasMessageContaining("failover.maxReconectAttempts");
        assertThatThrownBy(() -> BrokerUrl.parse("tcp://host?prefetch=10"))
                .hasMessageContaining("Unknown broker URL option 'prefetch'");
        assertThat(BrokerUrl.parse("vm://x?broker.persistant=false").brokerOptions())
                .as("passed on: the embedded broker refuses it when it starts")
                .containsEntry("persistant", "false");
    }

    private static ClientOptions options(String url) {
        return ClientOptions.defaults().with(BrokerUrl.parse(url).clientOptions());
    }

    private static List<String> ignored(ActiveMqOptionMapper.Kind kind, String url) {
        Map<String, String> raw = new java.util.LinkedHashMap<>();
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            raw.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return ActiveMqOptionMapper.map(kind, "x", 1, raw).ignored();
    }

    /** The lines slf4j-simple (which looks up System.err on every line) writes while the URL is parsed. */
    private static List<String> warningsOf(String url) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            BrokerUrl.parse(url);
        } finally {
            System.setErr(original);
        }
        return Arrays.stream(captured.toString(StandardCharsets.UTF_8).split("\\R")).filter(l -> !l.isBlank()).toList();
    }
}
