package cn.emcc.map.web;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The live layers of the map, one source each. */
public record MapLayers(LayerSource<IncidentFeature> incidents, LayerSource<UnitFeature> units,
                        LayerSource<WarningFeature> warnings, LayerSource<TrafficFeature> traffic) {

    /** Layers with nothing on them: boundaries alone. */
    public static MapLayers empty() {
        return new MapLayers(none(), none(), none(), none());
    }

    private static <T> LayerSource<T> none() {
        return () -> CompletableFuture.completedFuture(List.of());
    }
}
