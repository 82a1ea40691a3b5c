package cn.emcc.command.workflow;

import cn.emcc.dispatch.Capability;
import cn.emcc.dispatch.OrderState;
import cn.emcc.dispatch.PhraseCode;
import cn.emcc.protocols.v1.Agency;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The reasons the dispatch writes read back as phrases for the console; anyone else's words do not. */
class DispatchReasonsTest {

    private static final Instant BY = Instant.parse("2026-11-29T08:05:00Z");

    @Test
    void eachReasonTheDispatchWritesReadsBackAsItsPhrases() {
        assertThat(DispatchReasons.phrasesOf(DispatchReasons.noAcknowledgement(Agency.AGENCY_FIRE, 90)))
                .containsExactly(PhraseCode.WHY_NO_ACKNOWLEDGEMENT.with("AGENCY_FIRE", 90));
        assertThat(DispatchReasons.phrasesOf(DispatchReasons.notEnRoute("E-1", BY)))
                .containsExactly(PhraseCode.WHY_NOT_EN_ROUTE.with("E-1", BY));
        assertThat(DispatchReasons.phrasesOf(DispatchReasons.notOnScene("E-1", BY)))
                .containsExactly(PhraseCode.WHY_NOT_ON_SCENE.with("E-1", BY));
        assertThat(DispatchReasons.phrasesOf(DispatchReasons.releaseUnconfirmed("E-1", Agency.AGENCY_FIRE, BY)))
                .containsExactly(PhraseCode.WHY_RELEASE_UNCONFIRMED.with("E-1", "AGENCY_FIRE", BY));
        assertThat(DispatchReasons.phrasesOf(DispatchReasons.RELEASE_CONFIRMED))
                .containsExactly(PhraseCode.WHY_RELEASE_CONFIRMED.with());
        assertThat(DispatchReasons.phrasesOf(DispatchReasons.releaseRefused("E-1", "still fighting the fire")))
                .containsExactly(PhraseCode.WHY_RELEASE_REFUSED.with("E-1", "still fighting the fire"));
        assertThat(DispatchReasons.phrasesOf(DispatchReasons.releaseSent("火势已控制", Agency.AGENCY_FIRE)))
                .containsExactly(PhraseCode.TEXT.with("火势已控制"), PhraseCode.WHY_RELEASE_SENT.with("AGENCY_FIRE"));
        assertThat(DispatchReasons.phrasesOf(DispatchReasons.nextBest(Capability.RESCUE, "R-1", OrderState.REJECTED)))
                .containsExactly(PhraseCode.WHY_NEXT_BEST.with("RESCUE", "R-1", "REJECTED"));
        assertThat(DispatchReasons.phrasesOf(DispatchReasons.incidentEnded("closed by the officer")))
                .containsExactly(PhraseCode.WHY_INCIDENT_ENDED.with(), PhraseCode.TEXT.with("closed by the officer"));
        assertThat(DispatchReasons.phrasesOf(DispatchReasons.officerMustFind(
                DispatchReasons.noUnitInLimit(Capability.HAZMAT))))
                .containsExactly(PhraseCode.WHY_NO_UNIT_IN_LIMIT.with("HAZMAT"),
                        PhraseCode.WHY_OFFICER_MUST_FIND.with());
        assertThat(DispatchReasons.phrasesOf(DispatchReasons.officerMustFind("the search failed (Timeout)")))
                .containsExactly(PhraseCode.TEXT.with("the search failed (Timeout)"),
                        PhraseCode.WHY_OFFICER_MUST_FIND.with());
    }

    @Test
    void wordsTheDispatchDidNotWriteHaveNoPhrases() {
        assertThat(DispatchReasons.phrasesOf("车辆故障，无法出动")).isEmpty();
        assertThat(DispatchReasons.phrasesOf("")).isEmpty();
        assertThat(DispatchReasons.phrasesOf(null)).isEmpty();
    }
}
