package cn.emcc.command.console;

import cn.emcc.command.officers.OfficerAccess;
import cn.emcc.command.officers.OfficerEndpoint;
import cn.emcc.map.web.JurisdictionScope;
import org.apache.pekko.http.javadsl.server.Route;

import java.util.Optional;
import java.util.function.Function;

/**
 * The map layers for officers: a signed-in officer sees their own
 * jurisdiction ({@code within} defaults to it) or any jurisdiction below it;
 * anything else is 403 with the reason.
 */
public final class OfficerMapScope implements JurisdictionScope {

    private final OfficerAccess access;

    public OfficerMapScope(OfficerAccess access) {
        this.access = access;
    }

    @Override
    public Route scoped(Optional<String> requestedWithin, Function<String, Route> inner) {
        return access.officer(OfficerEndpoint.MAP_LAYER, officer -> {
            String root = requestedWithin.orElse(officer.adcode());
            return access.inside(officer, root, "within", () -> inner.apply(root));
        });
    }
}
