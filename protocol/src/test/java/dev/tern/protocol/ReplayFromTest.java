package dev.tern.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayFromTest {

    @Test
    void readsTheThreeFormsAndWritesThemBack() {
        assertThat(ReplayFrom.parse("beginning")).isEqualTo(ReplayFrom.BEGINNING);
        assertThat(ReplayFrom.parse("BEGINNING").toString()).isEqualTo("beginning");

        ReplayFrom time = ReplayFrom.parse("2026-11-01T00:00:00Z");
        assertThat(time.kind()).isEqualTo(ReplayFrom.Kind.TIMESTAMP);
        assertThat(time.timestamp()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z").toEpochMilli());
        assertThat(ReplayFrom.parse(time.toString())).isEqualTo(time);

        ReplayFrom id = ReplayFrom.parse("ID:host-1-2");
        assertThat(id.kind()).isEqualTo(ReplayFrom.Kind.MESSAGE_ID);
        assertThat(id.messageId()).isEqualTo("ID:host-1-2");
        assertThat(id.toString()).isEqualTo("ID:host-1-2");
    }

    @Test
    void acceptsEpochMilliseconds() {
        assertThat(ReplayFrom.parse("1700000000000")).isEqualTo(ReplayFrom.timestamp(1_700_000_000_000L));
    }

    @Test
    void refusesOtherTextNamingTheForms() {
        assertThatThrownBy(() -> ReplayFrom.parse("yesterday"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beginning").hasMessageContaining("ID:").hasMessageContaining("'yesterday'");
    }

    @Test
    void refusesAnInstantBeyondWhatEpochMillisecondsHoldSayingSo() {
        assertThatThrownBy(() -> ReplayFrom.parse("+1000000000-01-01T00:00:00Z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("replayFrom instant +1000000000-01-01T00:00:00Z is out of range");
        assertThatThrownBy(() -> ReplayFrom.parse("-1000000000-01-01T00:00:00Z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("replayFrom instant -1000000000-01-01T00:00:00Z is out of range");
    }
}
