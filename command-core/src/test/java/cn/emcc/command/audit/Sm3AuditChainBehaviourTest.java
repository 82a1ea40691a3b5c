package cn.emcc.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.emcc.command.http.Json;
import cn.emcc.command.officers.Role;
import cn.emcc.command.persistence.StorageKind;
import cn.emcc.command.testsupport.Await;
import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.TestStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node deployed for GM/T (emcc.audit.hash = sm3) on an H2 file: every
 * entry it writes is hashed and linked with SM3, the verifier that
 * {@code ops/audit-verify} runs finds the chains intact without being told
 * the digest, and an entry changed in the H2 file behind emcc's back is
 * reported at exactly its link, with the SM3 hash it was stored with.
 */
class Sm3AuditChainBehaviourTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String AUDITOR = "auditor@370000";

    @TempDir
    Path scratch;

    private static HttpResponse<String> get(RunningNode node, String path, String officer, Role role) {
        String[] parts = officer.split("@");
        return node.send("GET", path, node.token(parts[0], role, parts[1]), null);
    }

    /** The read of the audit by {@code who}, once it is there (replies do not wait for the audit). */
    private static JsonNode entryOf(RunningNode node, String who) {
        List<JsonNode> found = new ArrayList<>();
        Await.until("an audit entry of " + who, PATIENCE, () -> {
            HttpResponse<String> r = get(node, "/v1/audit?who=" + who, AUDITOR, Role.ADMIN);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            try {
                found.clear();
                // the officer's login is on the trail too; the entry looked for is the officer's read of it
                Json.MAPPER.readTree(r.body()).path("entries").forEach(e -> {
                    if (e.path("action").asText().equals("http GET /v1/audit")) {
                        found.add(e);
                    }
                });
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return !found.isEmpty();
        });
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    /** Every stored audit entry of every chain, read back through the node's read journal. */
    private static List<AuditEntry> stored(RunningNode node, TestStore store) throws Exception {
        AuditReader reader = new AuditReader(node.server().system(),
                StorageKind.fromConfig(store.config()).readJournalPluginId());
        List<AuditEntry> entries = new ArrayList<>();
        for (String chain : reader.chains().toCompletableFuture().get(60, TimeUnit.SECONDS)) {
            List<EventEnvelope> events = reader.envelopes(chain).runWith(Sink.seq(), reader.system())
                    .toCompletableFuture().get(60, TimeUnit.SECONDS);
            events.stream().map(EventEnvelope::event).filter(AuditEntry.class::isInstance).map(AuditEntry.class::cast)
                    .forEach(entries::add);
        }
        return entries;
    }

    private record Verified(int status, String output) {
        List<String> broken() {
            return output.lines().filter(l -> l.startsWith("BROKEN chain")).toList();
        }
    }

    private static Verified verifyLikeOps(TestStore store) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AuditVerify.verify(store.config(), new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Verified(status, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void an_sm3_chain_verifies_and_an_entry_changed_in_the_store_is_reported_at_exactly_its_link() throws Exception {
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch)) {
            String chain;
            long seq;
            String storedHash;
            try (RunningNode node = RunningNode.start(store,
                    ConfigFactory.parseString("emcc.audit.hash = sm3\nemcc.audit.anchor-every = 200ms"))) {
                get(node, "/v1/audit", "before@370102", Role.DUTY_OFFICER);
                get(node, "/v1/audit", "tamper-me@370102", Role.DUTY_OFFICER);
                get(node, "/v1/audit", "after@370102", Role.DUTY_OFFICER);
                JsonNode victim = entryOf(node, "tamper-me");
                entryOf(node, "after");
                chain = victim.path("chain").asText();
                seq = victim.path("seq").asLong();
                Await.until("the head of " + chain + " is anchored", PATIENCE, () -> {
                    ChainVerifier.ChainResult c = AuditVerification.run(new AuditReader(node.server().system(),
                            StorageKind.fromConfig(store.config()).readJournalPluginId()), PATIENCE)
                            .chain(chain).orElseThrow();
                    return c.anchoredSeq() == c.headSeq();
                });

                List<AuditEntry> entries = stored(node, store);
                assertThat(entries).hasSizeGreaterThanOrEqualTo(3);
                assertThat(entries).allSatisfy(e -> {
                    assertThat(e.alg()).isEqualTo("sm3");
                    assertThat(e.hash()).isEqualTo(HashAlgorithm.SM3.hex(e.canonical()))
                            .isNotEqualTo(HashAlgorithm.SHA256.hex(e.canonical()));
                });
                AuditEntry target = entries.stream().filter(e -> e.chain().equals(chain) && e.seq() == seq)
                        .findFirst().orElseThrow();
                assertThat(target.who()).isEqualTo("tamper-me");
                storedHash = target.hash();
            }
            Verified before = verifyLikeOps(store);
            assertThat(before.status()).as(before.output()).isZero();
            assertThat(before.output()).contains("chain " + chain + ": ").contains("OK: ");
            assertThat(before.broken()).isEmpty();

            new StoredEntries(store).overwrite(chain, seq, "tamper-me", "innocent1");

            Verified after = verifyLikeOps(store);
            assertThat(after.status()).as(after.output()).isEqualTo(1);
            assertThat(after.broken()).hasSize(1);
            assertThat(after.broken().get(0)).startsWith("BROKEN chain " + chain + " seq " + seq + ": entry changed")
                    .endsWith(" found " + storedHash);
        }
    }
}
