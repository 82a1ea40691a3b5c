package cn.emcc.command.audit;

import static cn.emcc.command.testsupport.Envelopes.JINAN_LAT;
import static cn.emcc.command.testsupport.Envelopes.JINAN_LON;
import static cn.emcc.command.testsupport.Envelopes.fireAlarm;
import static org.assertj.core.api.Assertions.assertThat;

import cn.emcc.command.http.Json;
import cn.emcc.command.officers.Role;
import cn.emcc.command.testsupport.Await;
import cn.emcc.command.testsupport.CassandraAvailable;
import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.TestStore;
import cn.emcc.protocols.client.AgencyClient;
import cn.emcc.protocols.client.Reply;
import cn.emcc.protocols.trust.AgencyHandshake;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Casualties;
import cn.emcc.protocols.v1.IncidentCategory;
import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One of each kind of action by a person or an agency system, over the real
 * sockets of a real node, and the audit entry each leaves: who, role,
 * jurisdiction, what, target, from where and how it ended. Logins name the
 * username tried and why a refusal (never the password); account creation
 * names the new account; actions whose object is in the body name it; a
 * refused agency handshake names the key id it claimed, as an unverified claim.
 * The province ADMIN sees every entry; the COMMANDER of 济南 (370100) sees
 * those of 济南 and its counties and none of 青岛 (370200) nor of the province.
 */
