package cn.emcc.protocols.validation;

import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.MessageStatus;
import cn.emcc.protocols.v1.RejectionCode;
import cn.emcc.protocols.v1.Sender;
import cn.emcc.protocols.v1.Signature;
import cn.emcc.protocols.v1.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether an inbound envelope is fit to act on, and if not, says
 * everything that is wrong with it. Checks the EDXL-DE header here and hands
 * the payload to the validator for its kind. It holds no state between
 * calls and is safe to share between threads.
 */
public final class EnvelopeValidator {

    private static final Logger log = LoggerFactory.getLogger(EnvelopeValidator.class);

    private static final Set<String> SIGNATURE_ALGORITHMS = Set.of("Ed25519", "SM2");
    /** An Ed25519 signature is 64 bytes and an SM2 one about 72; this leaves room for a DER wrapper. */
    private static final int MAX_SIGNATURE_BYTES = 1024;

    private final Checks checks;
    private final PoliceReportValidator policeReports;
    private final FireAlarmValidator fireAlarms;
    private final WeatherWarningValidator weatherWarnings;
    private final TrafficConditionValidator trafficConditions;
    private final UnitPositionValidator unitPositions;
    private final UnitStatusReportValidator unitStatuses;
    private final DispatchOrderValidator dispatchOrders;
    private final OrderAcknowledgementValidator orderAcknowledgements;
    private final OrderProgressValidator orderProgress;

    public EnvelopeValidator(ServiceArea area, ValidationLimits limits, Clock clock) {
        this.checks = Checks.create(Objects.requireNonNull(area, "area"), Objects.requireNonNull(limits, "limits"),
                Objects.requireNonNull(clock, "clock"));
        this.policeReports = new PoliceReportValidator(checks);
        this.fireAlarms = new FireAlarmValidator(checks);
        this.weatherWarnings = new WeatherWarningValidator(checks);
        this.trafficConditions = new TrafficConditionValidator(checks);
        this.unitPositions = new UnitPositionValidator(checks);
        this.unitStatuses = new UnitStatusReportValidator(checks);
        this.dispatchOrders = new DispatchOrderValidator(checks);
        this.orderAcknowledgements = new OrderAcknowledgementValidator(checks);
        this.orderProgress = new OrderProgressValidator(checks);
    }

    /** Every violation found, in field order; empty when the envelope is valid. Never throws. */
    public List<Violation> validate(Envelope envelope) {
        Violations v = new Violations();
        if (envelope == null) {
            v.add(RejectionCode.REJECTION_CODE_MALFORMED, "", "no envelope was given");
            return v.toList();
        }
        try {
            header(envelope, v);
            payload(envelope, v);
        } catch (RuntimeException e) {
            // A validator bug must not take the gateway down or let the message through.
            log.warn("validating envelope {} failed", TextChecks.quote(envelope.getMessageId()), e);
            v.add(RejectionCode.REJECTION_CODE_MALFORMED, "",
                    "the envelope could not be validated (" + e.getClass().getSimpleName() + ")");
        }
        return v.toList();
    }

    private void header(Envelope e, Violations v) {
        checks.text().messageId(v, "message_id", e.getMessageId());
        if (e.hasSender()) {
            sender(e.getSender(), v);
        } else {
            v.add(RejectionCode.REJECTION_CODE_MISSING_FIELD, "sender", "sender is not set; it is required");
        }
        Instant sent = checks.time().observed(v, "sent", e.hasSent(), e.getSent(), true);
        checks.enums().required(v, "kind", e.getKindValue(), MessageKind.getDescriptor());
        checks.enums().required(v, "status", e.getStatusValue(), MessageStatus.getDescriptor());
        if (e.hasExpires()) {
            expires(e, v, sent);
        }
        int n = checks.text().listSize(v, "references", e.getReferencesCount());
        for (int i = 0; i < n; i++) {
            checks.text().messageId(v, Violations.index("references", i), e.getReferences(i));
        }
        if (e.hasSignature()) {
            signature(e.getSignature(), v);
        }
    }

    private void sender(Sender s, Violations v) {
        checks.enums().required(v, "sender.agency", s.getAgencyValue(), Agency.getDescriptor());
        checks.text().systemId(v, "sender.system_id", s.getSystemId());
        checks.text().adcode(v, "sender.adcode", s.getAdcode(), false);
    }

    private void expires(Envelope e, Violations v, Instant sent) {
        Instant expires = checks.time().readable(v, "expires", true, e.getExpires(), false);
        if (expires == null) {
            return;
        }
        Instant now = checks.time().now();
        if (!expires.isAfter(now)) {
            v.add(RejectionCode.REJECTION_CODE_EXPIRED, "expires",
                    "expires is " + expires + ", not after now " + now + "; the sender asked not to act on it");
            return;
        }
        Instant checked = checks.time().scheduled(v, "expires", true, e.getExpires(), false);
        checks.time().after(v, "expires", checked, "sent", sent);
    }

