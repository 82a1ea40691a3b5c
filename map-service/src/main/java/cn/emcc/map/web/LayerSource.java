package cn.emcc.map.web;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where a map layer's items come from. map-service knows nothing of incidents
 * or units as entities; the running system (command-core) implements this for
 * each layer and hands the sources to {@link MapRoutes}.
 */
@FunctionalInterface
public interface LayerSource<T> {

    /** Every current item of the layer, province-wide; {@link MapRoutes} narrows it to a jurisdiction and a box. */
    CompletionStage<List<T>> current();
}
