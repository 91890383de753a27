package dev.tern.ra;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.resource.spi.InvalidPropertyException;
import org.junit.jupiter.api.Test;

/** {@link TernActivationSpec#validate()} names what is missing or wrong. */
class ActivationSpecValidationTest {

    @Test
    void aQueueByNameIsValid() {
        TernActivationSpec spec = new TernActivationSpec();
        spec.setDestination("orders");
        assertThatCode(spec::validate).doesNotThrowAnyException();
    }

    @Test
    void aDestinationOrALookupIsNeeded() {
        assertThatThrownBy(new TernActivationSpec()::validate).isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("destination").hasMessageContaining("destinationLookup");
    }

    @Test
    void anUnknownDestinationTypeIsNamed() {
        TernActivationSpec spec = new TernActivationSpec();
        spec.setDestination("orders");
        spec.setDestinationType("jakarta.jms.Mailbox");
        assertThatThrownBy(spec::validate).hasMessageContaining("destinationType").hasMessageContaining("Mailbox");
    }

    @Test
    void aDurableSubscriptionNeedsANameAndAClientId() {
        TernActivationSpec spec = new TernActivationSpec();
        spec.setDestination("news");
        spec.setDestinationType("jakarta.jms.Topic");
        spec.setSubscriptionDurability("Durable");
        assertThatThrownBy(spec::validate).hasMessageContaining("subscriptionName").hasMessageContaining("clientId");
    }

    @Test
    void theAdaptersClientIdServesAnUnsharedDurableSubscription() throws Exception {
        TernResourceAdapter adapter = new TernResourceAdapter();
        adapter.setClientId("server-1");
        TernActivationSpec spec = new TernActivationSpec();
        spec.setResourceAdapter(adapter);
        spec.setDestination("news");
        spec.setDestinationType("jakarta.jms.Topic");
        spec.setSubscriptionDurability("Durable");
        spec.setSubscriptionName("reader");
        assertThatCode(spec::validate).doesNotThrowAnyException();
    }

    @Test
    void badModesAndCountsAreNamed() {
        TernActivationSpec spec = new TernActivationSpec();
        spec.setDestination("orders");
        spec.setAcknowledgeMode("Client-acknowledge");
        spec.setSubscriptionDurability("Sometimes");
        spec.setMaxSession(0);
        spec.setReconnectAttempts(-2);
        assertThatThrownBy(spec::validate).hasMessageContaining("acknowledgeMode").hasMessageContaining("Sometimes")
                .hasMessageContaining("maxSession").hasMessageContaining("reconnectAttempts");
    }

    @Test
    void aSharedSubscriptionNeedsAName() {
        TernActivationSpec spec = new TernActivationSpec();
        spec.setDestination("prices");
        spec.setDestinationType("jakarta.jms.Topic");
        spec.setShareSubscriptions(true);
        assertThatThrownBy(spec::validate).hasMessageContaining("shared subscription");
    }

    @Test
    void theAdapterRefusesAnInvalidSpecOnActivation() throws Exception {
        TernResourceAdapter adapter = new TernResourceAdapter();
        try (FakeWorkManager workManager = new FakeWorkManager()) {
            adapter.start(new FakeBootstrapContext(workManager));
            TernActivationSpec spec = new TernActivationSpec();
            spec.setResourceAdapter(adapter);
            assertThatThrownBy(() -> adapter.endpointActivation(new RecordingEndpointFactory(false), spec))
                    .isInstanceOf(InvalidPropertyException.class);
            adapter.stop();
        }
    }
}