@ExtendWith(CassandraAvailable.class)
class OfficerActionAuditTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String LOGIN = "http POST /v1/session";
    private static final String LOCAL = "127.0.0.1";

    /** What one action must have left in the log, {@code times} times. */
    private record Expected(String what, String who, String role, String adcode, String action, String target,
                            String outcome, String code, int times) {

        boolean matches(JsonNode e) {
            return e.path("action").asText().equals(action) && e.path("target").asText().equals(target)
                    && e.path("code").asText().equals(code) && e.path("who").asText().equals(who);
        }

        boolean insideJinan() {
            return adcode.startsWith("3701");
        }
    }

    @TempDir
    Path scratch;

    private final HttpClient http = HttpClient.newHttpClient();

    private static RunningNode start(TestStore store) {
        // Three wrong passwords lock an account; five failed logins lock the address out.
        return RunningNode.start(store, ConfigFactory.parseString("emcc.audit.anchor-every = 200ms\n"
                + "emcc.officers.lockout.max-failures = 3\n"
                + "emcc.officers.address-backoff.max-failures = 5"));
    }

    @ParameterizedTest
    @EnumSource(JournalUnderTest.class)
    void every_kind_of_action_is_recorded_with_who_role_jurisdiction_what_target_from_and_result(
            JournalUnderTest journal) throws Exception {
        try (TestStore store = journal.freshStore(scratch); RunningNode node = start(store)) {
            List<Expected> expected = new ArrayList<>();

            // Sessions first: once the failed logins below lock 127.0.0.1 out, nobody logs in from it.
            String auditor = node.token("auditor", Role.ADMIN, "370000");
            String commander = node.token("jinan.commander", Role.COMMANDER, "370100");
            String admin = node.token("jinan.admin", Role.ADMIN, "370100");
            String duty = node.token("lixia.duty", Role.DUTY_OFFICER, "370102");
            String ending = node.freshToken("lixia.duty", Role.DUTY_OFFICER, "370102");
            String qingdao = node.token("qingdao.duty", Role.DUTY_OFFICER, "370202");
            node.token("lixia.victim", Role.DUTY_OFFICER, "370102");
            expected.add(new Expected("login", "lixia.victim", "DUTY_OFFICER", "370102", LOGIN, "lixia.victim",
                    "ALLOWED", "200 SUCCESS", 1));

            // Logout.
            assertStatus(node.send("DELETE", "/v1/session", ending, null), 204);
            expected.add(new Expected("logout", "lixia.duty", "DUTY_OFFICER", "370102", "http DELETE /v1/session",
                    "lixia.duty", "ALLOWED", "204", 1));

            // Account administration by the city's admin.
            assertStatus(node.send("POST", "/v1/officers", admin, "{\"username\":\"new.jinan\",\"display_name\":"
                    + "\"New\",\"role\":\"DUTY_OFFICER\",\"adcode\":\"370102\"}"), 201);
            expected.add(new Expected("account create", "jinan.admin", "ADMIN", "370100",
                    "http POST /v1/officers role=DUTY_OFFICER adcode=370102", "new.jinan", "ALLOWED", "201", 1));
            String oneTime = Json.MAPPER.readTree(assertStatus(node.send("POST", "/v1/officers/new.jinan/reset-password",
                    admin, null), 200).body()).path("one_time_password").asText();
            assertThat(oneTime).isNotEmpty();
            expected.add(new Expected("account reset", "jinan.admin", "ADMIN", "370100",
                    "http POST /v1/officers/{}/reset-password", "new.jinan", "ALLOWED", "200", 1));
            assertStatus(node.send("POST", "/v1/officers/new.jinan/disable", admin, null), 200);
            expected.add(new Expected("account disable", "jinan.admin", "ADMIN", "370100",
                    "http POST /v1/officers/{}/disable", "new.jinan", "ALLOWED", "200", 1));

            // An incident in 历下 (370102) and what its duty officer does with it.
            AgencyClient fire = node.client(Agency.AGENCY_FIRE);
            Reply reply = fire.send(fireAlarm(fire, JINAN_LON, JINAN_LAT, IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING,
                    Casualties.newBuilder().setCallers(1).build())).get();
            assertThat(reply).isInstanceOf(Reply.Acked.class);
            String incident = ((Reply.Acked) reply).ack().getEffectRef();
            Await.until("the incident is on the read side", PATIENCE,
                    () -> node.server().board().get(incident).isPresent());
            assertThat(node.server().board().get(incident).orElseThrow().countyAdcode()).isEqualTo("370102");
            String i = "/v1/incidents/" + incident;

            assertStatus(node.send("GET", i, duty, null), 200);
            expected.add(new Expected("read", "lixia.duty", "DUTY_OFFICER", "370102", "http GET /v1/incidents/{}",
                    incident, "ALLOWED", "200", 1));
            assertStatus(node.send("POST", i + "/status", duty, "{\"to\":\"VERIFIED\",\"why\":\"patrol on site\"}"), 200);
            expected.add(new Expected("status change", "lixia.duty", "DUTY_OFFICER", "370102",
                    "http POST /v1/incidents/{}/status to=VERIFIED", incident, "ALLOWED", "200", 1));
            assertStatus(node.send("POST", i + "/grade", duty, "{\"grade\":\"III\",\"why\":\"three casualties\"}"), 200);
            expected.add(new Expected("grade change", "lixia.duty", "DUTY_OFFICER", "370102",
                    "http POST /v1/incidents/{}/grade grade=III", incident, "ALLOWED", "200", 1));
            String note = "smoke seen from the ring road";
            assertStatus(node.send("POST", i + "/notes", duty, "{\"text\":\"" + note + "\"}"), 200);
            expected.add(new Expected("note", "lixia.duty", "DUTY_OFFICER", "370102",
                    "http POST /v1/incidents/{}/notes chars=" + note.length(), incident, "ALLOWED", "200", 1));
            String report = "首报：历下区一栋住宅起火，一人报警";
            assertStatus(node.send("POST", i + "/reports", duty, "{\"kind\":\"INITIAL\",\"text\":\"" + report + "\"}"), 200);
            expected.add(new Expected("report filing", "lixia.duty", "DUTY_OFFICER", "370102",
                    "http POST /v1/incidents/{}/reports kind=INITIAL chars=" + report.length(), incident, "ALLOWED",
                    "200", 1));

            JsonNode proposal = Json.MAPPER.readTree(assertStatus(
                    node.send("POST", i + "/dispatch/proposal", duty, "{}"), 200).body()).path("proposal");
            List<String> units = StreamSupport.stream(proposal.path("units").spliterator(), false)
                    .map(u -> u.path("unitId").asText()).toList();
            assertThat(units).as(proposal.toString()).isNotEmpty();
            assertStatus(node.send("POST", i + "/mutual-aid", duty,
                    "{\"capability\":\"FIRE_SUPPRESSION\",\"count\":1,\"note\":\"the fire spreads\"}"), 200);
            expected.add(new Expected("mutual-aid request", "lixia.duty", "DUTY_OFFICER", "370102",
                    "http POST /v1/incidents/{}/mutual-aid capability=FIRE_SUPPRESSION unitType=- count=1 scope=CITY",
                    incident, "ALLOWED", "200", 1));
            List<String> drop = units.subList(1, units.size());
            assertStatus(node.send("POST", i + "/dispatch/confirm", duty, "{\"drop\":["
                    + String.join(",", drop.stream().map(u -> "\"" + u + "\"").toList()) + "]}"), 200);
            expected.add(new Expected("dispatch confirm", "lixia.duty", "DUTY_OFFICER", "370102",
                    "http POST /v1/incidents/{}/dispatch/confirm add= drop=" + String.join(",", new TreeSet<>(drop)),
                    incident, "ALLOWED", "200", 1));

            // A read in another city: the commander of 济南 must not see it.
            assertStatus(node.send("GET", "/v1/incidents", qingdao, null), 200);
            expected.add(new Expected("read in 青岛", "qingdao.duty", "DUTY_OFFICER", "370202", "http GET /v1/incidents",
                    "", "ALLOWED", "200", 1));

            // Refused agency handshakes: a registered key with a signature for another request, an unknown key.
            String police = RunningNode.KEYS.keyId(Agency.AGENCY_POLICE);
            assertThat(agencyPost(node, RunningNode.handshake(Agency.AGENCY_POLICE, "GET", "/v1/agency/stream"))
                    .statusCode()).isEqualTo(401);
            expected.add(new Expected("handshake, bad signature", "anonymous", "", "",
                    "http POST /v1/agency/messages claim=unverified agency=POLICE system=dev-police", "key:" + police,
                    "DENIED", "401 BAD_SIGNATURE", 1));
            assertThat(agencyPost(node, AgencyHandshake.header("no-such-key", RunningNode.KEYS.privateKey(
                    Agency.AGENCY_POLICE), "POST", "/v1/agency/messages", Instant.now())).statusCode()).isEqualTo(401);
            expected.add(new Expected("handshake, unknown key", "anonymous", "", "",
                    "http POST /v1/agency/messages claim=unverified", "key:no-such-key", "DENIED", "401 UNKNOWN_KEY", 1));

            // Failed logins, the account lockout and the address back-off.
            for (int n = 0; n < 2; n++) {
                assertStatus(login(node, "lixia.victim", "wrong password " + n), 401);
            }
            expected.add(new Expected("wrong password", "anonymous", "", "370102", LOGIN, "lixia.victim", "DENIED",
                    "401 WRONG_PASSWORD", 2));
            assertStatus(login(node, "lixia.victim", "wrong password 2"), 401);
            expected.add(new Expected("wrong password that locks", "anonymous", "", "370102", LOGIN, "lixia.victim",
                    "DENIED", "401 WRONG_PASSWORD_NOW_LOCKED", 1));
            assertStatus(login(node, "lixia.victim", "wrong password 3"), 429);
            expected.add(new Expected("locked account", "anonymous", "", "370102", LOGIN, "lixia.victim", "DENIED",
                    "429 ACCOUNT_LOCKED", 1));
            // The right password of a disabled account (not counted against the address).
            assertStatus(login(node, "new.jinan", oneTime), 401);
            expected.add(new Expected("disabled account", "anonymous", "", "370102", LOGIN, "new.jinan", "DENIED",
                    "401 DISABLED", 1));
            assertStatus(login(node, "not a username!", "secret-one"), 401);
            expected.add(new Expected("malformed login", "anonymous", "", "", LOGIN, "invalid", "DENIED",
                    "401 MALFORMED", 1));
            assertStatus(login(node, "nobody.two", "secret-two"), 401);
            expected.add(new Expected("unknown user", "anonymous", "", "", LOGIN, "nobody.two", "DENIED",
                    "401 UNKNOWN_USER", 1));
            // The fifth failure from 127.0.0.1 backed the address off.
            assertStatus(login(node, "nobody.three", "secret-three"), 429);
            expected.add(new Expected("address backed off", "anonymous", "", "", LOGIN, "nobody.three", "DENIED",
                    "429 RATE_LIMITED", 1));

            // The province ADMIN sees each entry, with every field.
            List<JsonNode> all = entriesOnce(node, auditor, expected);
            for (Expected x : expected) {
                List<JsonNode> found = all.stream().filter(x::matches).toList();
                assertThat(found).as(x.what() + " in " + all).hasSize(x.times());
                for (JsonNode e : found) {
                    assertThat(e.path("who").asText()).as(x.what() + " who").isEqualTo(x.who());
                    assertThat(e.path("role").asText()).as(x.what() + " role").isEqualTo(x.role());
                    assertThat(e.path("adcode").asText()).as(x.what() + " jurisdiction").isEqualTo(x.adcode());
                    assertThat(e.path("action").asText()).as(x.what() + " what").isEqualTo(x.action());
                    assertThat(e.path("target").asText()).as(x.what() + " target").isEqualTo(x.target());
                    assertThat(e.path("from").asText()).as(x.what() + " from").isEqualTo(LOCAL);
                    assertThat(e.path("outcome").asText()).as(x.what() + " outcome").isEqualTo(x.outcome());
                    assertThat(e.path("code").asText()).as(x.what() + " result").isEqualTo(x.code());
                }
            }
            // No password, tried or one-time, is in any entry.
            assertThat(all.toString()).doesNotContain("wrong password", "secret-one", "secret-two", "secret-three",
                    oneTime, RunningNode.ADMIN_PASSWORD, note, report);

            // The COMMANDER of 济南 sees the entries of 济南 and its counties only.
            List<JsonNode> city = entries(node, commander, "");
            for (Expected x : expected) {
                assertThat(city.stream().filter(x::matches).count()).as(x.what() + " seen by the commander of 370100")
                        .isEqualTo(x.insideJinan() ? x.times() : 0);
            }
            assertThat(city).allSatisfy(e -> assertThat(e.path("adcode").asText()).startsWith("3701"));
            assertThat(node.send("GET", "/v1/audit?adcode=370200", commander, null).statusCode()).isEqualTo(403);

            // Every chain still verifies.
            AuditVerification.Report verified = AuditVerification.run(new AuditReader(node.server().system(),
                    cn.emcc.command.persistence.StorageKind.fromConfig(store.config()).readJournalPluginId()), PATIENCE);
            assertThat(verified.broken()).isEmpty();
        }
    }

    private static HttpResponse<String> assertStatus(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.request().method() + " " + r.uri() + ": " + r.body()).isEqualTo(status);
        return r;
    }

    private static HttpResponse<String> login(RunningNode node, String username, String password) {
        return node.send("POST", "/v1/session", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    private HttpResponse<String> agencyPost(RunningNode node, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(node.baseUri().resolve("/v1/agency/messages"))
                .header("Content-Type", "application/x-protobuf").header("Authorization", authorization)
                .timeout(PATIENCE).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0])).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> entries(RunningNode node, String token, String query) throws Exception {
        HttpResponse<String> r = node.send("GET", "/v1/audit" + query, token, null);
        if (r.statusCode() != 200) {
            return List.of();
        }
        return StreamSupport.stream(Json.MAPPER.readTree(r.body()).path("entries").spliterator(), false).toList();
    }

    /** Replies do not wait for the audit by default: the entries follow shortly. */
    private static List<JsonNode> entriesOnce(RunningNode node, String token, List<Expected> expected) {
        List<List<JsonNode>> seen = new ArrayList<>(List.of(List.of()));
        Await.until("an audit entry for each action", PATIENCE, () -> {
            try {
                List<JsonNode> now = entries(node, token, "");
                seen.set(0, now);
                return expected.stream().allMatch(x -> now.stream().filter(x::matches).count() >= x.times());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        return seen.get(0);
    }
}
