package dev.tern.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildResultLineTest {

    @Test
    void aResultLineCarriesDeliveriesThreadsAndEveryFigureExactlyAndInOrder() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("msg/s", 13_554.123456789);
        metrics.put("p99.9 us", 0.1 + 0.2);
        metrics.put(ArtemisJournalSetup.TIMEOUT_METRIC, 112.008);
        ScenarioResult result = new ScenarioResult(4_784, 4_783, metrics);

        ChildResultLine.Parsed parsed = ChildResultLine.parse(ChildResultLine.of(result, 2)).orElseThrow();

        assertThat(parsed.result()).isEqualTo(result);
        assertThat(parsed.result().metrics().keySet()).containsExactly("msg/s", "p99.9 us", "journal timeout us");
        assertThat(parsed.threadsLeft()).isEqualTo(2);
    }

    @Test
    void otherLinesAreNoResultAndAnUnsupportedLineGivesItsReason() {
        assertThat(ChildResultLine.parse("INFO InProcessScenarioRun - warm-up")).isEmpty();
        assertThat(ChildResultLine.unsupportedReason(ChildResultLine.unsupported("no\tAMQP\nhere")))
                .contains("no AMQP here");
        assertThat(ChildResultLine.unsupportedReason(ChildResultLine.of(new ScenarioResult(1, 1, Map.of()), 0)))
                .isEmpty();
    }

    @Test
    void aResultLineWithoutItsCountsIsRefused() {
        assertThatThrownBy(() -> ChildResultLine.parse(ChildResultLine.RESULT + "\tm.msg/s=1.0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected");
    }
}
