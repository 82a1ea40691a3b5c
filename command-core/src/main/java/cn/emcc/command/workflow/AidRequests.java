package cn.emcc.command.workflow;

import cn.emcc.command.serialization.CborSerializable;
import cn.emcc.dispatch.Capability;
import cn.emcc.dispatch.Phrase;

import java.util.concurrent.CompletionStage;

/**
 * How a confirmation raises mutual aid that the {@link LocalAidRule} found missing (the mutual-aid cycle
 * implements it). Raising is idempotent per incident and capability: while a request for them is open, it is
 * answered instead of a new one.
 */
public interface AidRequests {

    /** A request raised by emcc (or found open) for a confirmation; its note also as a phrase, for the console. */
    record Raised(String requestId, Capability capability, int count, String providingAdcode, String state,
                  String note, Phrase notePhrase) implements CborSerializable {
    }

    CompletionStage<Raised> raise(IncidentFacts facts, LocalAidRule.AidNeed need);
}
