package cn.emcc.protocols.client;

import cn.emcc.protocols.v1.Envelope;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundLedgerTest {

    private static OutboundLedger.Entry entry(String id) {
        return new OutboundLedger.Entry(Envelope.newBuilder().setMessageId(id).build(), new CompletableFuture<>());
    }

    @Test
    void keepsAtMostMaxInFlightAndAdmitsWaitingInOrderAsAnswersArrive() {
        OutboundLedger ledger = new OutboundLedger(2);

        assertThat(ledger.add(entry("a"))).isTrue();
        assertThat(ledger.add(entry("b"))).isTrue();
        assertThat(ledger.add(entry("c"))).isFalse();
        assertThat(ledger.add(entry("d"))).isFalse();
        assertThat(ledger.admitWaiting()).isEmpty();

        assertThat(ledger.remove("a")).isNotNull();
        assertThat(ledger.admitWaiting()).extracting(OutboundLedger.Entry::messageId).containsExactly("c");
        assertThat(ledger.inFlightInOrder()).extracting(OutboundLedger.Entry::messageId).containsExactly("b", "c");
        assertThat(ledger.waitingCount()).isEqualTo(1);
    }

    @Test
    void aRepeatedAnswerFindsNothingToRemove() {
        OutboundLedger ledger = new OutboundLedger(4);
        ledger.add(entry("a"));

        assertThat(ledger.remove("a")).isNotNull();
        assertThat(ledger.remove("a")).isNull();
        assertThat(ledger.find("a")).isNull();
    }

    @Test
    void drainReturnsInFlightThenWaiting() {
        OutboundLedger ledger = new OutboundLedger(1);
        ledger.add(entry("a"));
        ledger.add(entry("b"));

        assertThat(ledger.drain()).extracting(OutboundLedger.Entry::messageId).containsExactly("a", "b");
        assertThat(ledger.inFlightCount() + ledger.waitingCount()).isZero();
    }
}
