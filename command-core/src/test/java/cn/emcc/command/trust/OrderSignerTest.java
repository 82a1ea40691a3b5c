package cn.emcc.command.trust;

import cn.emcc.protocols.trust.EnvelopeSignatures;
import cn.emcc.protocols.trust.KeyPem;
import cn.emcc.protocols.trust.OrderKeys;
import cn.emcc.protocols.trust.SignatureAlgorithm;
import cn.emcc.protocols.v1.DispatchOrder;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.MessageKind;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * emcc's own order signer with each algorithm it offers: an order it signs
 * verifies with the public key it publishes (the PEM file beside the private
 * key, which is also what GET /v1/agency/order-key serves), under the
 * algorithm name and key id it puts on the signature; one byte changed
 * anywhere in the signed order, or in the signature, and it no longer does.
 */
class OrderSignerTest {

    @TempDir
    Path keys;

    private static Envelope order() {
        return Envelope.newBuilder().setMessageId("emcc-order-1").setKind(MessageKind.MESSAGE_KIND_DISPATCH_ORDER)
                .setDispatchOrder(DispatchOrder.newBuilder().setOrderId("INC-1.F-370102-1-PE1").setIncidentId("INC-1")
                        .setUnitId("F-370102-1-PE1"))
                .build();
    }

    /** The key an agency installs: the published PEM file, read as it would read it. */
    private static PublicKey published(OrderSigner signer) throws Exception {
        return KeyPem.publicKey(Files.readString(signer.publicKeyFile()), signer.publicKeyFile().toString());
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void an_order_signed_by_emcc_verifies_with_the_published_key_and_a_changed_byte_does_not(SignatureAlgorithm alg)
            throws Exception {
        OrderSigner signer = OrderSigner.fromConfig(ConfigFactory.parseString(
                "emcc.orders.signing { key-dir = \"" + keys + "\", algorithm = " + alg.wireName() + " }"));
        assertThat(signer.algorithm()).isEqualTo(alg);
        PublicKey key = published(signer);
        assertThat(key).isEqualTo(signer.publicKey());
        assertThat(signer.keyId()).isEqualTo(KeyPem.fingerprint(key));

        Envelope signed = signer.sign(order());
        assertThat(signed.getSignature().getAlgorithm()).isEqualTo(alg.wireName());
        assertThat(signed.getSignature().getKeyId()).isEqualTo(signer.keyId());
        assertThat(signed.toBuilder().clearSignature().build()).isEqualTo(order());
        byte[] wire = signed.toByteArray();

        OrderKeys trusted = OrderKeys.of(key);
        assertThat(trusted.problem(signed, wire)).isEmpty();
        assertThat(EnvelopeSignatures.verify(wire, signed.getSignature(), alg, key)).isTrue();

        // Every single byte of the order outside the signature matters.
        byte[] unsigned = signed.toBuilder().clearSignature().build().toByteArray();
        for (int i = 0; i < unsigned.length; i++) {
            byte[] tampered = unsigned.clone();
            tampered[i] ^= 0x01;
            assertThat(EnvelopeSignatures.verify(tampered, signed.getSignature(), alg, key))
                    .as("byte %d of %d changed", i, unsigned.length).isFalse();
        }
        Envelope otherUnit = signed.toBuilder()
                .setDispatchOrder(signed.getDispatchOrder().toBuilder().setUnitId("F-370102-1-PE2")).build();
        assertThat(trusted.problem(otherUnit, otherUnit.toByteArray())).get().asString().contains("altered");

        byte[] value = signed.getSignature().getValue().toByteArray();
        value[value.length / 2] ^= 0x01;
        Envelope badSignature = signed.toBuilder().setSignature(signed.getSignature().toBuilder()
                .setValue(com.google.protobuf.ByteString.copyFrom(value))).build();
        assertThat(trusted.problem(badSignature, badSignature.toByteArray())).get().asString().contains("altered");

        Envelope unsignedOrder = signed.toBuilder().clearSignature().build();
        assertThat(trusted.problem(unsignedOrder, unsignedOrder.toByteArray())).get().asString().contains("unsigned");
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void the_key_pair_is_kept_across_restarts_and_another_key_does_not_verify_its_orders(SignatureAlgorithm alg)
            throws Exception {
        OrderSigner first = OrderSigner.loadOrCreate(keys, alg);
        OrderSigner again = OrderSigner.loadOrCreate(keys, alg);
        assertThat(again.publicKey()).isEqualTo(first.publicKey());
        assertThat(again.keyId()).isEqualTo(first.keyId());

        Envelope signed = again.sign(order());
        assertThat(OrderKeys.of(first.publicKey()).problem(signed, signed.toByteArray())).isEmpty();

        OrderSigner stranger = OrderSigner.loadOrCreate(keys.resolve("elsewhere"), alg);
        assertThat(stranger.publicKey()).isNotEqualTo(first.publicKey());
        assertThat(EnvelopeSignatures.verify(signed.toByteArray(), signed.getSignature(), alg, stranger.publicKey()))
                .isFalse();
        assertThat(OrderKeys.of(stranger.publicKey()).problem(signed, signed.toByteArray())).get().asString()
                .contains("is signed by key '" + first.keyId() + "'");
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void a_key_file_of_the_other_algorithm_is_refused_at_start(SignatureAlgorithm alg) throws Exception {
        SignatureAlgorithm other = alg == SignatureAlgorithm.ED25519 ? SignatureAlgorithm.SM2 : SignatureAlgorithm.ED25519;
        OrderSigner signer = OrderSigner.loadOrCreate(keys, other);
        String base = "order-signing-" + alg.wireName().toLowerCase();
        Files.copy(keys.resolve("order-signing-" + other.wireName().toLowerCase() + ".key.pem"), keys.resolve(base + ".key.pem"));
        Files.copy(signer.publicKeyFile(), keys.resolve(base + ".pub.pem"));

        assertThatThrownBy(() -> OrderSigner.loadOrCreate(keys, alg)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds a " + other.wireName() + " key; expected " + alg.wireName());
    }
}
