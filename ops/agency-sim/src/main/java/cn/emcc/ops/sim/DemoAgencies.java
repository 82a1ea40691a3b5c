package cn.emcc.ops.sim;

import cn.emcc.protocols.client.AgencyClient;
import cn.emcc.protocols.client.Reply;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.DispatchOrder;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.OrderAction;
import cn.emcc.protocols.v1.OrderProgress;
import cn.emcc.protocols.v1.OrderStage;
import cn.emcc.protocols.v1.RejectionCode;
import cn.emcc.protocols.v1.UnitPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Simulated police (110), fire (119), weather and traffic systems feeding a
 * running emcc over its real agency gateway: one {@link AgencyClient} per
 * agency, a {@link ScenarioGenerator} timeline sent as it falls due, dispatch
 * orders answered by an {@link OrderDecider}, and the crews of accepted
 * orders reporting en route, on scene and released ({@link UnitProgress})
 * and driving there and back with AVL fixes ({@link Journey}) from where
 * their {@link Fleet} register has them. Talks to emcc with nothing but the
 * agency client and the emcc.v1 messages.
 */
public final class DemoAgencies implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoAgencies.class);
    private static final int REMEMBERED_FOR_RESEND = 10_000;
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(5);

    private final DemoOptions options;
    private final Map<Agency, AgencyClient> clients;
    private final ScenarioGenerator scenario;
    private final OrderDecider orders;
    private final UnitProgress progress;
    private final Fleet fleet;
    /** Orders whose crew already reports progress (a redelivered order is answered from memory anyway). */
    private final Set<String> turnedOut = ConcurrentHashMap.newKeySet();
    /** Orders emcc stood down: their crew stops reporting progress. */
    private final Set<String> stoodDown = ConcurrentHashMap.newKeySet();
    private final LongAdder progressSent = new LongAdder();
    private final LongAdder fixesSent = new LongAdder();
    private final Clock clock = Clock.systemUTC();
    private final long startNanos;
    private final ScheduledExecutorService pacer;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicBoolean scenarioOver = new AtomicBoolean();
    private final AtomicLong unanswered = new AtomicLong();
    /**
     * What a unit's vehicle is doing: driving for {@code orderId}, to the scene or {@code homeward}, with the
     * fixes (and, outbound, the turn for home) still to come.
     */
    private record Drive(String orderId, boolean homeward, List<Future<?>> pending) {
        void cancel() {
            pending.forEach(f -> f.cancel(false));
        }
    }

    /** Unit id → its latest drive. Touched by the pacer thread only; at most one entry per unit of the fleet. */
    private final Map<String, Drive> drives = new HashMap<>();

    /** An envelope as it went out and its answer, kept so a resend repeats it byte for byte. */
    private record Sent(Envelope envelope, CompletableFuture<Reply> reply) {
    }

    // Touched by the pacer thread only.
    private final Map<String, Sent> sentForResend = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Sent> eldest) {
            return size() > REMEMBERED_FOR_RESEND;
        }
    };

    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final Map<RejectionCode, LongAdder> rejected = new ConcurrentHashMap<>();
    private final Map<MessageKind, LongAdder> sentByKind = new ConcurrentHashMap<>();
    private final Set<Agency> failureLogged = ConcurrentHashMap.newKeySet();

    private DemoAgencies(URI gatewayBase, DemoCredentials credentials, DemoOptions options) {
        this.options = options;
        this.progress = new UnitProgress(options.seed());
        this.fleet = Fleet.shandong();
        this.orders = new OrderDecider(options.orderRejectShare(), options.seed(), this::crewTurnsOut);
        Map<Agency, AgencyClient> built = new EnumMap<>(Agency.class);
        for (Agency agency : Senders.SIMULATED) {
            DemoCredentials.Credential credential = credentials.agencies().get(agency);
            if (credential == null) {
                log.warn("no key for {}: its messages are skipped", agency);
                continue;
            }
            built.put(agency, AgencyClient.builder()
                    .baseUri(gatewayBase)
                    .credential(credential.keyId(), credential.key())
                    .orderKeys(credentials.orderKeys())
                    .sslContext(credentials.sslContext())
                    .sender(Senders.of(agency))
                    .orderHandler(orders)
                    .maxInFlight(256)
                    .build());
        }
        if (built.isEmpty()) {
            throw new IllegalArgumentException("credentials has no key for any of " + Senders.SIMULATED
                    + "; expected at least one");
        }
        this.clients = Map.copyOf(built);
        this.startNanos = System.nanoTime();
        this.scenario = new ScenarioGenerator(options.seed(), options.reportsPerMinute(), clock.instant());
        this.pacer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "emcc-demo-agencies-pacer");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Connects one client per agency that has a key and starts sending the
     * scenario. Returns at once; a client whose key is refused counts its
     * messages as failed.
     */
    public static DemoAgencies start(URI gatewayBase, DemoCredentials credentials, DemoOptions options) {
        Objects.requireNonNull(gatewayBase, "gatewayBase");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(options, "options");
        DemoAgencies demo = new DemoAgencies(gatewayBase, credentials, options);
        demo.clients.forEach((agency, client) -> client.connect().whenComplete((ok, error) -> {
            if (error != null) {
                log.error("{} could not connect to {}: {}", agency, gatewayBase, error.getMessage());
            } else {
                log.info("{} connected to {} as {}", agency, gatewayBase, Senders.of(agency).getSystemId());
            }
        }));
        demo.pacer.execute(demo::scheduleNext);
        return demo;
    }

    /**
     * An accepted order: a respond order's crew reports its progress and drives to the scene; a release
     * order ends the reports and sends the unit home. Called on the client's thread: the crew's work is
     * handed to the pacer.
     */
    private void crewTurnsOut(DispatchOrder order) {
        if (order.getAction() == OrderAction.ORDER_ACTION_RELEASE) {
            stoodDown.add(order.getOrderId().replaceFirst("-release$", ""));
            onPacer(order, () -> standDown(order));
            return;
        }
        if (stopped.get() || !turnedOut.add(order.getOrderId())) {
            return;
        }
        onPacer(order, () -> turnOut(order));
    }

    private void onPacer(DispatchOrder order, Runnable work) {
        try {
            pacer.execute(() -> {
                try {
                    work.run();
                } catch (RejectedExecutionException stopping) {
                    log.debug("order {}: stopping, its crew does nothing more", order.getOrderId());
                } catch (RuntimeException e) {
                    log.warn("order {}: its crew could not be planned", order.getOrderId(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("order {}: stopping, its crew reports nothing", order.getOrderId());
        }
    }

    // ---- the crews, on the pacer thread ----

    /** Plans the crew's reports and, for a unit of the fleet sent to a point, its drive there and home. */
    private void turnOut(DispatchOrder order) {
        String unitId = order.getUnitId();
        Optional<GeoPoint> from = fleet.station(order.getAgency(), unitId).flatMap(s -> fleet.position(unitId));
        if (from.isEmpty() || !order.getLocation().hasPoint()) {
            // No register entry or no scene: the crew reports progress, emcc sees it nowhere else.
            progress.plan(order).forEach(step -> later(step.after(), () -> report(order, step.stage())));
            return;
        }
        cancelDrive(unitId); // a crew on its way home turns round where it is
        GeoPoint scene = order.getLocation().getPoint();
        Duration drive = Journey.driveTime(from.get(), scene, progress.speedKmh(order.getOrderId()));
        List<UnitProgress.Step> steps = progress.plan(order, drive);
        Duration departs = steps.get(0).after();
        Duration released = steps.get(steps.size() - 1).after();
        // Fixes first: the last one and the on-scene report fall due together, the fix goes out first.
        List<Future<?>> pending = new ArrayList<>();
        for (Journey.Fix fix : Journey.leg(from.get(), scene, drive, options.fixEvery())) {
            pending.add(later(departs.plus(fix.after()), () -> sendFix(order.getAgency(), unitId, fix)));
        }
        pending.add(later(released, () -> driveHome(order.getAgency(), unitId, order.getOrderId())));
        drives.put(unitId, new Drive(order.getOrderId(), false, pending));
        steps.forEach(step -> later(step.after(), () -> report(order, step.stage())));
    }

    /** emcc stood the unit down: if it is still out on that order, it stops where it is and drives home. */
    private void standDown(DispatchOrder release) {
        String recalled = release.getOrderId().replaceFirst("-release$", "");
        Drive drive = drives.get(release.getUnitId());
        if (drive != null && !drive.homeward() && drive.orderId().equals(recalled)) {
            driveHome(release.getAgency(), release.getUnitId(), recalled);
        }
    }

    /** From where the unit is back to its station, at the speed it came; it stops there. */
    private void driveHome(Agency agency, String unitId, String orderId) {
        Optional<GeoPoint> station = fleet.station(agency, unitId);
        Optional<GeoPoint> from = fleet.position(unitId);
        if (station.isEmpty() || from.isEmpty()) {
            return;
        }
        cancelDrive(unitId);
        Duration drive = Journey.driveTime(from.get(), station.get(), progress.speedKmh(orderId));
        List<Future<?>> pending = new ArrayList<>();
        for (Journey.Fix fix : Journey.leg(from.get(), station.get(), drive, options.fixEvery())) {
            pending.add(later(fix.after(), () -> sendFix(agency, unitId, fix)));
        }
        drives.put(unitId, new Drive(orderId, true, pending));
    }

    private void cancelDrive(String unitId) {
        Drive drive = drives.remove(unitId);
        if (drive != null) {
            drive.cancel();
        }
    }

    private Future<?> later(Duration delay, Runnable task) {
        return pacer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sendFix(Agency agency, String unitId, Journey.Fix fix) {
        AgencyClient client = clients.get(agency);
        if (client == null || stopped.get()) {
            return;
        }
        fleet.moved(unitId, fix.position());
        Envelope position = client.newEnvelope().setKind(MessageKind.MESSAGE_KIND_UNIT_POSITION)
                .setUnitPosition(UnitPosition.newBuilder().setUnitId(unitId).setPosition(fix.position())
                        .setFixedAt(Times.timestamp(clock.instant())).setSpeedKmh(fix.speedKmh())
                        .setHeadingDegrees(fix.headingDegrees()).setAccuracyMeters(fix.accuracyMeters()))
                .build();
        fixesSent.increment();
        if (options.verbose()) {
            log.info("fix {} {},{} {} km/h {}°", unitId, fix.position().getLongitude(), fix.position().getLatitude(),
                    fix.speedKmh(), fix.headingDegrees());
        }
        client.send(position).whenComplete((answer, error) -> {
            if (answer instanceof Reply.Rejected r) {
                log.info("fix of {} refused: {}", unitId, r.rejection().getReason());
            }
        });
    }

    private void report(DispatchOrder order, OrderStage stage) {
        AgencyClient client = clients.get(order.getAgency());
        if (client == null || stopped.get() || stoodDown.contains(order.getOrderId())) {
            return;
        }
        Envelope progressReport = client.newEnvelope().setKind(MessageKind.MESSAGE_KIND_ORDER_PROGRESS)
                .setOrderProgress(OrderProgress.newBuilder().setOrderId(order.getOrderId())
                        .setUnitId(order.getUnitId()).setStage(stage).setAt(Times.timestamp(clock.instant())))
                .build();
        progressSent.increment();
        if (options.verbose()) {
            log.info("progress {} {} {}", order.getOrderId(), order.getUnitId(), stage);
        }
        client.send(progressReport).whenComplete((answer, error) -> {
            if (answer instanceof Reply.Rejected r) {
                log.info("progress {} of {} refused: {}", stage, order.getOrderId(), r.rejection().getReason());
            }
        });
    }

    /** Progress reports (en route, on scene, released) the crews sent so far. */
    public long progressReports() {
        return progressSent.sum();
    }

    /** AVL fixes (unit positions) the crews sent so far. */
    public long positionFixes() {
        return fixesSent.sum();
    }

    public DemoStats stats() {
        Map<RejectionCode, Long> byCode = new EnumMap<>(RejectionCode.class);
        rejected.forEach((code, n) -> byCode.put(code, n.sum()));
        Map<MessageKind, Long> byKind = new EnumMap<>(MessageKind.class);
        sentByKind.forEach((kind, n) -> byKind.put(kind, n.sum()));
        return new DemoStats(sent.sum(), acked.sum(), duplicates.sum(), byCode, failed.sum(), skipped.sum(), byKind,
                orders.accepted(), orders.rejected());
    }

    /** Completes once the scenario's duration is over and every message sent has its answer (never without a duration). */
    public CompletableFuture<Void> finished() {
        return finished.copy();
    }

    /** Stops sending, waits a few seconds for outstanding answers, and closes the clients. Idempotent. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        pacer.shutdownNow();
        long deadline = System.nanoTime() + DRAIN_WAIT.toNanos();
        while (unanswered.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        clients.values().forEach(AgencyClient::close);
        log.info("demo agencies stopped: {}", stats().line());
    }

    @Override
    public void close() {
        stop();
    }

    // ---- the pacer thread ----

    private void scheduleNext() {
        if (stopped.get()) {
            return;
        }
        PlannedMessage next = scenario.next();
        if (options.duration() != null && next.at().compareTo(options.duration()) >= 0) {
            scenarioOver.set(true);
            checkFinished();
            return;
        }
        long delay = startNanos + next.at().toNanos() - System.nanoTime();
        pacer.schedule(() -> {
            send(next);
            scheduleNext();
        }, Math.max(0, delay), TimeUnit.NANOSECONDS);
    }

    private void send(PlannedMessage planned) {
        AgencyClient client = clients.get(planned.agency());
        if (client == null) {
            skipped.increment();
            return;
        }
        Sent original = planned.resend() ? sentForResend.get(planned.messageId()) : null;
        Envelope envelope = original != null ? original.envelope() : Restamp.at(planned.envelope(), clock.instant());
        sent.increment();
        sentByKind.computeIfAbsent(envelope.getKind(), k -> new LongAdder()).increment();
        unanswered.incrementAndGet();
        if (options.verbose()) {
            log.info("{} {}", planned.resend() ? "resend" : "send", MessageSummary.of(envelope));
        }
        CompletableFuture<Reply> reply;
        if (original != null) {
            // The link repeats a message that already went through; were the first still unanswered, the
            // client would merge the two and the gateway would never see the repeat.
            reply = original.reply().handle((r, e) -> null).thenCompose(ignored -> client.send(envelope));
        } else {
            reply = client.send(envelope);
            sentForResend.put(envelope.getMessageId(), new Sent(envelope, reply));
        }
        String id = envelope.getMessageId();
        reply.whenComplete((answer, error) -> {
            if (error != null) {
                failed.increment();
                // One line per agency is enough to explain a refused token or a closed client.
                if (failureLogged.add(planned.agency())) {
                    log.warn("no answer for {} from {} (further failures of this agency are logged at debug): {}",
                            id, planned.agency(), error.getMessage());
                } else {
                    log.debug("no answer for {}: {}", id, error.getMessage());
                }
            } else if (answer instanceof Reply.Acked a) {
                acked.increment();
                if (a.ack().getDuplicate()) {
                    duplicates.increment();
                }
                if (options.verbose()) {
                    log.info("ack {}{}{}", id, a.ack().getDuplicate() ? " (duplicate)" : "",
                            a.ack().getEffectRef().isEmpty() ? "" : " -> " + a.ack().getEffectRef());
                }
            } else if (answer instanceof Reply.Rejected r) {
                rejected.computeIfAbsent(r.rejection().getCode(), k -> new LongAdder()).increment();
                log.warn("rejected {}: {} at {}: {}", id, r.rejection().getCode(), r.rejection().getFieldPath(),
                        r.rejection().getReason());
            }
            unanswered.decrementAndGet();
            checkFinished();
        });
    }

    private void checkFinished() {
        if (scenarioOver.get() && unanswered.get() == 0) {
            finished.complete(null);
        }
    }

    /** When the scenario started, for callers that want to line up their own clocks. */
    public Instant origin() {
        return scenario.origin();
    }
}
