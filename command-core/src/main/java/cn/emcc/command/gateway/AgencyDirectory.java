package cn.emcc.command.gateway;

import cn.emcc.protocols.v1.Agency;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * The linked agency systems emcc accepts, each with its bearer token, from
 * {@code emcc.gateway.agencies}. Tokens are compared in constant time. This is
 * the interim credential: signed envelopes replace it.
 */
public final class AgencyDirectory {

    private record Entry(byte[] token, AgencyIdentity identity) {
    }

    private final List<Entry> entries;

    private AgencyDirectory(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static AgencyDirectory fromConfig(Config root) {
        List<Entry> entries = new ArrayList<>();
        for (Config a : root.getConfigList("emcc.gateway.agencies")) {
            Agency agency;
            try {
                agency = Agency.valueOf("AGENCY_" + a.getString("agency"));
            } catch (IllegalArgumentException e) {
                throw new ConfigException.BadValue(a.origin(), "agency", "unknown agency " + a.getString("agency"));
            }
            String token = a.getString("token");
            if (token.length() < 16) {
                throw new ConfigException.BadValue(a.origin(), "token", "an agency token needs at least 16 characters");
            }
            entries.add(new Entry(token.getBytes(StandardCharsets.UTF_8),
                    new AgencyIdentity(agency, a.getString("name"), new HashSet<>(a.getStringList("jurisdictions")))));
        }
        return new AgencyDirectory(entries);
    }

    /** The identity for an {@code Authorization: Bearer ...} header value, if it is known. */
    public Optional<AgencyIdentity> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
            return Optional.empty();
        }
        byte[] presented = authorizationHeader.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        AgencyIdentity found = null;
        for (Entry e : entries) {
            // Check every entry so the time taken does not tell which one matched.
            if (MessageDigest.isEqual(e.token, presented)) {
                found = e.identity;
            }
        }
        return Optional.ofNullable(found);
    }
}
