package cn.emcc.command.correlation;

import cn.emcc.command.incident.Report;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's way to the counties' correlation desks. A desk writes its
 * decisions one command at a time, so on a busy day in one county every
 * report would wait for the journal write of the report before it. Here the
 * reports that arrive while a county's previous batch is being written wait
 * together and go as the next batch: one write decides them all.
 *
 * <p>Holds only reports that have not been answered yet (the Ack comes after
 * the incident has the report), so a node that dies here loses nothing it
 * promised; the senders resend and the desk's memory of message ids keeps the
 * resends harmless. Each node batches its own gateway's reports; the desk may
 * live on any node of the cluster.
 */
public final class DeskInbox {

    /** Reports decided in one write at most; the rest wait for the next. */
    static final int MAX_BATCH = 256;

    private final ClusterSharding sharding;
    private final Duration askTimeout;
    private final ConcurrentHashMap<String, County> counties = new ConcurrentHashMap<>();

    public DeskInbox(ClusterSharding sharding, Duration askTimeout) {
        this.sharding = sharding;
        this.askTimeout = askTimeout;
    }

    /**
     * The incident the report's county desk decides for it; {@code endedIncidentId}, when set, names an
     * incident that refused the report because it has ended (see {@link CorrelationDesk.RouteRequest}).
     */
    public CompletionStage<CorrelationDesk.Routed> route(Report report, String endedIncidentId) {
        CompletableFuture<CorrelationDesk.Routed> answer = new CompletableFuture<>();
        counties.computeIfAbsent(report.countyAdcode(), County::new)
                .add(new Waiting(new CorrelationDesk.RouteRequest(report, endedIncidentId), answer));
        return answer;
    }

    private record Waiting(CorrelationDesk.RouteRequest request, CompletableFuture<CorrelationDesk.Routed> answer) {
    }

    /** The reports of one county: at most one batch on its way to the desk, the others waiting. */
    private final class County {
        private final String adcode;
        private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
        private boolean sending;

        County(String adcode) {
            this.adcode = adcode;
        }

        void add(Waiting w) {
            List<Waiting> batch;
            synchronized (this) {
                waiting.add(w);
                if (sending) {
                    return;
                }
                sending = true;
                batch = next();
            }
            send(batch);
        }

        /** Call holding the lock. */
        private List<Waiting> next() {
            List<Waiting> batch = new ArrayList<>(Math.min(waiting.size(), MAX_BATCH));
            while (!waiting.isEmpty() && batch.size() < MAX_BATCH) {
                batch.add(waiting.poll());
            }
            return batch;
        }

        private void send(List<Waiting> batch) {
            sharding.entityRefFor(CorrelationDesk.ENTITY_TYPE_KEY, adcode)
                    .<CorrelationDesk.RoutedBatch>ask(replyTo -> new CorrelationDesk.RouteReports(
                            batch.stream().map(Waiting::request).toList(), replyTo), askTimeout)
                    .whenComplete((decided, failure) -> {
                        for (int i = 0; i < batch.size(); i++) {
                            if (failure != null) {
                                batch.get(i).answer().completeExceptionally(failure);
                            } else {
                                batch.get(i).answer().complete(decided.routed().get(i));
                            }
                        }
                        List<Waiting> following;
                        synchronized (this) {
                            if (waiting.isEmpty()) {
                                sending = false;
                                return;
                            }
                            following = next();
                        }
                        send(following);
                    });
        }
    }
}
