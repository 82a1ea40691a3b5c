package cn.emcc.map.web;

import org.apache.pekko.http.javadsl.server.Route;

import java.util.Optional;
import java.util.function.Function;

/**
 * Decides which jurisdiction a map request may see. The request names one
 * with {@code ?within=<adcode>} (or not); the scope answers with the adcode
 * whose subtree the layer is cut to, or refuses the request. The running
 * system plugs in its officer sessions here; map-service has none.
 */
@FunctionalInterface
public interface JurisdictionScope {

    Route scoped(Optional<String> requestedWithin, Function<String, Route> inner);
}
