package cn.emcc.map.travel;

import org.locationtech.jts.geom.LineString;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The default travel-time model, honest about being one: great-circle
 * distance × a {@link RoadFactor} ÷ the {@link VehicleSpeeds speed} of the
 * vehicle class, plus delays where the straight path runs through traffic
 * slowdowns or weather warnings, and impossible where it crosses a closure.
 * It knows no roads: docs/travel-time.md says what that means.
 *
 * <p>A delay for a stretch affecting a share s of the path with slowdown k is
 * {@code s × freeFlowSeconds × (k − 1)}; delays add up. Immutable and
 * thread-safe; a new traffic or weather picture is a new model
 * ({@link #withTraffic}, {@link #withWeather}).
 */
public final class StraightLineTravelModel implements TravelTimeModel {

    private final RoadFactor roadFactor;
    private final VehicleSpeeds speeds;
    private final TrafficSituation traffic;
    private final WeatherSituation weather;

    public StraightLineTravelModel(RoadFactor roadFactor, VehicleSpeeds speeds, TrafficSituation traffic,
                                   WeatherSituation weather) {
        this.roadFactor = Objects.requireNonNull(roadFactor, "roadFactor");
        this.speeds = Objects.requireNonNull(speeds, "speeds");
        this.traffic = Objects.requireNonNull(traffic, "traffic");
        this.weather = Objects.requireNonNull(weather, "weather");
        if (!traffic.plane().equals(weather.plane())) {
            throw new IllegalArgumentException("traffic plane " + traffic.plane() + " differs from weather plane "
                    + weather.plane() + "; expected one plane for both");
        }
    }

    /** Constant road factor, default speeds, no traffic, no warnings, in the Shandong plane. */
    public static StraightLineTravelModel simple(double roadFactor) {
        return new StraightLineTravelModel(RoadFactor.constant(roadFactor), VehicleSpeeds.defaults(),
                TrafficSituation.none(LocalPlane.SHANDONG), WeatherSituation.none(LocalPlane.SHANDONG));
    }

    public StraightLineTravelModel withTraffic(TrafficSituation newTraffic) {
        return new StraightLineTravelModel(roadFactor, speeds, newTraffic, weather);
    }

    public StraightLineTravelModel withWeather(WeatherSituation newWeather) {
        return new StraightLineTravelModel(roadFactor, speeds, traffic, newWeather);
    }

    @Override
    public Optional<TravelEstimate> estimate(double fromLongitude, double fromLatitude, double toLongitude,
                                             double toLatitude, VehicleClass vehicle) {
        double straight = GreatCircle.metres(fromLongitude, fromLatitude, toLongitude, toLatitude);
        double road = straight * roadFactor.factor(fromLongitude, fromLatitude, toLongitude, toLatitude);
        double freeFlow = road / speeds.metresPerSecond(vehicle);

        LineString path = traffic.plane().line(fromLongitude, fromLatitude, toLongitude, toLatitude);
        List<TravelEstimate.Delay> delays = new ArrayList<>(2);
        for (PathEffect effect : List.of(traffic.assess(path), weather.assess(path))) {
            if (effect instanceof PathEffect.Blocked) {
                return Optional.empty();
            }
            for (PathEffect.Stretch s : ((PathEffect.Slowed) effect).stretches()) {
                delays.add(new TravelEstimate.Delay(s.cause(), s.fraction() * freeFlow * (s.slowdown() - 1.0)));
            }
        }
        double total = freeFlow;
        for (TravelEstimate.Delay d : delays) {
            total += d.seconds();
        }
        return Optional.of(new TravelEstimate(total, straight, road, freeFlow, delays));
    }

    @Override
    public String whyImpossible(double fromLongitude, double fromLatitude, double toLongitude, double toLatitude,
                                VehicleClass vehicle) {
        PathEffect effect = traffic.assess(traffic.plane().line(fromLongitude, fromLatitude, toLongitude, toLatitude));
        return effect instanceof PathEffect.Blocked blocked
                ? "the straight way crosses " + blocked.cause()
                : "not impossible";
    }

    @Override
    public double lowerBoundSeconds(double straightLineMetres, VehicleClass vehicle) {
        // Traffic and weather only ever add time, so empty roads at the smallest detour bound every estimate.
        return straightLineMetres * roadFactor.minimum() / speeds.metresPerSecond(vehicle);
    }
}
