package cn.emcc.command.incident;

import cn.emcc.command.officers.Role;
import cn.emcc.command.testsupport.Await;
import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.TestStore;
import cn.emcc.protocols.client.AgencyClient;
import cn.emcc.protocols.client.Reply;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Casualties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static cn.emcc.command.testsupport.Envelopes.JINAN_LAT;
import static cn.emcc.command.testsupport.Envelopes.JINAN_LON;
import static cn.emcc.command.testsupport.Envelopes.fireAlarm;
import static cn.emcc.protocols.v1.IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An officer's note on an incident, over the real HTTP edge of a running node
 * on H2: a duty officer of the county writes a note and it is on the timeline
 * with who and when; bad notes are refused naming the field and change
 * nothing, as are notes from outside the jurisdiction or from a viewer; a
 * closed incident still takes notes; the notes are still there after the node
 * restarts on the same journal.
 */
class IncidentNoteBehaviourTest {

    static final String OFFICER = "wang.fang@370102";
    static final String CITY_OFFICER = "liu.yang@370100";
    static final String OTHER_COUNTY_OFFICER = "zhou.qiang@370103";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path scratch;

    static Config node(int port) {
        return ConfigFactory.parseString("emcc.http.port = " + port + "\n");
    }

    @Test
    void a_note_shows_on_the_timeline_with_who_and_when_and_bad_notes_change_nothing() throws Exception {
        int port = RunningNode.freePort();
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch)) {
            String incident;
            List<JsonNode> notesBefore;
            try (RunningNode node = RunningNode.start(store, node(port))) {
                incident = fire(node);
                String notes = "/v1/incidents/" + incident + "/notes";
                // Nothing else writes on a new incident's timeline until someone acts (a proposal is made when
                // first asked for), so the timeline read here is the one the refused notes must leave alone.
                List<JsonNode> before = timeline(node, incident);

                // Bad notes: each is refused naming the field, and the timeline stays as it was.
                refused(node.post(notes, OFFICER, "{\"text\":\"\"}"), 400, "text", "was empty");
                refused(node.post(notes, OFFICER, "{\"text\":\"   \\n\\t \"}"), 400, "text", "was empty");
                refused(node.post(notes, OFFICER, "{}"), 400, "text", "text is required");
                refused(node.post(notes, OFFICER, "{\"text\":42}"), 400, "text", "was number");
                refused(node.post(notes, OFFICER, "{\"text\":\"" + "火".repeat(IncidentNotes.MAX_LENGTH + 1) + "\"}"),
                        400, "text", "was " + (IncidentNotes.MAX_LENGTH + 1));
                refused(node.post(notes, OFFICER, "a note"), 400, "body", "not JSON");
                refused(node.post(notes, null, "{\"text\":\"no session\"}"), 401, null, "");
                refused(node.post(notes, OTHER_COUNTY_OFFICER, "{\"text\":\"not mine\"}"), 403, "id", "outside the jurisdiction");
                refused(node.send("POST", notes, node.token("ma.li", Role.VIEWER, "370102"), "{\"text\":\"read only\"}"),
                        403, "role", "VIEWER");
                refused(node.post("/v1/incidents/370102-20260101-999/notes", OFFICER, "{\"text\":\"nowhere\"}"),
                        404, "id", "does not exist");
                assertThat(timeline(node, incident)).as("the timeline after refused notes").isEqualTo(before);

                // A good note, trimmed, from the county; another from the city above, of the longest kind.
                Instant asked = Instant.now();
                JsonNode answer = ok(node.post(notes, OFFICER, "{\"text\":\"  三楼仍有浓烟，物业称两人未撤出  \"}"));
                List<JsonNode> after = list(answer.path("timeline"));
                assertThat(after).hasSize(before.size() + 1).startsWith(before.toArray(JsonNode[]::new));
                JsonNode note = after.get(after.size() - 1);
                assertThat(note.path("what").asText()).isEqualTo("note");
                assertThat(note.path("why").asText()).isEqualTo("三楼仍有浓烟，物业称两人未撤出");
                assertThat(note.path("who").path("kind").asText()).isEqualTo("OFFICER");
                assertThat(note.path("who").path("id").asText()).isEqualTo("wang.fang");
                assertThat(note.path("who").path("jurisdiction").asText()).isEqualTo("370102");
                assertThat(Instant.parse(note.path("at").asText())).isBetween(asked.minusSeconds(1), Instant.now());
                String longest = "烟".repeat(IncidentNotes.MAX_LENGTH);
                ok(node.post(notes, CITY_OFFICER, JSON.writeValueAsString(java.util.Map.of("text", longest))));
                assertThat(last(timeline(node, incident)).path("who").path("id").asText()).isEqualTo("liu.yang");

                // A closed incident still takes notes: the after-action record.
                ok(node.post("/v1/incidents/" + incident + "/status", OFFICER, "{\"to\":\"VERIFIED\",\"why\":\"119 confirmed\"}"));
                ok(node.post("/v1/incidents/" + incident + "/status", OFFICER, "{\"to\":\"CLOSED\",\"why\":\"put out by the caller\"}"));
                JsonNode closed = ok(node.post(notes, OFFICER, "{\"text\":\"cause: a kitchen fire\"}"));
                assertThat(closed.path("status").asText()).isEqualTo("INCIDENT_STATUS_CLOSED");
                assertThat(last(list(closed.path("timeline"))).path("why").asText()).isEqualTo("cause: a kitchen fire");
                notesBefore = notes(timeline(node, incident));
                assertThat(notesBefore).hasSize(3);
            }

            // The notes are events in the journal: after a restart they are all there, as they were.
            try (RunningNode again = RunningNode.start(store, node(port))) {
                assertThat(notes(timeline(again, incident))).isEqualTo(notesBefore);
            }
        }
    }

    /** A 119 building fire at 泉城广场 (历下区 370102), once the read side has it. */
    static String fire(RunningNode node) throws Exception {
        AgencyClient fire = node.client(Agency.AGENCY_FIRE);
        Reply reply = fire.send(fireAlarm(fire, JINAN_LON, JINAN_LAT, INCIDENT_CATEGORY_FIRE_BUILDING,
                Casualties.newBuilder().setCallers(1).build())).get();
        assertThat(reply).isInstanceOf(Reply.Acked.class);
        String incident = ((Reply.Acked) reply).ack().getEffectRef();
        Await.until("the incident is on the read side", Duration.ofSeconds(30),
                () -> node.server().board().get(incident).isPresent());
        return incident;
    }

    static List<JsonNode> timeline(RunningNode node, String incident) throws Exception {
        return list(ok(node.get("/v1/incidents/" + incident)).path("timeline"));
    }

    static List<JsonNode> notes(List<JsonNode> timeline) {
        return timeline.stream().filter(e -> e.path("what").asText().equals("note")).toList();
    }

    static List<String> whats(RunningNode node, String incident) {
        try {
            return timeline(node, incident).stream().map(e -> e.path("what").asText()).toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    static List<JsonNode> list(JsonNode array) {
        assertThat(array.isArray()).as("a timeline array: " + array).isTrue();
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    static JsonNode last(List<JsonNode> timeline) {
        return timeline.get(timeline.size() - 1);
    }

    static JsonNode ok(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static void refused(HttpResponse<String> r, int status, String field, String says) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("reason").asText()).contains(says);
        if (field != null) {
            assertThat(body.path("field").asText()).isEqualTo(field);
        }
    }
}
