package dev.tern.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScenariosTest {

    @Test
    void namesAreUniqueAndSayTheirTransport() {
        List<String> names = Scenarios.all().stream().map(Scenario::name).toList();
        assertThat(names).doesNotHaveDuplicates();
        assertThat(Scenarios.all()).allSatisfy(s -> assertThat(s.name()).endsWith("-" + s.transport().label()));
    }

    @Test
    void aFilterKeepsScenariosWhoseNamesContainAnyFragment() {
        assertThat(Scenarios.matching(List.of("16p", "request")))
                .extracting(Scenario::name)
                .containsExactly("p2p-persistent-16p-tcp", "p2p-persistent-16p16c-tcp", "p2p-persistent-16p-vm",
                        "p2p-persistent-16p16c-vm", "p2p-persistent-16p-async-tcp", "p2p-persistent-16p-async-vm",
                        "request-reply-tcp");
        assertThat(Scenarios.matching(List.of())).hasSameSizeAs(Scenarios.all());
    }

    @Test
    void theAsyncScenariosSendWithACompletionListenerAndTheOthersDoNot() {
        assertThat(Scenarios.all()).filteredOn(s -> s.sendStyle() == SendStyle.COMPLETION_LISTENER)
                .extracting(Scenario::name)
                .containsExactly("p2p-persistent-16p-async-tcp", "p2p-persistent-16p-async-vm");
    }

    @Test
    void producersAndConsumersRunTogetherOnAPersistentQueueOverVmAndTcp() {
        assertThat(Scenarios.matching(List.of("p4c-", "p16c-"))).extracting(Scenario::name).containsExactly(
                "p2p-persistent-4p4c-tcp", "p2p-persistent-16p16c-tcp", "p2p-persistent-4p4c-vm",
                "p2p-persistent-16p16c-vm", "p2p-persistent-4p4c-amqp");
        assertThat(Scenarios.matching(List.of("16p16c"))).allSatisfy(s -> assertThat(s.persistent()).isTrue());
    }
}
