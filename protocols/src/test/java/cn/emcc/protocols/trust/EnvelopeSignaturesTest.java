package cn.emcc.protocols.trust;

import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.Sender;
import cn.emcc.protocols.v1.UnitStatus;
import cn.emcc.protocols.v1.UnitStatusReport;
import com.google.protobuf.CodedOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.security.KeyPair;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class EnvelopeSignaturesTest {

    private static Envelope status(String unit) {
        return Envelope.newBuilder().setMessageId("m-1")
                .setSender(Sender.newBuilder().setAgency(Agency.AGENCY_FIRE).setSystemId("jinan-119").setAdcode("370100"))
                .setKind(MessageKind.MESSAGE_KIND_UNIT_STATUS)
                .setUnitStatus(UnitStatusReport.newBuilder().setUnitId(unit).setStatus(UnitStatus.UNIT_STATUS_AVAILABLE))
                .build();
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void aSignatureChecksOverTheWireBytesAndNotAfterAnyChange(SignatureAlgorithm algorithm) throws Exception {
        KeyPair key = algorithm.generate();
        EnvelopeSignatures.Signed signed = EnvelopeSignatures.sign(status("119-jinan-engine-1"), "k1", key.getPrivate());

        assertThat(signed.envelope().getSignature().getAlgorithm()).isEqualTo(algorithm.wireName());
        assertThat(EnvelopeSignatures.verify(signed.wire(), signed.envelope().getSignature(), algorithm, key.getPublic())).isTrue();
        // The envelope re-encoded by protobuf is the same bytes: a Java receiver may check either.
        assertThat(EnvelopeSignatures.verify(signed.envelope().toByteArray(), signed.envelope().getSignature(), algorithm,
                key.getPublic())).isTrue();

        Envelope altered = signed.envelope().toBuilder().setUnitStatus(signed.envelope().getUnitStatus().toBuilder()
                .setUnitId("119-jinan-engine-2")).build();
        assertThat(EnvelopeSignatures.verify(altered.toByteArray(), altered.getSignature(), algorithm, key.getPublic())).isFalse();
        assertThat(EnvelopeSignatures.verify(signed.wire(), signed.envelope().getSignature(), algorithm,
                algorithm.generate().getPublic())).isFalse();
    }

    @Test
    void aFieldTheReceiverDoesNotKnowIsCoveredInTheOrderItWasSent() throws Exception {
        KeyPair key = SignatureAlgorithm.ED25519.generate();
        // A newer sender's envelope: field 15 (unknown here) sits between the header and the payload.
        ByteArrayOutputStream unsigned = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(unsigned);
        out.writeString(Envelope.MESSAGE_ID_FIELD_NUMBER, "m-2");
        out.writeString(15, "a field from a later contract");
        out.writeMessage(Envelope.UNIT_STATUS_FIELD_NUMBER, status("u").getUnitStatus());
        out.flush();
        byte[] signedBytes = EnvelopeSignatures.signedBytes(unsigned.toByteArray());
        byte[] value = SignatureAlgorithm.ED25519.sign(key.getPrivate(), signedBytes);
        cn.emcc.protocols.v1.Signature sig = cn.emcc.protocols.v1.Signature.newBuilder().setKeyId("k")
                .setAlgorithm("Ed25519").setValue(com.google.protobuf.ByteString.copyFrom(value)).build();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(unsigned.toByteArray());
        wire.writeBytes(Envelope.newBuilder().setSignature(sig).build().toByteArray());

        assertThat(EnvelopeSignatures.verify(wire.toByteArray(), sig, SignatureAlgorithm.ED25519, key.getPublic())).isTrue();
    }

    @Test
    void keysSurviveTheirPemForm() {
        for (SignatureAlgorithm a : SignatureAlgorithm.values()) {
            KeyPair key = a.generate();
            assertThat(KeyPem.privateKey(KeyPem.pem(key.getPrivate()), "test").getEncoded()).isEqualTo(key.getPrivate().getEncoded());
            assertThat(KeyPem.publicKey(KeyPem.pem(key.getPublic()), "test")).isEqualTo(key.getPublic());
            assertThat(KeyPem.publicKey(KeyPem.base64(key.getPublic()), "test")).isEqualTo(key.getPublic());
            assertThat(SignatureAlgorithm.of(KeyPem.publicKey(KeyPem.pem(key.getPublic()), "test"))).isEqualTo(a);
        }
    }

    @Test
    void aHandshakeHeaderParsesBackAndIsBoundToMethodAndPath() {
        KeyPair key = SignatureAlgorithm.ED25519.generate();
        String header = AgencyHandshake.header("police-1", key.getPrivate(), "GET", "/v1/agency/stream", Instant.now());
        AgencyHandshake h = AgencyHandshake.parse(header).orElseThrow();

        assertThat(h.keyId()).isEqualTo("police-1");
        assertThat(SignatureAlgorithm.ED25519.verify(key.getPublic(), h.signedBytes("GET", "/v1/agency/stream"), h.signature())).isTrue();
        assertThat(SignatureAlgorithm.ED25519.verify(key.getPublic(), h.signedBytes("POST", "/v1/agency/messages"), h.signature())).isFalse();
        assertThat(AgencyHandshake.parse("Bearer abc")).isEmpty();
        assertThat(AgencyHandshake.parse(header.replace("keyId=", "key="))).isEmpty();
    }
}
