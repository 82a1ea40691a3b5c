package cn.emcc.command.incident;

import cn.emcc.command.serialization.CborSerializable;
import cn.emcc.dispatch.Phrase;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One line of an incident's timeline: when, who, what happened, and why. {@code what} and {@code why} are
 * English for the API, logs and other clients; {@code whatPhrase} and {@code whyPhrases} say the same as
 * phrases the console shows in the officer's language. A why a person wrote has no phrases; entries
 * recorded before phrases existed have none either (null phrase, empty list) and are shown in English.
 */
public record TimelineEntry(Instant at, Who who, String what, String why, Phrase whatPhrase,
                            List<Phrase> whyPhrases) implements CborSerializable {

    public TimelineEntry {
        whyPhrases = Phrase.listOrEmpty(whyPhrases);
    }

    /** An entry whose why is a person's words, or needs no words of its own. */
    public TimelineEntry(Instant at, Who who, String what, String why, Phrase whatPhrase) {
        this(at, who, what, why, whatPhrase, List.of());
    }

    /** An entry whose why is one phrase. */
    public TimelineEntry(Instant at, Who who, String what, String why, Phrase whatPhrase, Phrase whyPhrase) {
        this(at, who, what, why, whatPhrase, List.of(whyPhrase));
    }

    /** The same step, phrases or not: a copy recorded before phrases existed is not a new step. */
    public boolean sameStepAs(TimelineEntry other) {
        return Objects.equals(at, other.at) && Objects.equals(who, other.who) && Objects.equals(what, other.what)
                && Objects.equals(why, other.why);
    }
}
