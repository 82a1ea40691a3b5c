package cn.emcc.command.workflow;

import cn.emcc.command.situation.Situation;
import cn.emcc.map.jurisdiction.Jurisdictions;
import cn.emcc.map.travel.LocalPlane;
import cn.emcc.map.travel.StraightLineTravelModel;
import cn.emcc.map.travel.TrafficSituation;
import cn.emcc.map.travel.TravelTimeModel;
import cn.emcc.map.travel.UrbanRuralRoadFactor;
import cn.emcc.map.travel.VehicleSpeeds;
import cn.emcc.map.travel.WeatherSituation;
import cn.emcc.map.travel.WeatherSlowdowns;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The travel-time model of the moment: the straight-line model with the
 * traffic conditions valid now (from the traffic board) and this node's
 * weather warnings in force. Without an answer from the traffic board the
 * model goes on without traffic rather than holding up a dispatch.
 */
public final class TravelModels {

    private final Situation situation;
    private final Jurisdictions geography;
    private final StraightLineTravelModel base;
    private final WeatherSlowdowns slowdowns = WeatherSlowdowns.loadDefault();

    public TravelModels(Situation situation, Jurisdictions geography) {
        this.situation = situation;
        this.geography = geography;
        this.base = new StraightLineTravelModel(
                UrbanRuralRoadFactor.byDistricts(geography, UrbanRuralRoadFactor.DEFAULT_URBAN,
                        UrbanRuralRoadFactor.DEFAULT_RURAL),
                VehicleSpeeds.defaults(), TrafficSituation.none(LocalPlane.SHANDONG),
                WeatherSituation.none(LocalPlane.SHANDONG));
    }

    public TravelTimeModel base() {
        return base;
    }

    public CompletionStage<TravelTimeModel> at(Instant at) {
        return situation.trafficConditions(at)
                .thenApply(tc -> base.withTraffic(TrafficSituation.of(tc.conditions(), LocalPlane.SHANDONG)))
                .exceptionally(failure -> base)
                .thenApply(m -> m.withWeather(WeatherSituation.of(situation.warnings().current().warnings(),
                        code -> Optional.ofNullable(geography.boundaries().get(code)), slowdowns, LocalPlane.SHANDONG)));
    }
}
