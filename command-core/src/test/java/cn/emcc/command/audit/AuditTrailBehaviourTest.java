package cn.emcc.command.audit;

import static cn.emcc.command.testsupport.Envelopes.JINAN_LAT;
import static cn.emcc.command.testsupport.Envelopes.JINAN_LON;
import static cn.emcc.command.testsupport.Envelopes.jinanRainstorm;
import static cn.emcc.command.testsupport.Envelopes.policeReport;
import static org.assertj.core.api.Assertions.assertThat;

import cn.emcc.command.http.Json;
import cn.emcc.command.persistence.StorageKind;
import cn.emcc.command.officers.Role;
import cn.emcc.command.testsupport.Await;
import cn.emcc.command.testsupport.CassandraAvailable;
import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.TestStore;
import cn.emcc.protocols.client.AgencyClient;
import cn.emcc.protocols.client.Reply;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Casualties;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.RejectionCode;
import cn.emcc.protocols.v1.WarningColour;
import cn.emcc.protocols.v1.WarningMsgType;
import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The audit trail of a real node: agency messages and officer requests over
 * the real sockets end up as entries with the right fields (a refusal as
 * DENIED), the commander's query shows them within its jurisdiction only,
 * every chain verifies, and an entry changed or removed in the store behind
 * emcc's back is reported at exactly its link by the verifier {@code ops/audit-verify} runs.
 */
