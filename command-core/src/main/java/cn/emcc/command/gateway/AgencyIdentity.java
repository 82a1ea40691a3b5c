package cn.emcc.command.gateway;

import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.MessageKind;

import java.util.Set;

/**
 * Who is on the other end of an agency connection, as its key proves: the
 * agency, a name for logs, the jurisdictions (adcodes) it may report for
 * ("370000" for the whole province), the registered key it signs with, and
 * the kinds of message it may send (its agency's {@link KindPolicy}, narrowed
 * by the registry when the entry says so).
 */
public record AgencyIdentity(Agency agency, String name, Set<String> jurisdictions, String keyId,
                             Set<MessageKind> kinds) {
    public AgencyIdentity {
        jurisdictions = Set.copyOf(jurisdictions);
        kinds = Set.copyOf(kinds);
    }

    public boolean maySend(MessageKind kind) {
        return kinds.contains(kind);
    }
}
