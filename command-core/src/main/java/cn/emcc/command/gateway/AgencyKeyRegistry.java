package cn.emcc.command.gateway;

import cn.emcc.protocols.trust.KeyPem;
import cn.emcc.protocols.trust.SignatureAlgorithm;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.MessageKind;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;

import java.security.PublicKey;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One reading of the agency key registry: each linked agency system's
 * Ed25519 public key under its key id, with the agency, jurisdictions, kinds
 * and status (active or revoked) it was registered with. The file is HOCON:
 *
 * <pre>
 * agencies = [
 *   { key-id = "shandong-110-2026", agency = POLICE, name = "shandong-110",
 *     jurisdictions = ["370000"], status = active,
 *     public-key = "MCowBQYDK2VwAyEA..." }   # base64 SubjectPublicKeyInfo, or the PEM text
 * ]
 * </pre>
 *
 * {@code kinds} (e.g. {@code [UNIT_POSITION, UNIT_STATUS]}) optionally
 * narrows what the agency's {@link KindPolicy} allows; it never widens it.
 */
public final class AgencyKeyRegistry {

    /** A registered key and the identity a holder of it has. */
    public record RegisteredKey(AgencyIdentity identity, PublicKey publicKey, boolean active) {
    }

    private final Map<String, RegisteredKey> keys;

    private AgencyKeyRegistry(Map<String, RegisteredKey> keys) {
        this.keys = Map.copyOf(keys);
    }

    public static AgencyKeyRegistry empty() {
        return new AgencyKeyRegistry(Map.of());
    }

    /** Parses registry text; {@code source} names it in errors. Throws ConfigException for anything malformed. */
    public static AgencyKeyRegistry parse(String text, String source) {
        Config root = ConfigFactory.parseString(text, ConfigParseOptions.defaults()
                .setSyntax(ConfigSyntax.CONF).setOriginDescription(source)).resolve();
        Map<String, RegisteredKey> keys = new HashMap<>();
        List<? extends Config> entries = root.hasPath("agencies") ? root.getConfigList("agencies") : List.of();
        for (Config a : entries) {
            String keyId = a.getString("key-id");
            if (!keyId.matches("[A-Za-z0-9._:-]{1,128}")) {
                throw new ConfigException.BadValue(a.origin(), "key-id",
                        "key-id '" + keyId + "' must be 1..128 characters [A-Za-z0-9._:-]");
            }
            Agency agency = agency(a);
            PublicKey key;
            try {
                key = KeyPem.publicKey(a.getString("public-key"), source + " key " + keyId);
            } catch (IllegalArgumentException e) {
                throw new ConfigException.BadValue(a.origin(), "public-key", e.getMessage());
            }
            if (SignatureAlgorithm.of(key) != SignatureAlgorithm.ED25519) {
                throw new ConfigException.BadValue(a.origin(), "public-key",
                        "key " + keyId + " is not an Ed25519 public key; agency credentials are Ed25519");
            }
            String status = a.hasPath("status") ? a.getString("status") : "active";
            if (!status.equals("active") && !status.equals("revoked")) {
                throw new ConfigException.BadValue(a.origin(), "status",
                        "status of key " + keyId + " is '" + status + "'; expected active or revoked");
            }
            AgencyIdentity identity = new AgencyIdentity(agency, a.getString("name"),
                    new HashSet<>(a.getStringList("jurisdictions")), keyId, kinds(a, agency));
            if (keys.put(keyId, new RegisteredKey(identity, key, status.equals("active"))) != null) {
                throw new ConfigException.BadValue(a.origin(), "key-id", "key-id '" + keyId + "' is registered twice");
            }
        }
        return new AgencyKeyRegistry(keys);
    }

    private static Agency agency(Config a) {
        String name = a.getString("agency");
        try {
            return Agency.valueOf("AGENCY_" + name);
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(a.origin(), "agency",
                    "unknown agency " + name + "; expected POLICE, FIRE, WEATHER, TRAFFIC, EMERGENCY_MGMT, URBAN_MGMT or MEDICAL");
        }
    }

    private static Set<MessageKind> kinds(Config a, Agency agency) {
        Set<MessageKind> allowed = KindPolicy.allowed(agency);
        if (!a.hasPath("kinds")) {
            return allowed;
        }
        Set<MessageKind> narrowed = EnumSet.noneOf(MessageKind.class);
        for (String k : a.getStringList("kinds")) {
            MessageKind kind;
            try {
                kind = MessageKind.valueOf("MESSAGE_KIND_" + k);
            } catch (IllegalArgumentException e) {
                throw new ConfigException.BadValue(a.origin(), "kinds", "unknown message kind " + k);
            }
            if (!allowed.contains(kind)) {
                throw new ConfigException.BadValue(a.origin(), "kinds",
                        agency + " may never send " + kind + "; it may send " + allowed);
            }
            narrowed.add(kind);
        }
        return narrowed;
    }

    public Optional<RegisteredKey> find(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    /** The key, when it is registered and active. */
    public Optional<RegisteredKey> active(String keyId) {
        return find(keyId).filter(RegisteredKey::active);
    }

    public int size() {
        return keys.size();
    }
}
