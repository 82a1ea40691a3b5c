package cn.emcc.protocols.client;

import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.Rejection;
import cn.emcc.protocols.v1.RejectionCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgencyClientBatchTest extends GatewayTestBase {

    @Test
    void aBatchIsAnsweredOneReplyPerEnvelopeInOrder() throws Exception {
        gateway.rule((envelope, seen) -> envelope.getUnitStatus().getUnitId().isEmpty()
                ? Rejection.newBuilder().setCode(RejectionCode.REJECTION_CODE_MISSING_FIELD)
                        .setFieldPath("unit_status.unit_id").setReason("unit_id is empty").build()
                : null);
        try (AgencyClient client = client().build()) {
            List<Envelope> batch = List.of(
                    unitStatus(client, "119-jinan-engine-1"),
                    unitStatus(client, ""),
                    unitStatus(client, "119-jinan-engine-2"));

            List<Reply> replies = client.postBatch(batch).get(30, TimeUnit.SECONDS);

            assertThat(replies).extracting(Reply::messageId)
                    .containsExactly(batch.get(0).getMessageId(), batch.get(1).getMessageId(), batch.get(2).getMessageId());
            assertThat(replies.get(0)).isInstanceOf(Reply.Acked.class);
            assertThat(replies.get(1)).isInstanceOf(Reply.Rejected.class);
            assertThat(replies.get(2)).isInstanceOf(Reply.Acked.class);
            assertThat(gateway.durable()).containsExactlyInAnyOrder(batch.get(0).getMessageId(), batch.get(2).getMessageId());

            List<Reply> again = client.postBatch(batch.subList(0, 1)).get(30, TimeUnit.SECONDS);
            assertThat(((Reply.Acked) again.get(0)).ack().getDuplicate()).isTrue();
        }
    }

    @Test
    void anUnregisteredKeyIsRefusedWith401() throws Exception {
        try (AgencyClient client = client().credential(StandInGateway.KEY_ID,
                cn.emcc.protocols.trust.SignatureAlgorithm.ED25519.generate().getPrivate()).build()) {
            assertThatThrownBy(() -> client.postBatch(List.of(unitStatus(client, "119-jinan-engine-1"))).get(30, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(GatewayHttpException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(401))
                    .hasMessageContaining("refused the agency credential");
            assertThat(gateway.receipts()).isEmpty();
        }
    }

    @Test
    void anOversizeBatchIsRefusedWith413() throws Exception {
        gateway.close();
        gateway = startGateway(2_000);
        try (AgencyClient client = client().build()) {
            List<Envelope> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(unitStatus(client, "119-jinan-engine-" + i));
            }

            assertThatThrownBy(() -> client.postBatch(batch).get(30, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(GatewayHttpException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(413))
                    .hasMessageContaining("send smaller batches");
            assertThat(gateway.receipts()).isEmpty();
        }
    }
}
