package cn.emcc.protocols.client;

import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.Sender;
import cn.emcc.protocols.v1.UnitStatus;
import cn.emcc.protocols.v1.UnitStatusReport;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.ActorSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Starts a stand-in gateway on a real port for each test and builds clients pointed at it. */
abstract class GatewayTestBase {

    static final Sender FIRE_CAD = Sender.newBuilder()
            .setAgency(Agency.AGENCY_FIRE)
            .setSystemId("jinan-119-cad-1")
            .setAdcode("370100")
            .build();

    private static ActorSystem system;
    StandInGateway gateway;

    @BeforeAll
    static void startActorSystem() {
        system = ActorSystem.create("stand-in-gateway", ConfigFactory.parseString(
                "pekko.loglevel = WARNING\npekko.stdout-loglevel = WARNING"));
    }

    @AfterAll
    static void stopActorSystem() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @BeforeEach
    void startGateway() {
        gateway = startGateway(1 << 20);
    }

    StandInGateway startGateway(int maxBatchBytes) {
        return StandInGateway.start(system, maxBatchBytes);
    }

    @AfterEach
    void stopGateway() throws Exception {
        gateway.close();
    }

    AgencyClient.Builder client() {
        return AgencyClient.builder()
                .baseUri(gateway.baseUri())
                .credential(StandInGateway.KEY_ID, StandInGateway.AGENCY_KEY.getPrivate())
                .orderKeys(cn.emcc.protocols.trust.OrderKeys.of(StandInGateway.ORDER_KEY.getPublic()))
                .sender(FIRE_CAD)
                .reconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(200));
    }

    static Envelope unitStatus(AgencyClient client, String unitId) {
        return client.newEnvelope()
                .setKind(MessageKind.MESSAGE_KIND_UNIT_STATUS)
                .setUnitStatus(UnitStatusReport.newBuilder()
                        .setUnitId(unitId)
                        .setStatus(UnitStatus.UNIT_STATUS_AVAILABLE))
                .build();
    }
}