    private void signature(Signature s, Violations v) {
        checks.text().id(v, "signature.key_id", s.getKeyId(), checks.limits().maxIdChars());
        if (s.getValue().isEmpty()) {
            v.add(RejectionCode.REJECTION_CODE_MISSING_FIELD, "signature.value",
                    "signature.value is empty; a signature slot that is set must carry one");
        } else if (s.getValue().size() > MAX_SIGNATURE_BYTES) {
            v.add(RejectionCode.REJECTION_CODE_TOO_LONG, "signature.value", "signature.value has "
                    + s.getValue().size() + " bytes; expected at most " + MAX_SIGNATURE_BYTES);
        }
        if (checks.text().required(v, "signature.algorithm", s.getAlgorithm())
                && !SIGNATURE_ALGORITHMS.contains(s.getAlgorithm())) {
            v.add(RejectionCode.REJECTION_CODE_INVALID_FORMAT, "signature.algorithm", "signature.algorithm is "
                    + TextChecks.quote(s.getAlgorithm()) + "; expected one of " + SIGNATURE_ALGORITHMS);
        }
    }

    private void payload(Envelope e, Violations v) {
        Envelope.PayloadCase payloadCase = e.getPayloadCase();
        if (payloadCase == Envelope.PayloadCase.PAYLOAD_NOT_SET) {
            v.add(RejectionCode.REJECTION_CODE_KIND_MISMATCH, "payload",
                    "payload is not set; expected the " + e.getKindValue() + " (" + e.getKind() + ") payload");
            return;
        }
        String path = payloadFieldName(payloadCase);
        MessageKind expected = kindOf(payloadCase);
        if (e.getKind() != MessageKind.MESSAGE_KIND_UNSPECIFIED && e.getKind() != MessageKind.UNRECOGNIZED
                && e.getKind() != expected) {
            v.add(RejectionCode.REJECTION_CODE_KIND_MISMATCH, "kind",
                    "kind is " + e.getKind() + " but the payload is " + path + "; expected kind " + expected);
        }
        switch (payloadCase) {
            case POLICE_REPORT -> policeReports.validate(e.getPoliceReport(), path, v);
            case FIRE_ALARM -> fireAlarms.validate(e.getFireAlarm(), path, v);
            case WEATHER_WARNING -> weatherWarnings.validate(e.getWeatherWarning(), path, v);
            case TRAFFIC_CONDITION -> trafficConditions.validate(e.getTrafficCondition(), path, v);
            case UNIT_POSITION -> unitPositions.validate(e.getUnitPosition(), path, v);
            case UNIT_STATUS -> unitStatuses.validate(e.getUnitStatus(), path, v);
            case DISPATCH_ORDER -> dispatchOrders.validate(e.getDispatchOrder(), path, v);
            case ORDER_ACKNOWLEDGEMENT -> orderAcknowledgements.validate(e.getOrderAcknowledgement(), path, v);
            case ORDER_PROGRESS -> orderProgress.validate(e.getOrderProgress(), path, v);
            case PAYLOAD_NOT_SET -> throw new IllegalStateException("handled above");
        }
    }

    /** The MessageKind that names a payload; the contract pairs them one to one. */
    public static MessageKind kindOf(Envelope.PayloadCase payloadCase) {
        return switch (payloadCase) {
            case POLICE_REPORT -> MessageKind.MESSAGE_KIND_POLICE_REPORT;
            case FIRE_ALARM -> MessageKind.MESSAGE_KIND_FIRE_ALARM;
            case WEATHER_WARNING -> MessageKind.MESSAGE_KIND_WEATHER_WARNING;
            case TRAFFIC_CONDITION -> MessageKind.MESSAGE_KIND_TRAFFIC_CONDITION;
            case UNIT_POSITION -> MessageKind.MESSAGE_KIND_UNIT_POSITION;
            case UNIT_STATUS -> MessageKind.MESSAGE_KIND_UNIT_STATUS;
            case DISPATCH_ORDER -> MessageKind.MESSAGE_KIND_DISPATCH_ORDER;
            case ORDER_ACKNOWLEDGEMENT -> MessageKind.MESSAGE_KIND_ORDER_ACKNOWLEDGEMENT;
            case ORDER_PROGRESS -> MessageKind.MESSAGE_KIND_ORDER_PROGRESS;
            case PAYLOAD_NOT_SET -> MessageKind.MESSAGE_KIND_UNSPECIFIED;
        };
    }

    /** The proto field name of the payload, e.g. "fire_alarm": the root of its field paths. */
    private static String payloadFieldName(Envelope.PayloadCase payloadCase) {
        return Envelope.getDescriptor().findFieldByNumber(payloadCase.getNumber()).getName();
    }
}
