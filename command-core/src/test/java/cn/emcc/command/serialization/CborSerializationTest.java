package cn.emcc.command.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.emcc.command.EmccConfig;
import cn.emcc.command.incident.TimelineEntry;
import cn.emcc.command.incident.Who;
import cn.emcc.command.mutualaid.MutualAidActor;
import cn.emcc.dispatch.Capability;
import cn.emcc.dispatch.MutualAidRequest;
import cn.emcc.dispatch.Phrase;
import cn.emcc.command.testsupport.EmccTestConfig;
import cn.emcc.dispatch.PhraseCode;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.jackson.JacksonCborSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Messages and events behind CborSerializable use Jackson CBOR; Java serialization is refused. */
class CborSerializationTest {

    record SampleEvent(String incidentId, int count, Instant at, List<String> notes) implements CborSerializable {
    }

    record NotBound(String value) implements Serializable {
    }

    /** A timeline entry as it was stored before entries carried phrases. */
    record EntryBeforePhrases(Instant at, Who who, String what, String why) implements CborSerializable {
    }

    /** A mutual-aid request's first event as it was stored before emcc's notes had phrases. */
    record AidRequestedBeforePhrases(String requestId, Instant at, MutualAidRequest request, String unitType,
                                     String note, Who by) implements CborSerializable {
    }

    private static ActorTestKit testKit;
    private static Serialization serialization;

    @BeforeAll
    static void start() {
        testKit = ActorTestKit.create(EmccConfig.ACTOR_SYSTEM_NAME, EmccConfig.load(EmccTestConfig.layer()));
        serialization = SerializationExtension.get(testKit.system().classicSystem());
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    @Test
    void aCborSerializableValueIsWrittenWithJacksonCborAndReadBackEqual() {
        SampleEvent event = new SampleEvent("370102-0001", 3, Instant.parse("2026-11-29T08:00:00Z"), List.of("a", "b"));

        Serializer serializer = serialization.findSerializerFor(event);
        byte[] bytes = serialization.serialize(event).get();
        Object back = serialization.deserialize(bytes, serializer.identifier(), SampleEvent.class.getName()).get();

        assertThat(serializer).isInstanceOf(JacksonCborSerializer.class);
        assertThat(serializer.identifier()).isEqualTo(33);
        assertThat(back).isEqualTo(event);
    }

    @Test
    void aTimelineEntryKeepsItsPhrasesAndOneStoredBeforePhrasesReadsBackWithNone() {
        Instant at = Instant.parse("2026-11-29T08:00:00Z");
        TimelineEntry entry = new TimelineEntry(at, Who.SYSTEM, "order O-1: E-1 accepted", "",
                PhraseCode.ORDER_ACCEPTED.with("O-1", "E-1"), List.of(PhraseCode.WHY_CONFIRMED.with()));
        Serializer serializer = serialization.findSerializerFor(entry);

        Object back = serialization.deserialize(serialization.serialize(entry).get(), serializer.identifier(),
                TimelineEntry.class.getName()).get();
        Object old = serialization.deserialize(serialization.serialize(
                        new EntryBeforePhrases(at, Who.SYSTEM, "order O-1: E-1 accepted", "")).get(),
                serializer.identifier(), TimelineEntry.class.getName()).get();

        assertThat(back).isEqualTo(entry);
        assertThat(old).isEqualTo(new TimelineEntry(at, Who.SYSTEM, "order O-1: E-1 accepted", "", null));
        assertThat(((TimelineEntry) old).whyPhrases()).isEmpty();
        assertThat(((TimelineEntry) old).sameStepAs(entry)).as("the same step, with or without phrases").isTrue();
    }

    @Test
    void aMutualAidRequestKeepsItsNotePhraseAndOneStoredBeforeNotePhrasesReadsBackWithNone() {
        Instant at = Instant.parse("2026-11-29T08:00:00Z");
        MutualAidRequest request = MutualAidRequest.request("MA-0123456789ab", "370102-0001", "370102", "370100",
                Capability.FIRE_SUPPRESSION, 2, at);
        String note = "FIRE_SUPPRESSION ×2: best own-county ETA 25 min > 15 min";
        Phrase phrase = PhraseCode.AID_WHY_OWN_TOO_LATE.with("FIRE_SUPPRESSION", 2, 25, 900);
        MutualAidActor.AidRequested event = new MutualAidActor.AidRequested(request.requestId(), at, request, "",
                note, phrase, Who.SYSTEM);
        Serializer serializer = serialization.findSerializerFor(event);

        Object back = serialization.deserialize(serialization.serialize(event).get(), serializer.identifier(),
                MutualAidActor.AidRequested.class.getName()).get();
        Object old = serialization.deserialize(serialization.serialize(new AidRequestedBeforePhrases(
                        request.requestId(), at, request, "", note, Who.SYSTEM)).get(),
                serializer.identifier(), MutualAidActor.AidRequested.class.getName()).get();

        assertThat(back).isEqualTo(event);
        assertThat(old).as("the English note kept, no phrase").isEqualTo(new MutualAidActor.AidRequested(
                request.requestId(), at, request, "", note, null, Who.SYSTEM));
    }

    @Test
    void javaSerializationIsOff() {
        assertThatThrownBy(() -> serialization.serialize(new NotBound("x")).get())
                .hasMessageContaining("Java serialization");
    }
}
