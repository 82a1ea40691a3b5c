package cn.emcc.dispatch;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MutualAidRequestTest {

    private static final Instant T = Instant.parse("2026-07-12T08:00:00Z");

    private static MutualAidRequest requested() {
        return MutualAidRequest.request("MA-1", "INC-1", "370102", "370112", Capability.AERIAL_LADDER, 2, T);
    }

    private static MutualAidRequest done(MutualAidRequest.Step step) {
        assertThat(step).isInstanceOf(MutualAidRequest.Step.Done.class);
        return ((MutualAidRequest.Step.Done) step).request();
    }

    private static String refusal(MutualAidRequest.Step step) {
        assertThat(step).isInstanceOf(MutualAidRequest.Step.Refused.class);
        return ((MutualAidRequest.Step.Refused) step).reason();
    }

    @Test
    void requestCommitRelease() {
        MutualAidRequest committed = done(requested().commit(List.of("F-370112-1-AL1"), T.plusSeconds(60)));
        assertThat(committed.state()).isEqualTo(MutualAidState.COMMITTED);
        assertThat(committed.committedUnitIds()).containsExactly("F-370112-1-AL1");
        assertThat(committed.shortfall()).isEqualTo(1);

        MutualAidRequest released = done(committed.release(T.plusSeconds(3600)));
        assertThat(released.state()).isEqualTo(MutualAidState.RELEASED);
        assertThat(released.changedAt()).isEqualTo(T.plusSeconds(3600));
        assertThat(refusal(released.release(T))).contains("it is RELEASED");
    }

    @Test
    void aDeclinedRequestKeepsItsReasonAndCannotBeCommitted() {
        MutualAidRequest declined = done(requested().decline("both ladders at another fire", T));
        assertThat(declined.remark()).isEqualTo("both ladders at another fire");
        assertThat(declined.state().isFinal()).isTrue();
        assertThat(refusal(declined.commit(List.of("X"), T))).contains("only a REQUESTED request can be committed");
    }

    @Test
    void aCommitMustNameBetweenOneAndCountDistinctUnits() {
        assertThat(refusal(requested().commit(List.of(), T))).contains("expected 1..2 distinct unit ids");
        assertThat(refusal(requested().commit(List.of("A", "B", "C"), T))).contains("names [A, B, C]");
        assertThat(refusal(requested().commit(List.of("A", "A"), T))).contains("distinct");
        assertThat(refusal(requested().release(T))).contains("only COMMITTED units can be released");
    }

    @Test
    void aJurisdictionCannotAskItself() {
        assertThatThrownBy(() -> MutualAidRequest.request("MA-2", "INC-1", "370102", "370102",
                Capability.RESCUE, 1, T)).hasMessageContaining("aid to itself");
    }
}
