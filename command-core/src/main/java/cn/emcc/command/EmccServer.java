package cn.emcc.command;

import cn.emcc.command.audit.AgencyAudit;
import cn.emcc.command.audit.AuditActor;
import cn.emcc.command.audit.AuditLog;
import cn.emcc.command.audit.AuditReader;
import cn.emcc.command.audit.AuditRoutes;
import cn.emcc.command.audit.AuditSettings;
import cn.emcc.command.audit.HttpAudit;
import cn.emcc.command.correlation.CorrelationDesk;
import cn.emcc.command.correlation.CorrelationRules;
import cn.emcc.command.correlation.Correlator;
import cn.emcc.command.gateway.AgencyKeys;
import cn.emcc.command.gateway.AgencyRoutes;
import cn.emcc.command.gateway.EnvelopeAuthenticator;
import cn.emcc.command.gateway.HandshakeGuard;
import cn.emcc.command.tls.ServerTls;
import cn.emcc.command.trust.OrderSigner;
import cn.emcc.command.gateway.GatewayLimits;
import cn.emcc.command.gateway.Ingest;
import cn.emcc.command.gateway.AgencySessions;
import cn.emcc.command.gateway.UnitIntake;
import cn.emcc.command.http.DispatchRoutes;
import cn.emcc.command.http.MutualAidRoutes;
import cn.emcc.command.mutualaid.MutualAidActor;
import cn.emcc.command.mutualaid.MutualAidBoard;
import cn.emcc.command.mutualaid.MutualAidService;
import cn.emcc.command.http.EdgeErrors;
import cn.emcc.command.unit.UnitActor;
import cn.emcc.command.unit.UnitDirectory;
import cn.emcc.command.unit.UnitProjection;
import cn.emcc.command.unit.UnitRoster;
import cn.emcc.command.workflow.AutoDispatch;
import cn.emcc.command.workflow.AutoDispatchPolicy;
import cn.emcc.command.workflow.DispatchActor;
import cn.emcc.command.workflow.DispatchKeeper;
import cn.emcc.command.workflow.OrderAlertStream;
import cn.emcc.command.workflow.DispatchService;
import cn.emcc.command.workflow.DispatchSettings;
import cn.emcc.command.workflow.TravelModels;
import cn.emcc.dispatch.ResponsePlans;
import org.apache.pekko.actor.typed.ActorRef;
import cn.emcc.command.gateway.ReportIntake;
import cn.emcc.command.gateway.SituationIntake;
import cn.emcc.command.situation.OpenIncidentRef;
import cn.emcc.command.situation.Situation;
import cn.emcc.command.situation.SituationSettings;
import cn.emcc.command.situation.WarningCounties;
import cn.emcc.map.jurisdiction.Jurisdiction;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import java.util.stream.Collectors;
import cn.emcc.command.escalation.EscalationCommands;
import cn.emcc.command.escalation.EscalationDesk;
import cn.emcc.command.escalation.EscalationRoutes;
import cn.emcc.command.escalation.StreamAcknowledgements;
import cn.emcc.command.escalation.EscalationRules;
import cn.emcc.command.escalation.EscalationWatcher;
import cn.emcc.command.escalation.NoticeStream;
import cn.emcc.command.grading.GradingRules;
import cn.emcc.command.http.IncidentRoutes;
import cn.emcc.command.console.IncidentLayer;
import cn.emcc.command.console.NodeStatsRoutes;
import cn.emcc.command.console.OfficerMapScope;
import cn.emcc.command.console.TrafficLayer;
import cn.emcc.command.console.UnitLayer;
import cn.emcc.command.console.WarningLayer;
import cn.emcc.map.web.ConsoleRoutes;
import cn.emcc.map.web.ConsoleSettings;
import cn.emcc.map.web.MapLayers;
import cn.emcc.map.web.MapRoutes;
import cn.emcc.command.incident.IncidentActor;
import cn.emcc.command.incident.IncidentCommands;
import cn.emcc.command.incident.IncidentDetails;
import cn.emcc.command.nodes.NodeStreamRoutes;
import cn.emcc.command.nodes.NodeStreamSettings;
import cn.emcc.command.nodes.NodeStreams;
import cn.emcc.command.nodes.NodeWarnings;
import cn.emcc.command.officers.OfficerAccess;
import cn.emcc.command.officers.OfficerAccounts;
import cn.emcc.command.officers.OfficerAdminRoutes;
import cn.emcc.command.officers.OfficerService;
import cn.emcc.command.officers.OfficerSettings;
import cn.emcc.command.officers.SessionKey;
import cn.emcc.command.officers.SessionRoutes;
import cn.emcc.command.nodes.UnitViews;
import cn.emcc.command.persistence.Storage;
import cn.emcc.command.readside.IncidentBoard;
import cn.emcc.command.readside.IncidentProjection;
import cn.emcc.command.readside.TaggedEvents;
import cn.emcc.command.reporting.OverdueStream;
import cn.emcc.command.reporting.ReportDeadlineRules;
import cn.emcc.command.reporting.ReportDesk;
import cn.emcc.command.reporting.ReportRoutes;
import cn.emcc.command.reporting.ReportWatcher;
import cn.emcc.map.jurisdiction.JurisdictionLoader;
import cn.emcc.map.jurisdiction.Jurisdictions;
import cn.emcc.protocols.validation.BoundingBoxServiceArea;
import cn.emcc.protocols.validation.EnvelopeValidator;
import cn.emcc.protocols.validation.InboundDecoder;
import cn.emcc.protocols.validation.ValidationLimits;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBuilder;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One emcc node: the actor system joined to its cluster, the store prepared,
 * the sharded entities registered, the read side fed from the journal, and
 * the HTTP edge bound. {@link #main} runs a node until it is stopped.
 */
public final class EmccServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmccServer.class);

    private final ActorSystem<Void> system;
    private final ServerBinding binding;
    private final IncidentBoard board;
    private final Jurisdictions geography;
    private final Storage storage;
    private final Situation situation;
    private final NodeStreams nodes;
    private final OfficerService officers;
    private final Optional<ServerTls> tls;
    private final AgencyKeys agencyKeys;
    private final OrderSigner orderSigner;

    private EmccServer(ActorSystem<Void> system, ServerBinding binding, IncidentBoard board,
                       Jurisdictions geography, Storage storage, Situation situation, NodeStreams nodes,
                       OfficerService officers, Optional<ServerTls> tls, AgencyKeys agencyKeys, OrderSigner orderSigner) {
        this.system = system;
        this.binding = binding;
        this.board = board;
        this.geography = geography;
        this.storage = storage;
        this.situation = situation;
        this.nodes = nodes;
        this.officers = officers;
        this.tls = tls;
        this.agencyKeys = agencyKeys;
        this.orderSigner = orderSigner;
    }

    /** Starts a node with {@code config} (build it with {@link EmccConfig#load}). Blocks until it serves. */
    public static EmccServer start(Config configured) {
        Clock clock = Clock.systemUTC();
        Config config = configured.getInt("pekko.remote.artery.canonical.port") == 0
                // A node on a random port cannot name itself as seed in advance: it forms a cluster of one.
                ? ConfigFactory.parseString("pekko.cluster.seed-nodes = []").withFallback(configured)
                : configured;
        Jurisdictions geography = JurisdictionLoader.loadDefault();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), EmccConfig.ACTOR_SYSTEM_NAME, config);
        try {
            joinSelfWithoutSeeds(system);
            Storage storage = Storage.prepare(system);
            Duration askTimeout = config.getDuration("emcc.ask-timeout");

            CorrelationRules correlation = CorrelationRules.fromConfig(config);
            IncidentActor.init(system, GradingRules.fromConfig(config), clock);
            CorrelationDesk.init(system, new Correlator(correlation), correlation.widestWindow());
            EscalationDesk.init(system, clock);
            ReportDesk.init(system, ReportDeadlineRules.fromConfig(config), clock);
            AtomicReference<AutoDispatch> auto = new AtomicReference<>();

            JurisdictionTree tree = geography.tree();
            IncidentBoard board = new IncidentBoard();
            NodeStreams nodes = NodeStreams.start(system, tree, NodeStreamSettings.fromConfig(config), clock);
            board.onChange(nodes::publish);
            board.onChange(new EscalationWatcher(new EscalationRules(tree), ClusterSharding.get(system), askTimeout)::onChange);
            ReportWatcher reportWatcher = new ReportWatcher(ClusterSharding.get(system), askTimeout, clock)
                    .start(system, config.getDuration("emcc.report-deadlines.check-every"));
            board.onChange(reportWatcher::onChange);
            String readJournal = storage.kind().readJournalPluginId();
            TaggedEvents.follow(system, readJournal, EscalationDesk.TAG, EscalationDesk.Event.class, new NoticeStream(nodes));
            TaggedEvents.follow(system, readJournal, ReportDesk.TAG, ReportDesk.Event.class, new OverdueStream(nodes));
            TaggedEvents.follow(system, readJournal, DispatchActor.ALERT_TAG, DispatchActor.Event.class,
                    new OrderAlertStream(nodes, board));
            IncidentProjection.start(system, readJournal, board, event -> {
                AutoDispatch a = auto.get();
                if (a != null) {
                    a.onEvent(event);
                }
            });

            Situation situation = Situation.start(system, SituationSettings.fromConfig(config), clock,
                    () -> board.open(county -> true).stream().map(i -> new OpenIncidentRef(i.incidentId(),
                            i.longitude(), i.latitude(), i.countyAdcode(), i.warnings())).toList(),
                    county -> tree.ancestorsAndSelf(county).stream().map(Jurisdiction::adcode).collect(Collectors.toSet()));
            situation.warnings().onRefresh(new NodeWarnings(new WarningCounties(geography), tree, nodes)::refreshed);
            situation.warnings().refresh(); // the refresher's first answer may have come before the line above

            ClusterSharding sharding = ClusterSharding.get(system);
            DispatchSettings dispatchSettings = DispatchSettings.fromConfig(config);
            UnitRoster roster = UnitRoster.loadDefault();
            UnitActor.init(system, roster, clock);
            ActorRef<UnitDirectory.Command> units = system.systemActorOf(UnitDirectory.create(roster, tree,
                    dispatchSettings.avlSampleEvery(), dispatchSettings.avlKeepSamples(),
                    changed -> nodes.publishUnit(UnitViews.of(changed), false),
                    config.getDuration("emcc.nodes.unit-position-every")), "unit-directory",
                    org.apache.pekko.actor.typed.Props.empty());
            UnitProjection.start(system, storage.kind().readJournalPluginId(), units);
            OrderSigner orderSigner = OrderSigner.fromConfig(config);
            AgencyKeys agencyKeys = AgencyKeys.fromConfig(config);
            AgencySessions sessions = new AgencySessions(tree, dispatchSettings.outboundQueue(), orderSigner);
            agencyKeys.onChange(registry -> sessions.disconnect(who -> registry.active(who.keyId()).isEmpty()));
            agencyKeys.watch(system, config.getDuration("emcc.gateway.agency-keys-check-every"));
            Duration clockWindow = config.getDuration("emcc.gateway.handshake-window");
            IncidentCommands incidentCommands = new IncidentCommands(sharding, askTimeout);
            // The mutual-aid cycle is built on the dispatch service, and a confirmation raises requests through it.
            AtomicReference<MutualAidService> aidCycle = new AtomicReference<>();
            DispatchService dispatch = new DispatchService(system, incidentCommands, ResponsePlans.loadDefault(),
                    roster, units, new TravelModels(situation, geography), sessions, askTimeout, clock,
                    dispatchSettings.mutualAid(), (facts, need) -> aidCycle.get().raise(facts, need));
            DispatchActor.init(system, dispatchSettings.entitySettings(), dispatch, clock);
            DispatchKeeper.start(system, board, dispatchSettings.wakeEvery(), askTimeout,
                    dispatchSettings.wakeEndedWithin(), clock);
            MutualAidBoard aidBoard = new MutualAidBoard();
            MutualAidService mutualAid = new MutualAidService(system, incidentCommands, dispatch, roster, tree, aidBoard,
                    askTimeout);
            aidCycle.set(mutualAid);
            MutualAidActor.init(system, mutualAid, clock);
            TaggedEvents.follow(system, readJournal, MutualAidActor.TAG, MutualAidActor.Event.class, aidBoard::apply);
            auto.set(new AutoDispatch(dispatch, AutoDispatchPolicy.fromConfig(config), clock));
            ReportIntake reports = new ReportIntake(sharding, geography.locator(), tree,
                    (lon, lat, adcodes) -> situation.warnings().current().at(lon, lat, adcodes), askTimeout, clock);
            SituationIntake situationIntake = new SituationIntake(situation, clock);
            Ingest ingest = new Ingest(new InboundDecoder(
                    new EnvelopeValidator(BoundingBoxServiceArea.shandong(), ValidationLimits.defaults(), clock),
                    ValidationLimits.defaults()),
                    new EnvelopeAuthenticator(agencyKeys, config.getDuration("emcc.gateway.envelope-max-age"),
                            clockWindow, clock),
reports::file, situationIntake::warning, situationIntake::traffic, new UnitIntake(sharding, roster, tree, units, askTimeout, clock), clock);

            OfficerAccounts.init(system, clock);
            OfficerSettings officerSettings = OfficerSettings.fromConfig(config);
            OfficerService officers = new OfficerService(system, tree, officerSettings,
                    SessionKey.load(officerSettings.sessionKey(), officerSettings.sessionKeyFile()), askTimeout, clock);
            officers.ensureFirstAdmin(system);
            OfficerAccess access = new OfficerAccess(officers::authenticate, tree, incidentCounties(board, incidentCommands));

            EscalationCommands escalationCommands = new EscalationCommands(sharding, askTimeout);
            EscalationRoutes escalations = new EscalationRoutes(escalationCommands, tree, access);
            AuditSettings auditSettings = AuditSettings.fromConfig(config);
            AuditLog audit = AuditLog.start(system, auditSettings, clock);
            // guardAll outermost: the audit reads the officer that the officer directive resolved below it.
            Route routes = access.guardAll(new HttpAudit(audit, access::auditActor).audited(EdgeErrors.around(new Routes().concat(
                    new AgencyRoutes(new HandshakeGuard(agencyKeys, clockWindow,
                            config.getInt("emcc.gateway.handshake-nonces"), clock), orderSigner, ingest,
                            Materializer.matFromSystem(system), GatewayLimits.fromConfig(config), sessions)
                            .auditedBy(new AgencyAudit(audit)).routes(),
                    new AuditRoutes(new AuditReader(system, readJournal), access, auditSettings).routes(),
                    new SessionRoutes(officers, access).routes(),
                    new OfficerAdminRoutes(officers, access).routes(),
                    new ReportRoutes(incidentCommands, sharding, reportWatcher, askTimeout, access).routes(),
                    new IncidentRoutes(board, incidentCommands, geography.tree(), access).routes(),
                    new DispatchRoutes(dispatch, access).routes(),
                    new MutualAidRoutes(mutualAid, access).routes(),
                    escalations.routes(),
                    new NodeStreamRoutes(nodes, system,
                            new StreamAcknowledgements(escalationCommands, audit), access).routes(),
                    new NodeStatsRoutes(board, tree, clock, access).routes(),
                    new MapRoutes(geography, new MapLayers(new IncidentLayer(board),
                            new UnitLayer(units, system, askTimeout),
                            new WarningLayer(situation.warnings(), geography),
                            new TrafficLayer(situation, clock)),
                            new OfficerMapScope(access)).routes(),
                    new ConsoleRoutes(ConsoleSettings.fromConfig(config)).routes()))));
            Optional<ServerTls> tls = ServerTls.fromConfig(config);
            ServerBuilder server = Http.get(system)
                    .newServerAt(config.getString("emcc.http.host"), config.getInt("emcc.http.port"));
            if (tls.isPresent()) {
                server = server.enableHttps(ConnectionContext.httpsServer(tls.get().sslContext()));
            }
            ServerBinding binding = server
                    .bind(routes)
                    .toCompletableFuture().get(30, TimeUnit.SECONDS)
                    .addToCoordinatedShutdown(Duration.ofSeconds(10), system);
            log.info("emcc node up: http {} store {}", binding.localAddress(), storage.kind());
            return new EmccServer(system, binding, board, geography, storage, situation, nodes, officers, tls,
                    agencyKeys, orderSigner);
        } catch (Exception e) {
            system.terminate();
            throw new IllegalStateException("emcc could not start: " + e.getMessage(), e);
        }
    }

    /**
     * A node configured without seed nodes (tests, a single laptop node started
     * by hand) forms a cluster of one; sharding needs a cluster to place entities.
     */
    private static void joinSelfWithoutSeeds(ActorSystem<?> system) {
        Cluster cluster = Cluster.get(system);
        if (system.settings().config().getStringList("pekko.cluster.seed-nodes").isEmpty()) {
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
        }
    }

    /**
     * An incident's county for the officer checks: the read side when it has the
     * incident, else the incident itself (the read side lags a little behind).
     */
    private static OfficerAccess.IncidentCounties incidentCounties(IncidentBoard board, IncidentCommands incidents) {
        return id -> board.get(id)
                .map(summary -> java.util.concurrent.CompletableFuture.completedStage(Optional.of(summary.countyAdcode())))
                .orElseGet(() -> incidents.find(id).thenApply(details -> details.map(IncidentDetails::countyAdcode)));
    }

    /** Composes route trees without making this class an HTTP directive class. */
    private static final class Routes extends AllDirectives {
    }

    /** https://host:port, or http://host:port when TLS is explicitly off. */
    public URI baseUri() {
        return URI.create((tls.isPresent() ? "https" : "http") + "://" + binding.localAddress().getHostString()
                + ":" + binding.localAddress().getPort());
    }

    /** The TLS identity served, empty when TLS is off. */
    public Optional<ServerTls> tls() {
        return tls;
    }

    /** The live agency key registry (re-read when its file changes). */
    public AgencyKeys agencyKeys() {
        return agencyKeys;
    }

    /** emcc's order-signing key. */
    public OrderSigner orderSigner() {
        return orderSigner;
    }

    public ActorSystem<Void> system() {
        return system;
    }

    public IncidentBoard board() {
        return board;
    }

    public Jurisdictions geography() {
        return geography;
    }

    public Storage storage() {
        return storage;
    }

    public Situation situation() {
        return situation;
    }

    /** Officer accounts and sessions. */
    public OfficerService officers() {
        return officers;
    }

    /** The command nodes' streams of this process. */
    public NodeStreams nodes() {
        return nodes;
    }

    @Override
    public void close() {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("emcc did not stop cleanly within 30 s", e);
        }
    }

    public static void main(String[] args) {
        EmccServer server = start(EmccConfig.load());
        System.out.println("emcc is running");
        System.out.println("  console:        " + server.baseUri() + "/");
        System.out.println("  agency gateway: " + server.baseUri().toString().replaceFirst("^http", "ws") + "/v1/agency/stream");
        server.tls().flatMap(ServerTls::certificateFile).ifPresent(cert ->
                System.out.println("  TLS certificate: " + cert + " (clients trust this file)"));
        System.out.println("  order key:      " + server.orderSigner().publicKeyFile() + " ("
                + server.orderSigner().algorithm().wireName() + ", id " + server.orderSigner().keyId() + ")");
        System.out.println("  store:          " + server.storage().kind());
        server.system().getWhenTerminated().toCompletableFuture().join();
    }
}
