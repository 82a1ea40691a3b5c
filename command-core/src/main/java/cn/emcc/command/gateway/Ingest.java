package cn.emcc.command.gateway;

import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.GatewayFrame;
import cn.emcc.protocols.v1.MessageStatus;
import cn.emcc.protocols.v1.RejectionCode;
import cn.emcc.protocols.validation.Decoded;
import cn.emcc.protocols.validation.InboundDecoder;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the gateway does with one inbound frame, whichever transport brought
 * it: decode and validate, check its signature and sent time, check the
 * sender may send it, route it by kind,
 * and answer with an Ack (only once the effect is durable) or a Rejection
 * (and then nothing happened). Never throws: every path ends in a frame.
 */
public final class Ingest {

    /** Where each routed kind goes; the situation layer and units plug in here. */
    public interface Route {
        CompletionStage<GatewayFrame> handle(AgencyIdentity who, Envelope envelope);
    }

    private final InboundDecoder decoder;
    private final EnvelopeAuthenticator authenticator;
    private final Route reports;
    private final Route warnings;
    private final Route traffic;
    private final Route units;
    private final Clock clock;

    public Ingest(InboundDecoder decoder, EnvelopeAuthenticator authenticator, Route reports, Route warnings,
                  Route traffic, Route units, Clock clock) {
        this.decoder = decoder;
        this.authenticator = authenticator;
        this.reports = reports;
        this.warnings = warnings;
        this.traffic = traffic;
        this.units = units;
        this.clock = clock;
    }

    public CompletionStage<GatewayFrame> accept(AgencyIdentity who, byte[] frame) {
        try {
            Decoded decoded = decoder.decode(frame);
            if (decoded instanceof Decoded.Invalid invalid) {
                return done(Replies.reject(invalid.rejection()));
            }
            Envelope env = ((Decoded.Valid) decoded).envelope();
            Optional<GatewayFrame> unauthenticated = authenticator.refusal(who, frame, env);
            if (unauthenticated.isPresent()) {
                return done(unauthenticated.get());
            }
            if (env.getSender().getAgency() != who.agency()) {
                return done(Replies.reject(env.getMessageId(), RejectionCode.REJECTION_CODE_NOT_PERMITTED,
                        "sender.agency", "the connection is authenticated as " + who.agency()
                                + " (" + who.name() + ") but the envelope claims " + env.getSender().getAgency()));
            }
            if (!who.maySend(env.getKind())) {
                return done(Replies.reject(env.getMessageId(), RejectionCode.REJECTION_CODE_NOT_PERMITTED, "kind",
                        who.agency() + " (" + who.name() + ") may not send " + env.getKind() + "; it may send " + who.kinds()));
            }
            if (env.getStatus() == MessageStatus.MESSAGE_STATUS_TEST) {
                // Test messages prove the path end to end and have no effect by definition.
                return done(Replies.ack(env.getMessageId(), clock.instant(), false, "test: validated, no effect"));
            }
            return route(who, env).exceptionally(e -> Replies.unavailable(env.getMessageId(), e));
        } catch (RuntimeException e) {
            // A defect of ours must not take the connection down; the sender may resend.
            return done(Replies.unavailable("", e));
        }
    }

    private CompletionStage<GatewayFrame> route(AgencyIdentity who, Envelope env) {
        return switch (env.getPayloadCase()) {
            case POLICE_REPORT, FIRE_ALARM -> reports.handle(who, env);
            case WEATHER_WARNING -> warnings.handle(who, env);
            case TRAFFIC_CONDITION -> traffic.handle(who, env);
            case UNIT_POSITION, UNIT_STATUS, ORDER_ACKNOWLEDGEMENT, ORDER_PROGRESS -> units.handle(who, env);
            default -> done(Replies.reject(env.getMessageId(), RejectionCode.REJECTION_CODE_NOT_PERMITTED, "kind",
                    env.getKind() + " is not accepted from agencies"));
        };
    }

    private static CompletionStage<GatewayFrame> done(GatewayFrame f) {
        return CompletableFuture.completedFuture(f);
    }
}
