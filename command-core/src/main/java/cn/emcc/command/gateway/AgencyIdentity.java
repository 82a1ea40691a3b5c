package cn.emcc.command.gateway;

import cn.emcc.protocols.v1.Agency;

import java.util.Set;

/**
 * Who is on the other end of an agency connection, as its credential proves:
 * the agency, a name for logs, and the jurisdictions (adcodes) it may report
 * for ("370000" for the whole province).
 */
public record AgencyIdentity(Agency agency, String name, Set<String> jurisdictions) {
    public AgencyIdentity {
        jurisdictions = Set.copyOf(jurisdictions);
    }
}
