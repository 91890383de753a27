package dev.tern.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.net.ProtocolHead;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class AmqpHeadTest {

    @Test
    void theHeadIsFoundByServiceLoaderAsAmqpOnPort5672() {
        assertThat(ServiceLoader.load(ProtocolHead.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(head -> head.name().equals("amqp"))
                .singleElement()
                .satisfies(head -> {
                    assertThat(head).isInstanceOf(AmqpHead.class);
                    assertThat(head.defaultPort()).isEqualTo(5672);
                });
    }
}