@ExtendWith(CassandraAvailable.class)
class AuditTrailBehaviourTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** A province ADMIN reading the log (the first admin's own name is taken). */
    private static final String AUDITOR = "auditor@370000";

    @TempDir
    Path scratch;

    private final HttpClient http = HttpClient.newHttpClient();

    private static RunningNode start(TestStore store) {
        return RunningNode.start(store, ConfigFactory.parseString("emcc.audit.anchor-every = 200ms"));
    }

    /** GET with the session of {@code user@adcode} in {@code role} (DUTY_OFFICER when null), created when needed. */
    private HttpResponse<String> get(RunningNode node, String path, String officer, String role) {
        String[] parts = officer.split("@");
        String token = node.token(parts[0], role == null ? Role.DUTY_OFFICER : Role.valueOf(role), parts[1]);
        return node.send("GET", path, token, null);
    }

    /** The audit entries as {@link #AUDITOR} (an ADMIN) or another reader (a COMMANDER) sees them. */
    private List<JsonNode> entries(RunningNode node, String query, String officer) throws Exception {
        HttpResponse<String> r = get(node, "/v1/audit" + query, officer, officer.equals(AUDITOR) ? "ADMIN" : "COMMANDER");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return StreamSupport.stream(Json.MAPPER.readTree(r.body()).path("entries").spliterator(), false).toList();
    }

    /** Replies do not wait for the audit (emcc.audit.reply-waits-for-audit = off): entries follow shortly. */
    private List<JsonNode> entriesOnce(RunningNode node, String query, String officer, int expected) {
        List<List<JsonNode>> seen = new ArrayList<>(List.of(List.of()));
        Await.until(expected + " audit entries for " + query, PATIENCE, () -> {
            try {
                seen.set(0, entries(node, query, officer));
                return seen.get(0).size() >= expected;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        return seen.get(0);
    }

    private static JsonNode only(List<JsonNode> entries, String action, String target) {
        List<JsonNode> found = entries.stream()
                .filter(e -> e.path("action").asText().equals(action) && e.path("target").asText().equals(target))
                .toList();
        assertThat(found).as(action + " " + target + " in " + entries).hasSize(1);
        return found.get(0);
    }

    private static AuditVerification.Report verifyInProcess(RunningNode node, TestStore store) {
        String readJournal = StorageKind.fromConfig(store.config()).readJournalPluginId();
        return AuditVerification.run(new AuditReader(node.server().system(), readJournal), PATIENCE);
    }

    /** What ops/audit-verify prints and exits with, against the store of a stopped node. */
    private record Verified(int status, String output) {
    }

    private static Verified verifyLikeOps(TestStore store) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AuditVerify.verify(store.config(), new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Verified(status, out.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(JournalUnderTest.class)
    void agency_messages_and_officer_requests_are_recorded_with_who_what_where_and_how_it_ended(
            JournalUnderTest journal) throws Exception {
        try (TestStore store = journal.freshStore(scratch); RunningNode node = start(store)) {
            AgencyClient police = node.client(Agency.AGENCY_POLICE);
            Envelope report = policeReport(police, JINAN_LON, JINAN_LAT,
                    IncidentCategory.INCIDENT_CATEGORY_FLOOD_WATERLOGGING, Casualties.newBuilder().setCallers(1).build());
            assertThat(police.send(report).get()).isInstanceOf(Reply.Acked.class);
            Envelope notPolice = jinanRainstorm(police, "37010041600000100_20261129", WarningMsgType.WARNING_MSG_TYPE_ALERT,
                    WarningColour.WARNING_COLOUR_RED, List.of());
            Reply refused = police.send(notPolice).get();
            assertThat(((Reply.Rejected) refused).rejection().getCode()).isEqualTo(RejectionCode.REJECTION_CODE_NOT_PERMITTED);

            assertThat(get(node, "/v1/audit", "wang.duty@370102", null).statusCode()).isEqualTo(403);
            assertThat(get(node, "/v1/audit?adcode=370200", "li.commander@370100", "COMMANDER").statusCode()).isEqualTo(403);
            assertThat(get(node, "/v1/audit?adcode=370102", "li.commander@370100", "COMMANDER").statusCode()).isEqualTo(200);

            List<JsonNode> all = entriesOnce(node, "?action=agency", AUDITOR, 2);
            all = new ArrayList<>(all);
            // Each officer's login comes first, under the officer's own name.
            all.addAll(entriesOnce(node, "?who=wang.duty", AUDITOR, 2));
            all.addAll(entriesOnce(node, "?who=li.commander", AUDITOR, 3));

            JsonNode acked = only(all, "agency POLICE_REPORT", report.getMessageId());
            assertThat(acked.path("who").asText()).isEqualTo("dev-police");
            assertThat(acked.path("role").asText()).isEqualTo("POLICE");
            assertThat(acked.path("adcode").asText()).isEqualTo("370000");
            assertThat(acked.path("from").asText()).isEqualTo("127.0.0.1");
            assertThat(acked.path("outcome").asText()).isEqualTo("ALLOWED");
            assertThat(acked.path("code").asText()).isEqualTo("ACK");
            assertThat(acked.path("chain").asText()).startsWith("agency.POLICE.");

            JsonNode denied = only(all, "agency WEATHER_WARNING", notPolice.getMessageId());
            assertThat(denied.path("outcome").asText()).isEqualTo("DENIED");
            assertThat(denied.path("code").asText()).isEqualTo("NOT_PERMITTED");

            List<JsonNode> duty = all.stream().filter(e -> e.path("who").asText().equals("wang.duty")).toList();
            assertThat(duty).hasSize(2);
            JsonNode login = duty.get(0);
            assertThat(login.path("action").asText()).isEqualTo("http POST /v1/session");
            assertThat(login.path("target").asText()).isEqualTo("wang.duty");
            assertThat(login.path("role").asText()).isEqualTo("DUTY_OFFICER");
            assertThat(login.path("adcode").asText()).isEqualTo("370102");
            assertThat(login.path("outcome").asText() + " " + login.path("code").asText()).isEqualTo("ALLOWED 200 SUCCESS");
            JsonNode read = duty.get(1);
            assertThat(read.path("action").asText()).isEqualTo("http GET /v1/audit");
            assertThat(read.path("role").asText()).isEqualTo("DUTY_OFFICER");
            assertThat(read.path("adcode").asText()).isEqualTo("370102");
            assertThat(read.path("from").asText()).isEqualTo("127.0.0.1");
            assertThat(read.path("outcome").asText()).isEqualTo("DENIED");
            assertThat(read.path("code").asText()).isEqualTo("403");
            assertThat(read.path("chain").asText()).startsWith("officer.370100.");

            List<JsonNode> commander = all.stream().filter(e -> e.path("who").asText().equals("li.commander")).toList();
            assertThat(commander).extracting(e -> e.path("outcome").asText() + " " + e.path("code").asText())
                    .containsExactly("ALLOWED 200 SUCCESS", "DENIED 403", "ALLOWED 200");

            // A city commander sees its own city's officers, not the province's agencies or another city.
            List<JsonNode> cityView = entriesOnce(node, "", "li.commander@370100", 3);
            assertThat(cityView).extracting(e -> e.path("who").asText())
                    .contains("wang.duty", "li.commander").doesNotContain("dev-police", "auditor");
            assertThat(entries(node, "?who=wang.duty&action=http%20GET", AUDITOR)).hasSize(1);

            AuditVerification.Report report1 = verifyInProcess(node, store);
            assertThat(report1.broken()).isEmpty();
            assertThat(report1.entriesChecked()).isGreaterThanOrEqualTo(all.size());
        }
    }

    @ParameterizedTest
    @EnumSource(JournalUnderTest.class)
    void an_entry_changed_in_the_store_is_reported_at_exactly_its_link(JournalUnderTest journal) throws Exception {
        try (TestStore store = journal.freshStore(scratch)) {
            String chain;
            long seq;
            try (RunningNode node = start(store)) {
                get(node, "/v1/audit", "before@370102", null);
                get(node, "/v1/audit", "tamper-me@370102", null);
                get(node, "/v1/audit", "after@370102", null);
                // The read, not the login (whose target names the officer too).
                JsonNode victim = entriesOnce(node, "?who=tamper-me&action=http%20GET", AUDITOR, 1).get(0);
                entriesOnce(node, "?who=after", AUDITOR, 1);
                chain = victim.path("chain").asText();
                seq = victim.path("seq").asLong();
            }
            Verified before = verifyLikeOps(store);
            assertThat(before.status()).as(before.output()).isZero();

            new StoredEntries(store).overwrite(chain, seq, "tamper-me", "innocent1");

            Verified after = verifyLikeOps(store);
            assertThat(after.status()).isEqualTo(1);
            List<String> broken = after.output().lines().filter(l -> l.startsWith("BROKEN chain")).toList();
            assertThat(broken).hasSize(1);
            assertThat(broken.get(0)).startsWith("BROKEN chain " + chain + " seq " + seq + ": entry changed");
        }
    }

    @Test
    void a_deleted_middle_entry_and_a_truncated_tail_are_reported() throws Exception {
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch)) {
            String chain;
            try (RunningNode node = start(store)) {
                for (int i = 0; i < 5; i++) {
                    get(node, "/v1/audit", "officer" + i + "@370102", null);
                }
                for (int i = 0; i < 5; i++) {
                    entriesOnce(node, "?who=officer" + i, AUDITOR, 1);
                }
                chain = entries(node, "?who=officer0", AUDITOR).get(0).path("chain").asText();
                // This request is audited too: the chain's head is whatever it is once anchored.
                Await.until("the head of " + chain + " is anchored", PATIENCE, () -> {
                    ChainVerifier.ChainResult c = verifyInProcess(node, store).chain(chain).orElseThrow();
                    return c.anchoredSeq() == c.headSeq();
                });
            }
            Verified intact = verifyLikeOps(store);
            assertThat(intact.status()).as(intact.output()).isZero();
            long head = headOf(intact.output(), chain);
            StoredEntries stored = new StoredEntries(store);

            stored.delete(chain, head);
            Verified truncated = verifyLikeOps(store);
            assertThat(truncated.status()).isEqualTo(1);
            assertThat(brokenLines(truncated)).containsExactly("BROKEN chain " + chain + " seq " + head
                    + ": tail missing: the chain ends at seq " + (head - 1) + " but its head was anchored at seq " + head);

            stored.delete(chain, 2);
            Verified gap = verifyLikeOps(store);
            assertThat(gap.status()).isEqualTo(1);
            assertThat(brokenLines(gap)).containsExactly("BROKEN chain " + chain + " seq 2: entry missing"
                    + " (next stored entry is seq 3)");
        }
    }

    private static List<String> brokenLines(Verified v) {
        List<String> lines = new ArrayList<>();
        v.output().lines().filter(l -> l.startsWith("BROKEN chain"))
                .forEach(l -> lines.add(l.substring(0, l.indexOf("; expected"))));
        return lines;
    }

    private static long headOf(String output, String chain) {
        String line = output.lines().filter(l -> l.startsWith("chain " + chain + ":")).findFirst().orElseThrow();
        String afterHead = line.substring(line.indexOf("head seq ") + "head seq ".length());
        return Long.parseLong(afterHead.substring(0, afterHead.indexOf(' ')));
    }
}
