package dev.tern.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import javax.naming.NamingException;
import javax.naming.Reference;
import javax.naming.Referenceable;
import org.junit.jupiter.api.Test;

/** Factories and destinations survive the two ways a directory stores them: references and serialization. */
class ReferenceAndSerializationTest {

    private static TernConnectionFactory configuredFactory() {
        TernConnectionFactory factory = new TernConnectionFactory("vm://refs?broker.persistent=false&jms.prefetch=7");
        factory.setClientID("client-1");
        factory.setTrustedPackages("java.lang,com.acme");
        factory.setUser("alice");
        factory.setPassword("secret");
        return factory;
    }

    @Test
    void connectionFactoryReferenceRebuildsAnEqualFactory() throws Exception {
        TernConnectionFactory factory = configuredFactory();

        Object rebuilt = fromReference(factory);

        assertThat(rebuilt).isInstanceOf(TernConnectionFactory.class).isEqualTo(factory);
        TernConnectionFactory copy = (TernConnectionFactory) rebuilt;
        assertThat(copy.getClientID()).isEqualTo("client-1");
        assertThat(copy.getUser()).isEqualTo("alice");
        assertThat(copy.properties()).containsEntry("password", "secret").isEqualTo(factory.properties());
    }

    @Test
    void connectionFactorySerializationKeepsSetterSettings() throws Exception {
        TernConnectionFactory factory = configuredFactory();

        TernConnectionFactory copy = roundTrip(factory);

        assertThat(copy).isEqualTo(factory);
        assertThat(copy.getClientID()).isEqualTo("client-1");
        assertThat(copy.getUser()).isEqualTo("alice");
    }

    @Test
    void queuesAndTopicsRoundTripThroughReferencesAndSerialization() throws Exception {
        TernQueue queue = new TernQueue("orders");
        TernTopic topic = new TernTopic("prices");

        assertThat(fromReference(queue)).isEqualTo(queue).isInstanceOf(TernQueue.class);
        assertThat(fromReference(topic)).isEqualTo(topic).isInstanceOf(TernTopic.class);
        assertThat(roundTrip(queue)).isEqualTo(queue);
        assertThat(roundTrip(topic)).isEqualTo(topic);
    }

    @Test
    void referencesKeepDestinationOptions() throws Exception {
        TernQueue pulled = new TernQueue("orders?consumer.prefetchSize=0");

        TernQueue copy = (TernQueue) fromReference(pulled);

        assertThat(copy.getQueueName()).isEqualTo("orders");
        assertThat(copy.getReference().get("name").getContent()).isEqualTo("orders?consumer.prefetchSize=0");
    }

    @Test
    void referencesKeepTheExclusiveOption() throws Exception {
        TernQueue exclusive = new TernQueue("orders?consumer.exclusive=true&consumer.prefetchSize=5");

        TernQueue copy = (TernQueue) fromReference(exclusive);

        assertThat(copy.getQueueName()).isEqualTo("orders");
        assertThat(copy.getReference().get("name").getContent())
                .isEqualTo("orders?consumer.prefetchSize=5&consumer.exclusive=true");
    }

    @Test
    void referencesAndSerializationKeepTheReplayOption() throws Exception {
        TernTopic replaying = new TernTopic("news?consumer.replayFrom=2026-11-01T00:00:00.000Z");

        TernTopic copy = (TernTopic) fromReference(replaying);

        assertThat(copy.getTopicName()).isEqualTo("news");
        assertThat(copy.getReference().get("name").getContent())
                .isEqualTo("news?consumer.replayFrom=2026-11-01T00%3A00%3A00Z");
        assertThat(roundTrip(copy).getReference().get("name").getContent())
                .isEqualTo("news?consumer.replayFrom=2026-11-01T00%3A00%3A00Z");
    }

    @Test
    void aBadReplayOptionIsRefusedNamingTheForms() {
        assertThatThrownBy(() -> new TernTopic("news?consumer.replayFrom=yesterday"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beginning");
    }

    @Test
    void aQueueAndATopicOfTheSameNameDiffer() throws Exception {
        assertThat(fromReference(new TernQueue("same"))).isNotEqualTo(new TernTopic("same"));
    }

    @Test
    void temporaryDestinationsCannotBeReferenced() {
        TernTemporaryQueue temporary = new TernTemporaryQueue("tmp-1", null);

        assertThatThrownBy(temporary::getReference).isInstanceOf(NamingException.class).hasMessageContaining("tmp-1");
    }

    @Test
    void toStringHidesThePassword() {
        TernConnectionFactory factory = new TernConnectionFactory("vm://x?broker.persistent=false");
        factory.setPassword("secret");

        assertThat(factory.toString()).doesNotContain("secret");
    }

    @Test
    void foreignReferencesAreLeftToOtherFactories() throws Exception {
        Reference foreign = new Reference("com.acme.Thing", TernObjectFactory.class.getName(), null);

        assertThat(new TernObjectFactory().getObjectInstance(foreign, null, null, null)).isNull();
        assertThat(new TernObjectFactory().getObjectInstance("not a reference", null, null, null)).isNull();
    }

    @Test
    void invalidReferencesRaiseNamingExceptions() {
        Reference reference = new Reference(TernConnectionFactory.class.getName(), TernObjectFactory.class.getName(), null);
        reference.add(new javax.naming.StringRefAddr("prefetch", "many"));

        assertThatThrownBy(() -> new TernObjectFactory().getObjectInstance(reference, null, null, null))
                .isInstanceOf(NamingException.class).hasMessageContaining("TernConnectionFactory");
    }

    private static Object fromReference(Referenceable object) throws Exception {
        Reference reference = object.getReference();
        assertThat(reference.getFactoryClassName()).isEqualTo(TernObjectFactory.class.getName());
        return new TernObjectFactory().getObjectInstance(reference, null, null, null);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Serializable> T roundTrip(T object) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
