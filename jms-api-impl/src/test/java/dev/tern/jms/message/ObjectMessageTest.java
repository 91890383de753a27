package dev.tern.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ObjectMessageTest {

    /** A class outside the default trusted packages. */
    static final class Parcel implements Serializable {
        private static final long serialVersionUID = 1L;
        final String label;
        final int weight;

        Parcel(String label, int weight) {
            this.label = label;
            this.weight = weight;
        }
    }

    private static final String PARCEL = Parcel.class.getName();

    @Test
    void listOfStringsIsTrustedByDefault() throws Exception {
        ArrayList<String> list = new ArrayList<>(List.of("a", "b"));
        TernObjectMessage sent = Messages.addressed(new TernObjectMessage(TrustedPackages.defaults(), list));

        TernObjectMessage received = Messages.roundTrip(sent);

        assertThat(received.getObject()).isEqualTo(list);
        List<?> body = received.getBody(List.class);
        assertThat(body).isEqualTo(list);
    }

    @Test
    void subpackagesOfATrustedPackageAreTrusted() throws Exception {
        ConcurrentHashMap<String, Integer> map = new ConcurrentHashMap<>(Map.of("k", 1));
        TernObjectMessage message = new TernObjectMessage(TrustedPackages.of("java.lang,java.util"), map);

        assertThat(message.getObject()).isEqualTo(map);
    }

    @Test
    void untrustedClassIsBlockedWithAMessageSayingHowToTrustIt() throws Exception {
        TernObjectMessage sent = Messages.addressed(new TernObjectMessage(TrustedPackages.defaults()));
        sent.setObject(new Parcel("box", 3));
        TernObjectMessage received = Messages.roundTrip(sent);

        assertThatThrownBy(received::getObject)
                .isInstanceOf(MessageFormatException.class)
                .hasMessageContaining(PARCEL)
                .hasMessageContaining("trustedPackages")
                .hasMessageContaining("jms.trustedPackages=")
                .hasMessageContaining("TernConnectionFactory.setTrustedPackages")
                .hasMessageContaining("dev.tern.jms.trustedPackages")
                .hasMessageContaining("dev.tern.jms.message");
        assertThatThrownBy(() -> received.getBody(Serializable.class)).isInstanceOf(MessageFormatException.class);
        assertThat(received.isBodyAssignableTo(Serializable.class)).isFalse();
    }

    @Test
    void trustingThePackageAllowsTheClass() throws Exception {
        TernObjectMessage sent = Messages.addressed(new TernObjectMessage(TrustedPackages.defaults()));
        sent.setObject(new Parcel("box", 3));

        TernObjectMessage received = Messages.roundTrip(sent, 1, TrustedPackages.of("dev.tern"));

        Parcel parcel = (Parcel) received.getObject();
        assertThat(parcel.label).isEqualTo("box");
        assertThat(parcel.weight).isEqualTo(3);
        assertThat(received.isBodyAssignableTo(Parcel.class)).isTrue();
    }

    @Test
    void arrayOfAnUntrustedTypeIsBlocked() throws Exception {
        TernObjectMessage message = new TernObjectMessage(TrustedPackages.defaults(),
                new Parcel[] {new Parcel("a", 1)});

        assertThatThrownBy(message::getObject)
                .isInstanceOf(MessageFormatException.class)
                .hasMessageContaining(PARCEL);
    }

    @Test
    void untrustedClassInsideATrustedCollectionIsBlocked() throws Exception {
        HashMap<String, Object> map = new HashMap<>();
        map.put("parcel", new Parcel("a", 1));
        TernObjectMessage message = new TernObjectMessage(TrustedPackages.defaults(), map);

        assertThatThrownBy(message::getObject).isInstanceOf(MessageFormatException.class).hasMessageContaining(PARCEL);
    }

    @Test
    void primitiveArraysAreAlwaysTrusted() throws Exception {
        TernObjectMessage message = new TernObjectMessage(TrustedPackages.of(""), new int[][] {{1, 2}});

        assertThat((int[][]) message.getObject()).isDeepEqualTo(new int[][] {{1, 2}});
    }

    @Test
    void setObjectStoresACopy() throws Exception {
        ArrayList<String> list = new ArrayList<>(List.of("a"));
        TernObjectMessage message = new TernObjectMessage(TrustedPackages.defaults());
        message.setObject(list);

        list.add("b");

        assertThat(message.getObject()).isEqualTo(List.of("a"));
        assertThat(message.getObject()).isNotSameAs(message.getObject());
    }

    @Test
    void nullObjectRoundTripsAsNull() throws Exception {
        TernObjectMessage sent = Messages.addressed(new TernObjectMessage(TrustedPackages.defaults(), null));

        TernObjectMessage received = Messages.roundTrip(sent);

        assertThat(sent.toRecord().bodySize()).isZero();
        assertThat(received.getObject()).isNull();
        assertThat(received.getBody(Parcel.class)).isNull();
    }

    @Test
    void unserializableObjectIsRejectedOnSet() {
        ArrayList<Object> list = new ArrayList<>();
        list.add(new Object());

        assertThatThrownBy(() -> new TernObjectMessage(TrustedPackages.defaults(), list))
                .isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("java.lang.Object");
    }

    @Test
    void receivedObjectIsReadOnlyUntilClearBody() throws Exception {
        TernObjectMessage received = Messages.roundTrip(
                Messages.addressed(new TernObjectMessage(TrustedPackages.defaults(), "x")));

        assertThatThrownBy(() -> received.setObject("y")).isInstanceOf(MessageNotWriteableException.class);
        received.clearBody();
        assertThat(received.getObject()).isNull();
        received.setObject("y");
        assertThat(received.getObject()).isEqualTo("y");
    }

    @Test
    void withoutAContextClassLoaderTheClientLoaderResolvesClasses() throws Exception {
        TernObjectMessage message = new TernObjectMessage(TrustedPackages.of("dev.tern"), new Parcel("p", 2));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(null);
        try {
            assertThat(message.getObject()).isInstanceOf(Parcel.class);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
