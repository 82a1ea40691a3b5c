package cn.emcc.protocols.client;

import cn.emcc.protocols.v1.Ack;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.GatewayFrame;
import cn.emcc.protocols.v1.MessageStatus;
import cn.emcc.protocols.v1.Rejection;
import cn.emcc.protocols.v1.Sender;
import cn.emcc.protocols.trust.AgencyHandshake;
import cn.emcc.protocols.trust.EnvelopeSignatures;
import cn.emcc.protocols.trust.KeyPem;
import cn.emcc.protocols.trust.OrderKeys;
import cn.emcc.protocols.trust.SignatureAlgorithm;
import com.google.protobuf.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * The Java client a linked agency's system uses to talk to the emcc agency
 * gateway: a WebSocket stream that delivers every envelope at least once
 * (resending whatever is unanswered after a reconnect), answers dispatch
 * orders through the agency's {@link OrderHandler}, and an HTTP batch path.
 *
 * <p>The client proves who it is with the agency's Ed25519 key: a fresh,
 * single-use signed handshake on every connection and POST, and a signature
 * on every envelope it sends. It acts only on dispatch orders signed by a
 * trusted emcc order key; any other order is refused (never acknowledged)
 * and reported to {@link Builder#onRefusedOrder}.
 *
 * <p>All delivery state lives on one loop thread, so none of it needs locks;
 * public methods only hand work to that thread. Futures are completed, and the
 * order handler is called, on the configured executor (by default the
 * client's own worker threads), never on the loop.
 */
public final class AgencyClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgencyClient.class);
    static final String THREAD_PREFIX = "emcc-agency-client-";
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final int MAX_FRAME_BYTES = 4 << 20;
    private static final int REMEMBERED_ORDERS = 10_000;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final URI streamUri;
    static final String STREAM_PATH = "/v1/agency/stream";
    static final String BATCH_PATH = "/v1/agency/messages";

    private final String keyId;
    private final PrivateKey agencyKey;
    private final OrderKeys orderKeys;
    private final Consumer<RefusedOrder> onRefusedOrder;
    private final Sender sender;
    private final Clock clock;
    private final int maxInFlight;
    private final int maxQueued;
    private final int maxRetries;
    private final Duration ackTimeout;
    private final Backoff backoff;
    private final String threadPrefix;
    private final ScheduledThreadPoolExecutor loop;
    private final ExecutorService workers;
    private final Executor callbacks;
    private final HttpClient http;
    private final BatchPoster batch;
    private final OrderDesk orders;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicBoolean closeCalled = new AtomicBoolean();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private volatile ConnectionState state = ConnectionState.CONNECTING;

    // Owned by the loop thread.
    private final OutboundLedger ledger;
    private GatewayStream stream;
    private boolean started;
    private int reconnectAttempt;
    private ScheduledFuture<?> reconnectTimer;
    private ScheduledFuture<?> ackWatch;
    private AgencyClientException closedCause;

    private AgencyClient(Builder b) {
        String base = b.baseUri.toString().replaceAll("/+$", "");
        String scheme = b.baseUri.getScheme();
        this.streamUri = URI.create(("https".equals(scheme) ? "wss" : "ws") + base.substring(scheme.length())
                + STREAM_PATH);
        this.keyId = b.keyId;
        this.agencyKey = b.agencyKey;
        this.orderKeys = b.orderKeys;
        this.onRefusedOrder = b.onRefusedOrder;
        this.sender = b.sender;
        this.clock = b.clock;
        this.maxInFlight = b.maxInFlight;
        this.maxQueued = b.maxQueued;
        this.maxRetries = b.maxRetries;
        this.ackTimeout = b.ackTimeout;
        this.backoff = new Backoff(b.backoffMin, b.backoffMax);
        this.threadPrefix = THREAD_PREFIX + INSTANCES.incrementAndGet() + "-";
        this.loop = new ScheduledThreadPoolExecutor(1, threads("loop"));
        this.loop.setRemoveOnCancelPolicy(true);
        this.loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.workers = Executors.newCachedThreadPool(threads("worker"));
        this.callbacks = b.executor != null ? b.executor : workers;
        HttpClient.Builder httpBuilder = HttpClient.newBuilder();
        if (b.sslContext != null) {
            httpBuilder.sslContext(b.sslContext);
        }
        this.http = httpBuilder
                .executor(workers)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(ackTimeout)
                .build();
        this.batch = new BatchPoster(http, URI.create(base + BATCH_PATH), () -> handshake("POST", BATCH_PATH),
                ackTimeout, MAX_FRAME_BYTES);
        this.ledger = new OutboundLedger(maxInFlight);
        this.orders = new OrderDesk(b.orderHandler, callbacks, task -> runOnLoop(task, () -> { }),
                this::newEnvelope, clock, this::deliverOrderAnswer, REMEMBERED_ORDERS);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens the stream. The future completes when the first connection is up
     * (later losses are repaired on their own), and fails only if the gateway
     * refuses the agency's credential or the client is closed first.
     */
    public CompletableFuture<Void> connect() {
        runOnLoop(this::start, () -> { });
        return connected.copy();
    }

    /**
     * Delivers one envelope over the stream. The future completes with the
     * gateway's first answer for its message_id, however many reconnects and
     * resends that takes; a retryable rejection is resent after a backoff, up
     * to the configured number of tries, before it is surfaced. Sending a
     * message_id that is already unanswered shares that message's answer.
     * Beyond maxInFlight the envelope waits inside the client; beyond
     * maxQueued more the future fails at once with {@link QueueFullException}.
     */
    public CompletableFuture<Reply> send(Envelope envelope) {
        Objects.requireNonNull(envelope, "envelope");
        String id = envelope.getMessageId();
        if (id.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "envelope.message_id is empty; expected a unique id such as a UUID (see newEnvelope())"));
        }
        if (closeCalled.get()) {
            return CompletableFuture.failedFuture(new ClientClosedException(
                    "AgencyClient is closed; message_id '" + id + "' was not sent"));
        }
        if (!reserve()) {
            return CompletableFuture.failedFuture(new QueueFullException("message_id '" + id + "' refused: "
                    + outstanding.get() + " messages are unanswered; the limit is maxInFlight " + maxInFlight
                    + " + maxQueued " + maxQueued + ". Wait for answers before sending more"));
        }
        CompletableFuture<Reply> future = new CompletableFuture<>();
        runOnLoop(() -> take(envelope, future), () -> {
            outstanding.decrementAndGet();
            future.completeExceptionally(new ClientClosedException(
                    "AgencyClient is closed; message_id '" + id + "' was not sent"));
        });
        return future;
    }

    /**
     * Posts envelopes as one HTTP batch and returns one reply per envelope, in
     * order. Nothing is resent here: on failure, or for retryable rejections,
     * post again (resends with the same message_id are harmless). Each
     * envelope is signed before it goes. Fails with
     * {@link GatewayHttpException} for a status other than 200 (401 credential refused,
     * 413 batch too large, 429 rate-limited).
     */
    public CompletableFuture<List<Reply>> postBatch(List<Envelope> envelopes) {
        if (closeCalled.get()) {
            return CompletableFuture.failedFuture(new ClientClosedException("AgencyClient is closed; batch not posted"));
        }
        if (envelopes.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<Envelope> signed = new ArrayList<>(envelopes.size());
        List<byte[]> wires = new ArrayList<>(envelopes.size());
        for (Envelope e : envelopes) {
            EnvelopeSignatures.Signed s = EnvelopeSignatures.sign(e, keyId, agencyKey);
            signed.add(s.envelope());
            wires.add(s.wire());
        }
        return batch.post(signed, wires);
    }

    /** A new envelope from this agency: a fresh UUID message_id, the sender, sent = now, status ACTUAL. */
    public Envelope.Builder newEnvelope() {
        return Envelope.newBuilder()
                .setMessageId(UUID.randomUUID().toString())
                .setSender(sender)
                .setSent(timestamp(clock.instant()))
                .setStatus(MessageStatus.MESSAGE_STATUS_ACTUAL);
    }

    /** Messages taken on by {@link #send} (or order answers) that have no answer yet, sent or still queued. */
    public int unacknowledged() {
        return outstanding.get();
    }

    public ConnectionState state() {
        return state;
    }

    /**
     * Closes the connection, fails every unanswered future with
     * {@link ClientClosedException} and stops the client's threads. A
     * caller-supplied executor is left running.
     */
    @Override
    public void close() {
        if (!closeCalled.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<GatewayStream> detached = new CompletableFuture<>();
        runOnLoop(() -> detached.complete(stop(new ClientClosedException("AgencyClient closed"))),
                () -> detached.complete(null));
        GatewayStream last = null;
        try {
            last = detached.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("the client loop did not stop within {}", CLOSE_WAIT);
        }
        if (last != null) {
            last.closeGracefully(Duration.ofSeconds(1));
        }
        loop.shutdown();
        workers.shutdown();
        boolean onOwnThread = Thread.currentThread().getName().startsWith(threadPrefix);
        if (!onOwnThread) {
            awaitTermination(loop);
            awaitTermination(workers);
        }
        // HttpClient gained close() in Java 21; on 17 its selector thread ends once the client is unreachable.
        if (http instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.debug("closing the HTTP client: {}", e.toString());
            }
        }
    }

    // ---- everything below runs on the loop thread ----

    private void start() {
        if (started || state == ConnectionState.CLOSED) {
            return;
        }
        started = true;
        long period = Math.max(10, Math.min(ackTimeout.toMillis() / 4, 1000));
        ackWatch = loop.scheduleWithFixedDelay(this::checkAckTimeouts, period, period, TimeUnit.MILLISECONDS);
        openStream();
    }

    private void openStream() {
        state = ConnectionState.CONNECTING;
        GatewayStream opening = new GatewayStream(streamEvents(), MAX_FRAME_BYTES);
        stream = opening;
        opening.open(http, streamUri, handshake("GET", STREAM_PATH), ackTimeout)
                .whenComplete((ok, error) -> runOnLoop(() -> onOpened(opening, error), opening::abort));
    }

    private GatewayStream.Events streamEvents() {
        return new GatewayStream.Events() {
            @Override
            public void onFrame(GatewayStream from, GatewayFrame frame, byte[] wire) {
                runOnLoop(() -> AgencyClient.this.onFrame(from, frame, wire), from::abort);
            }

            @Override
            public void onLost(GatewayStream from, String why) {
                runOnLoop(() -> AgencyClient.this.onLost(from, why), () -> { });
            }
        };
    }

    private void onOpened(GatewayStream opened, Throwable error) {
        if (opened != stream || state == ConnectionState.CLOSED) {
            opened.abort();
            return;
        }
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof WebSocketHandshakeException handshake) {
                int status = handshake.getResponse().statusCode();
                if (status == 401 || status == 403) {
                    stop(new GatewayHttpException(status, "the gateway refused the agency credential (key '" + keyId
                            + "'): GET " + streamUri + " answered " + status
                            + "; is the key registered and active, and this machine's clock right? The client stopped"));
                    return;
                }
            }
            connectionLost("could not connect to " + streamUri + ": " + cause);
            return;
        }
        state = ConnectionState.CONNECTED;
        reconnectAttempt = 0;
        log.info("connected to {}; resending {} unanswered messages", streamUri, ledger.inFlightCount());
        connected.complete(null);
        for (OutboundLedger.Entry e : ledger.inFlightInOrder()) {
            if (e.retry == null) {
                transmit(e);
            }
        }
    }

    private void onLost(GatewayStream from, String why) {
        if (from == stream && state != ConnectionState.CLOSED) {
            connectionLost(why);
        }
    }

    private void connectionLost(String why) {
        stream.abort();
        stream = null;
        for (OutboundLedger.Entry e : ledger.inFlightInOrder()) {
            e.onWire = false;
        }
        state = ConnectionState.BACKING_OFF;
        Duration delay = backoff.delay(reconnectAttempt);
        reconnectAttempt = Math.min(reconnectAttempt + 1, 62);
        log.warn("{}; reconnecting in {} ms", why, delay.toMillis());
        reconnectTimer = loop.schedule(() -> {
            if (state == ConnectionState.BACKING_OFF) {
                openStream();
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void checkAckTimeouts() {
        if (state != ConnectionState.CONNECTED) {
            return;
        }
        long now = System.nanoTime();
        for (OutboundLedger.Entry e : ledger.inFlightInOrder()) {
            if (e.onWire && now - e.sentAtNanos > ackTimeout.toNanos()) {
                connectionLost("no answer to message_id '" + e.messageId() + "' within ackTimeout " + ackTimeout
                        + "; the connection is presumed dead");
                return;
            }
        }
    }

    private void onFrame(GatewayStream from, GatewayFrame frame, byte[] wire) {
        if (from != stream || state == ConnectionState.CLOSED) {
            return;
        }
        switch (frame.getBodyCase()) {
            case ACK -> onAck(frame.getAck());
            case REJECTION -> onRejection(frame.getRejection());
            case ENVELOPE -> onEnvelope(frame.getEnvelope(), wire);
            default -> log.warn("ignoring an empty GatewayFrame from the gateway");
        }
        from.requestNext();
    }

    /** An envelope from emcc: acted on only when emcc's signature over its exact bytes checks out. */
    private void onEnvelope(Envelope envelope, byte[] frameWire) {
        String problem = EnvelopeSignatures.embedded(frameWire, GatewayFrame.ENVELOPE_FIELD_NUMBER)
                .map(bytes -> orderKeys == null
                        ? java.util.Optional.of("no emcc order key is configured, so no order can be trusted")
                        : orderKeys.problem(envelope, bytes))
                .orElse(java.util.Optional.of("the frame does not hold exactly one envelope"))
                .orElse(null);
        if (problem != null) {
            log.error("refused an order from the gateway, not acknowledged: {}", problem);
            RefusedOrder refused = new RefusedOrder(envelope, problem);
            try {
                callbacks.execute(() -> onRefusedOrder.accept(refused));
            } catch (RejectedExecutionException e) {
                log.debug("refused order not reported: the executor is shut down");
            }
            return;
        }
        orders.onEnvelope(envelope);
    }

    private String handshake(String method, String path) {
        return AgencyHandshake.header(keyId, agencyKey, method, path, clock.instant());
    }

    private void take(Envelope envelope, CompletableFuture<Reply> future) {
        if (state == ConnectionState.CLOSED) {
            outstanding.decrementAndGet();
            future.completeExceptionally(new ClientClosedException("message_id '" + envelope.getMessageId()
                    + "' was not sent: " + closedCause.getMessage(), closedCause));
            return;
        }
        OutboundLedger.Entry existing = ledger.find(envelope.getMessageId());
        if (existing != null) {
            outstanding.decrementAndGet();
            existing.future.whenComplete((reply, error) -> {
                if (error != null) {
                    future.completeExceptionally(error);
                } else {
                    future.complete(reply);
                }
            });
            return;
        }
        EnvelopeSignatures.Signed signed = EnvelopeSignatures.sign(envelope, keyId, agencyKey);
        OutboundLedger.Entry entry = new OutboundLedger.Entry(signed.envelope(), signed.wire(), future);
        if (ledger.add(entry) && state == ConnectionState.CONNECTED) {
            transmit(entry);
        }
    }

    /** Sends an order answer; a repeat of one still unanswered goes on the wire again rather than into the ledger twice. */
    private void deliverOrderAnswer(Envelope answer) {
        OutboundLedger.Entry existing = ledger.find(answer.getMessageId());
        if (existing != null) {
            if (existing.onWire && state == ConnectionState.CONNECTED) {
                stream.send(existing.bytes);
            }
            return;
        }
        outstanding.incrementAndGet();
        CompletableFuture<Reply> future = new CompletableFuture<>();
        future.whenComplete((reply, error) -> {
            if (reply instanceof Reply.Rejected rejected) {
                log.error("gateway rejected the order acknowledgement {}: {} {}", answer.getMessageId(),
                        rejected.rejection().getCode(), rejected.rejection().getReason());
            }
        });
        take(answer, future);
    }

    private void transmit(OutboundLedger.Entry e) {
        e.onWire = true;
        e.sentAtNanos = System.nanoTime();
        stream.send(e.bytes);
    }

    private void onAck(Ack ack) {
        OutboundLedger.Entry e = ledger.remove(ack.getMessageId());
        if (e == null) {
            log.debug("ack for message_id '{}' that is not unanswered (a repeat); ignored", ack.getMessageId());
            return;
        }
        answer(e, new Reply.Acked(ack));
    }

    private void onRejection(Rejection rejection) {
        String id = rejection.getMessageId();
        OutboundLedger.Entry e = ledger.inFlight(id);
        if (e == null) {
            log.warn("rejection for message_id '{}' that is not unanswered: {} {}", id, rejection.getCode(),
                    rejection.getReason());
            return;
        }
        if (rejection.getRetryable() && e.retryableRejections < maxRetries) {
            Duration delay = backoff.delay(e.retryableRejections);
            e.retryableRejections++;
            e.onWire = false;
            log.debug("message_id '{}' rejected with {}; resending in {} ms", id, rejection.getCode(), delay.toMillis());
            e.retry = loop.schedule(() -> {
                e.retry = null;
                if (ledger.inFlight(id) == e && state == ConnectionState.CONNECTED) {
                    transmit(e);
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
            return;
        }
        ledger.remove(id);
        answer(e, new Reply.Rejected(rejection));
    }

    private void answer(OutboundLedger.Entry e, Reply reply) {
        outstanding.decrementAndGet();
        complete(e.future, reply, null);
        for (OutboundLedger.Entry admitted : ledger.admitWaiting()) {
            if (state == ConnectionState.CONNECTED) {
                transmit(admitted);
            }
        }
    }

    /** Stops for good: fails every unanswered future with the cause; returns the stream to close, if any. */
    private GatewayStream stop(AgencyClientException cause) {
        if (state == ConnectionState.CLOSED) {
            return null;
        }
        state = ConnectionState.CLOSED;
        closedCause = cause;
        cancel(reconnectTimer);
        cancel(ackWatch);
        for (OutboundLedger.Entry e : ledger.drain()) {
            cancel(e.retry);
            outstanding.decrementAndGet();
            complete(e.future, null, new ClientClosedException("no answer for message_id '" + e.messageId()
                    + "': " + cause.getMessage(), cause));
        }
        connected.completeExceptionally(cause);
        GatewayStream last = stream;
        stream = null;
        return last;
    }

    // ---- helpers ----

    private void complete(CompletableFuture<Reply> future, Reply reply, Throwable error) {
        Runnable completion = () -> {
            if (error != null) {
                future.completeExceptionally(error);
            } else {
                future.complete(reply);
            }
        };
        try {
            callbacks.execute(completion);
        } catch (RejectedExecutionException e) {
            completion.run();
        }
    }

    private void runOnLoop(Runnable task, Runnable ifClosed) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            ifClosed.run();
        }
    }

    private boolean reserve() {
        int limit = maxInFlight + maxQueued;
        while (true) {
            int n = outstanding.get();
            if (n >= limit) {
                return false;
            }
            if (outstanding.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    private ThreadFactory threads(String role) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, threadPrefix + role + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private static void awaitTermination(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("client threads still busy {} after close", CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    /**
     * Settings of an {@link AgencyClient}; baseUri, credential and sender are
     * required, and orderKeys too when there is an order handler.
     */
    public static final class Builder {
        private URI baseUri;
        private String keyId;
        private PrivateKey agencyKey;
        private OrderKeys orderKeys;
        private Consumer<RefusedOrder> onRefusedOrder = refused -> { };
        private SSLContext sslContext;
        private Sender sender;
        private OrderHandler orderHandler;
        private int maxInFlight = 256;
        private int maxQueued = 10_000;
        private Duration backoffMin = Duration.ofMillis(200);
        private Duration backoffMax = Duration.ofSeconds(10);
        private int maxRetries = 5;
        private Duration ackTimeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private Executor executor;

        private Builder() {
        }

        /** The gateway, e.g. {@code http://emcc.example:8080}; the stream uses ws:// (wss:// for https). */
        public Builder baseUri(URI baseUri) {
            this.baseUri = baseUri;
            return this;
        }

        public Builder baseUri(String baseUri) {
            return baseUri(URI.create(baseUri));
        }

        /** The agency's Ed25519 private key and the id emcc registered its public key under. */
        public Builder credential(String keyId, PrivateKey key) {
            this.keyId = keyId;
            this.agencyKey = key;
            return this;
        }

        /** As {@link #credential(String, PrivateKey)}, the key read from a PKCS#8 PEM file. */
        public Builder credential(String keyId, Path privateKeyPem) {
            return credential(keyId, KeyPem.readPrivateKey(privateKeyPem));
        }

        /** emcc's order-signing public keys (GET /v1/agency/order-key publishes the current one). */
        public Builder orderKeys(OrderKeys orderKeys) {
            this.orderKeys = orderKeys;
            return this;
        }

        /** Told of every order refused for a missing or bad signature (called on the executor). */
        public Builder onRefusedOrder(Consumer<RefusedOrder> onRefusedOrder) {
            this.onRefusedOrder = Objects.requireNonNull(onRefusedOrder, "onRefusedOrder");
            return this;
        }

        /** The TLS settings for https:// (e.g. one trusting a development certificate); default: the JVM's. */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        public Builder sender(Sender sender) {
            this.sender = sender;
            return this;
        }

        /** Decides dispatch orders; without one, orders are logged and left unanswered. */
        public Builder orderHandler(OrderHandler orderHandler) {
            this.orderHandler = orderHandler;
            return this;
        }

        /** Most messages sent and unanswered at once (default 256). */
        public Builder maxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
            return this;
        }

        /** Most messages waiting inside the client beyond maxInFlight (default 10,000). */
        public Builder maxQueued(int maxQueued) {
            this.maxQueued = maxQueued;
            return this;
        }

        /** Delay range between reconnects and between resends of a retryable rejection (default 200 ms .. 10 s). */
        public Builder reconnectBackoff(Duration min, Duration max) {
            this.backoffMin = min;
            this.backoffMax = max;
            return this;
        }

        /** How many times a retryable rejection (RATE_LIMITED, UNAVAILABLE) is resent before it is surfaced (default 5). */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /** How long a sent message may go unanswered before the connection is presumed dead (default 30 s). */
        public Builder ackTimeout(Duration ackTimeout) {
            this.ackTimeout = ackTimeout;
            return this;
        }

        /** Source of envelope and acknowledgement timestamps (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Where futures complete and the order handler runs (default: the client's own threads). */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        public AgencyClient build() {
            if (baseUri == null || baseUri.getHost() == null
                    || !("http".equals(baseUri.getScheme()) || "https".equals(baseUri.getScheme()))) {
                throw new IllegalArgumentException("baseUri is " + baseUri + "; expected http://host:port or https://host:port");
            }
            if (keyId == null || keyId.isBlank() || agencyKey == null) {
                throw new IllegalArgumentException("credential is missing; expected the agency's key id and Ed25519 private key");
            }
            if (SignatureAlgorithm.of(agencyKey) != SignatureAlgorithm.ED25519) {
                throw new IllegalArgumentException("the credential is a " + agencyKey.getAlgorithm()
                        + " key; agency credentials are Ed25519");
            }
            if (orderHandler != null && orderKeys == null) {
                throw new IllegalArgumentException("an orderHandler needs orderKeys: orders are acted on only when"
                        + " signed by emcc's order key");
            }
            if (sender == null || sender.getSystemId().isEmpty()) {
                throw new IllegalArgumentException("sender is " + sender + "; expected an emcc.v1.Sender with a system_id");
            }
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("maxInFlight is " + maxInFlight + "; expected at least 1");
            }
            if (maxQueued < 0) {
                throw new IllegalArgumentException("maxQueued is " + maxQueued + "; expected 0 or more");
            }
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries is " + maxRetries + "; expected 0 or more");
            }
            if (ackTimeout == null || ackTimeout.isNegative() || ackTimeout.isZero()) {
                throw new IllegalArgumentException("ackTimeout is " + ackTimeout + "; expected a positive duration");
            }
            Objects.requireNonNull(clock, "clock");
            new Backoff(Objects.requireNonNull(backoffMin, "backoff min"), Objects.requireNonNull(backoffMax, "backoff max"));
            return new AgencyClient(this);
        }
    }
}
