package cn.emcc.command.audit;

import cn.emcc.command.officers.Officer;
import cn.emcc.command.officers.OfficerAccess;
import cn.emcc.command.officers.OfficerEndpoint;
import cn.emcc.command.http.Json;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * {@code GET /v1/audit?from=&to=&who=&action=&adcode=&limit=}: the audit entries
 * of a jurisdiction's subtree for ADMIN and COMMANDER officers. {@code adcode}
 * defaults to the officer's own jurisdiction and must lie inside it; {@code from}
 * and {@code to} are ISO instants or dates (default: the last 24 hours);
 * {@code who} matches exactly, {@code action} as a prefix. Entries come oldest
 * first, at most {@code limit} (≤ {@code emcc.audit.query-limit}); {@code truncated}
 * says more matched. Entries that name no jurisdiction (anonymous requests,
 * anchors) are shown at the province level only. Reads the chains of the days
 * asked for from the journal: meant for investigation, not for dashboards.
 */
public final class AuditRoutes extends AllDirectives {

    private static final Set<String> ALLOWED_ROLES = Set.of("ADMIN", "COMMANDER");

    private final AuditReader reader;
    private final JurisdictionTree tree;
    private final OfficerAccess access;
    private final AuditSettings settings;

    public AuditRoutes(AuditReader reader, OfficerAccess access, AuditSettings settings) {
        this.reader = reader;
        this.tree = access.tree();
        this.access = access;
        this.settings = settings;
    }

    public Route routes() {
        return pathPrefix("v1", () -> path("audit", () -> get(() -> access.officer(OfficerEndpoint.AUDIT_QUERY,
                officer -> parameterMap(params -> query(officer, params))))));
    }

    private Route query(Officer o, Map<String, String> params) {
        if (!ALLOWED_ROLES.contains(o.role().name())) {
            return complete(Json.error(StatusCodes.FORBIDDEN, "role", "role " + o.role()
                    + " may not read the audit log; expected one of " + ALLOWED_ROLES));
        }
        String adcode = params.getOrDefault("adcode", o.adcode());
        if (tree.get(adcode).isEmpty()) {
            return complete(Json.error(StatusCodes.BAD_REQUEST, "adcode", "unknown jurisdiction '" + adcode + "'"));
        }
        if (!tree.contains(o.adcode(), adcode)) {
            return complete(Json.error(StatusCodes.FORBIDDEN, "adcode", "officer of " + o.adcode()
                    + " may not read the audit log of " + adcode + "; expected " + o.adcode() + " or below"));
        }
        Instant to;
        Instant from;
        int limit;
        try {
            to = params.containsKey("to") ? instant(params.get("to"), true) : Instant.now();
            from = params.containsKey("from") ? instant(params.get("from"), false) : to.minusSeconds(86_400);
            limit = Math.min(settings.queryLimit(), Integer.parseInt(params.getOrDefault("limit",
                    Integer.toString(settings.queryLimit()))));
        } catch (DateTimeParseException | NumberFormatException e) {
            return complete(Json.error(StatusCodes.BAD_REQUEST, "from/to/limit",
                    "expected ISO-8601 instants or dates and a number: " + e.getMessage()));
        }
        if (limit < 1 || from.isAfter(to)) {
            return complete(Json.error(StatusCodes.BAD_REQUEST, "from/to/limit",
                    "expected from ≤ to and limit ≥ 1, got from " + from + " to " + to + " limit " + limit));
        }
        Predicate<AuditEntry> wanted = e -> !e.at().isBefore(from) && !e.at().isAfter(to)
                && (!params.containsKey("who") || params.get("who").equals(e.who()))
                && (!params.containsKey("action") || e.action().startsWith(params.get("action")))
                && (e.adcode().isEmpty() ? adcode.equals(tree.province().adcode()) : tree.contains(adcode, e.adcode()));
        int max = limit;
        return completeWithFuture(find(from, to, wanted).thenApply(found -> Json.ok(Map.of(
                "entries", found.size() > max ? found.subList(0, max) : found,
                "truncated", found.size() > max))));
    }

    private CompletionStage<List<AuditEntry>> find(Instant from, Instant to, Predicate<AuditEntry> wanted) {
        ChainIds chains = settings.chains();
        LocalDate first = chains.day(from);
        LocalDate last = chains.day(to);
        return reader.chains().thenCompose(ids -> {
            List<CompletableFuture<List<AuditEntry>>> reads = new ArrayList<>();
            for (String chain : ids) {
                Optional<LocalDate> day = ChainIds.dayOf(chain);
                if (day.isPresent() && !day.get().isBefore(first) && !day.get().isAfter(last)) {
                    reads.add(reader.envelopes(chain).map(env -> env.event())
                            .filter(AuditEntry.class::isInstance).map(AuditEntry.class::cast)
                            .filter(wanted::test)
                            .runWith(Sink.seq(), reader.system()).toCompletableFuture());
                }
            }
            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
                List<AuditEntry> all = new ArrayList<>();
                reads.forEach(r -> all.addAll(r.join()));
                all.sort(Comparator.comparing(AuditEntry::at).thenComparing(AuditEntry::chain)
                        .thenComparingLong(AuditEntry::seq));
                return all;
            });
        });
    }

    private Instant instant(String text, boolean endOfDay) {
        if (text.length() == 10) {
            LocalDate day = LocalDate.parse(text);
            return (endOfDay ? day.plusDays(1) : day).atStartOfDay(settings.zone()).toInstant()
                    .minusNanos(endOfDay ? 1 : 0);
        }
        return Instant.parse(text);
    }
}
