package cn.emcc.command.officers;

import cn.emcc.command.incident.Who;
import cn.emcc.map.jurisdiction.Jurisdiction;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The officer behind a request, resolved from a valid session: who they are,
 * their role and their jurisdiction as the account says now.
 */
public record Officer(String username, String displayName, Role role, Jurisdiction jurisdiction,
                      boolean mustChangePassword, String tokenId, Instant sessionExpiresAt) {

    public String adcode() {
        return jurisdiction.adcode();
    }

    /** The officer as the incident timelines name them. */
    public Who who() {
        return Who.officer(username, adcode());
    }

    /** The {@code officer} object of the session API. */
    public Map<String, Object> json() {
        return json(username, displayName, role, jurisdiction, mustChangePassword);
    }

    static Map<String, Object> json(String username, String displayName, Role role, Jurisdiction jurisdiction,
                                    boolean mustChangePassword) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", username);
        m.put("display_name", displayName);
        m.put("role", role.name());
        m.put("adcode", jurisdiction.adcode());
        m.put("jurisdiction_name", jurisdiction.name());
        m.put("tier", jurisdiction.tier().name());
        m.put("must_change_password", mustChangePassword);
        return m;
    }
}
