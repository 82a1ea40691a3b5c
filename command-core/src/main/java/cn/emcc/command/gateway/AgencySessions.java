package cn.emcc.command.gateway;

import cn.emcc.command.trust.OrderSigner;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.GatewayFrame;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The agency systems connected to this node over the WebSocket, and the
 * envelopes emcc pushes to them (dispatch orders). An order is offered to
 * every connected system of the unit's agency whose jurisdictions contain
 * the unit's county, and kept as pending until its owner settles it, so a
 * system that connects later (a reconnect) gets the pending orders at once.
 * Redelivery after that is the order owner's timer; the agency answers a
 * repeated order id with its earlier answer. Node-local and thread-safe.
 * Systems that only use the batch POST cannot receive orders. Every
 * envelope is signed with emcc's order key on the way out, and a
 * connection whose key is revoked is closed ({@link #disconnect}).
 */
public final class AgencySessions {

    private static final Logger log = LoggerFactory.getLogger(AgencySessions.class);

    private record Session(AgencyIdentity who, BoundedSourceQueue<GatewayFrame> queue) {
    }

    private record Pending(Agency agency, String countyAdcode, GatewayFrame frame) {
    }

    private final JurisdictionTree tree;
    private final int queueSize;
    private final OrderSigner signer;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    public AgencySessions(JurisdictionTree tree, int queueSize, OrderSigner signer) {
        this.tree = tree;
        this.queueSize = queueSize;
        this.signer = signer;
    }

    /** The frames pushed to one connection; it registers when the stream starts and leaves when it ends. */
    Source<GatewayFrame, NotUsed> outbound(AgencyIdentity who) {
        return Source.<GatewayFrame>queue(queueSize)
                .mapMaterializedValue(queue -> {
                    Session session = new Session(who, queue);
                    sessions.add(session);
                    pending.values().stream().filter(p -> covers(who, p)).forEach(p -> queue.offer(p.frame()));
                    return session;
                })
                .watchTermination((session, done) -> {
                    done.whenComplete((ok, failure) -> sessions.remove(session));
                    return NotUsed.getInstance();
                });
    }

    /**
     * Offers an envelope for the systems of {@code agency} serving {@code countyAdcode}; it stays pending
     * under {@code key} until {@link #settle}. Answers how many connected systems it went to now.
     */
    public int offer(String key, Agency agency, String countyAdcode, Envelope envelope) {
        Pending p = new Pending(agency, countyAdcode, GatewayFrame.newBuilder().setEnvelope(signer.sign(envelope)).build());
        pending.put(key, p);
        int sent = 0;
        for (Session s : sessions) {
            if (covers(s.who(), p)) {
                var result = s.queue().offer(p.frame());
                if (result.isEnqueued()) {
                    sent++;
                } else {
                    log.warn("order {} not queued for {}: {}", key, s.who().name(), result);
                }
            }
        }
        return sent;
    }

    /**
     * Closes every connection whose identity matches (a revoked key): ending
     * its outbound side ends the WebSocket. Answers how many were closed.
     */
    public int disconnect(Predicate<AgencyIdentity> which) {
        int closed = 0;
        for (Session s : sessions) {
            if (which.test(s.who()) && sessions.remove(s)) {
                s.queue().complete();
                closed++;
                log.info("closed the connection of {} (key {}): its key is no longer active", s.who().name(),
                        s.who().keyId());
            }
        }
        return closed;
    }

    /** The envelope needs no more delivery (answered, timed out, withdrawn). */
    public void settle(String key) {
        pending.remove(key);
    }

    public int pendingCount() {
        return pending.size();
    }

    private boolean covers(AgencyIdentity who, Pending p) {
        return who.agency() == p.agency()
                && who.jurisdictions().stream().anyMatch(j -> tree.contains(j, p.countyAdcode()));
    }
}
