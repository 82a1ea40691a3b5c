package cn.emcc.command.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Walks every audit chain in the store: the anchor chains first (collecting the
 * anchored heads of the others), then every other chain against its anchors.
 * A chain named by an anchor but absent from the store is reported as having
 * lost all its entries.
 */
public final class AuditVerification {

    /** The outcome of one walk: each chain's result, and the entries checked in all. */
    public record Report(List<ChainVerifier.ChainResult> chains) {
        public long entriesChecked() {
            return chains.stream().mapToLong(ChainVerifier.ChainResult::entries).sum();
        }

        public List<ChainVerifier.BrokenLink> broken() {
            return chains.stream().map(ChainVerifier.ChainResult::broken).flatMap(Optional::stream).toList();
        }

        public boolean intact() {
            return broken().isEmpty();
        }

        public Optional<ChainVerifier.ChainResult> chain(String id) {
            return chains.stream().filter(c -> c.chain().equals(id)).findFirst();
        }
    }

    private AuditVerification() {
    }

    public static Report run(AuditReader reader, Duration timeout) {
        List<String> ids = await(reader.chains(), timeout);
        List<String> ordered = new ArrayList<>(new TreeSet<>(ids));
        ordered.sort(Comparator.comparing((String c) -> !ChainIds.isAnchor(c)));
        Map<String, NavigableMap<Long, String>> anchors = new HashMap<>();
        List<ChainVerifier.ChainResult> results = new ArrayList<>();
        for (String chain : ordered) {
            ChainVerifier verifier = new ChainVerifier(chain, anchors.getOrDefault(chain, new TreeMap<>()));
            boolean anchorChain = ChainIds.isAnchor(chain);
            await(reader.envelopes(chain)
                    .takeWhile(env -> {
                        boolean intact = verifier.accept(env.sequenceNr(), env.event());
                        if (intact && anchorChain) {
                            collectAnchor((AuditEntry) env.event(), anchors);
                        }
                        return intact;
                    })
                    .runWith(Sink.ignore(), reader.system()), timeout);
            results.add(verifier.finish());
        }
        anchors.forEach((chain, heads) -> {
            if (!ids.contains(chain)) {
                results.add(new ChainVerifier(chain, heads).finish());
            }
        });
        return new Report(List.copyOf(results));
    }

    private static void collectAnchor(AuditEntry e, Map<String, NavigableMap<Long, String>> anchors) {
        int hash = e.target().lastIndexOf('#');
        if (!"audit.anchor".equals(e.action()) || hash < 0) {
            return;
        }
        try {
            long seq = Long.parseLong(e.target().substring(hash + 1));
            anchors.computeIfAbsent(e.target().substring(0, hash), c -> new TreeMap<>()).put(seq, e.code());
        } catch (NumberFormatException notAnAnchor) {
            // an entry the chain's hash vouches for but that names no sequence number: nothing to hold against
        }
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage, Duration timeout) {
        try {
            return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the audit chains", e);
        } catch (Exception e) {
            throw new IllegalStateException("reading the audit chains from the store failed: " + e, e);
        }
    }
}
