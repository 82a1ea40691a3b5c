package cn.emcc.dispatch;

import cn.emcc.map.jurisdiction.Jurisdiction;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import cn.emcc.map.travel.GreatCircle;
import cn.emcc.map.travel.TravelEstimate;
import cn.emcc.map.travel.TravelTimeModel;
import cn.emcc.map.travel.VehicleClass;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the indexed and the brute-force recommenders share: scoring a unit,
 * filling the plan's requirements in order from ranked candidates, and the
 * words of each reason. They differ only in which units they look at, so on
 * the same inputs they give the same answer, reasons included.
 */
final class RankingCore {

    /** Units looked at for one capability; must include every unit that could rank in the top {@code k}. */
    interface Search {
        List<Scored> examine(Capability capability, Predicate<Unit> eligible, int k);
    }

    static final Comparator<Scored> BY_RANK = Comparator.comparingDouble(Scored::rankSeconds)
            .thenComparingDouble(s -> s.estimate().seconds())
            .thenComparing(s -> s.unit().unitId());
    static final Comparator<Scored> BY_DISTANCE = Comparator.comparingDouble(Scored::distanceMetres)
            .thenComparing(s -> s.unit().unitId());

    private static final int PASSED_OVER_SHOWN = 2;

    final RecommendationRequest request;
    final TravelTimeModel model;
    final JurisdictionTree tree;
    final RecommenderSettings settings;
    final double incidentLon;
    final double incidentLat;
    final double maxEtaSeconds;
    private final String incidentCity;
    private final Set<String> neighbours = new HashSet<>();

    RankingCore(RecommendationRequest request, TravelTimeModel model, JurisdictionTree tree, RecommenderSettings settings) {
        this.request = request;
        this.model = model;
        this.tree = tree;
        this.settings = settings;
        this.incidentLon = request.location().getLongitude();
        this.incidentLat = request.location().getLatitude();
        this.maxEtaSeconds = settings.maxEta().toMillis() / 1000.0;
        this.incidentCity = tree.get(request.countyAdcode()).map(Jurisdiction::parentAdcode)
                .orElse(request.countyAdcode().substring(0, 4) + "00");
        tree.neighbours(request.countyAdcode()).forEach(j -> neighbours.add(j.adcode()));
    }

    JurisdictionTier tier(Unit unit) {
        if (unit.countyAdcode().equals(request.countyAdcode())) {
            return JurisdictionTier.OWN_COUNTY;
        }
        if (!unit.cityAdcode().equals(incidentCity)) {
            return JurisdictionTier.OTHER_CITY;
        }
        return neighbours.contains(unit.countyAdcode()) ? JurisdictionTier.SAME_CITY_NEIGHBOUR : JurisdictionTier.SAME_CITY;
    }

    double distanceMetres(Unit unit) {
        return GreatCircle.metres(unit.position().getLongitude(), unit.position().getLatitude(), incidentLon, incidentLat);
    }

    Scored score(Unit unit, double distanceMetres) {
        TravelEstimate estimate = model.estimate(unit.position().getLongitude(), unit.position().getLatitude(),
                incidentLon, incidentLat, unit.unitType().vehicleClass()).orElse(null);
        JurisdictionTier tier = tier(unit);
        double rank = estimate == null ? Double.POSITIVE_INFINITY : estimate.seconds() + settings.penaltySeconds(tier);
        return new Scored(unit, distanceMetres, estimate, tier, rank);
    }

    /** Whether the unit could be proposed: possible, in time, not excluded, not taken. */
    boolean selectable(Scored s, Predicate<Unit> eligible) {
        return s.possible() && s.estimate().seconds() <= maxEtaSeconds && eligible.test(s.unit());
    }

    /** The smallest lower bound on the ETA of any unit type offering the capability, at this distance. */
    double lowerBoundSeconds(Capability capability, double metres) {
        double best = Double.POSITIVE_INFINITY;
        for (VehicleClass v : vehicleClasses(capability)) {
            best = Math.min(best, model.lowerBoundSeconds(metres, v));
        }
        return best;
    }

    private static final Map<Capability, Set<VehicleClass>> CLASSES = new HashMap<>();

    static {
        for (Capability c : Capability.values()) {
            Set<VehicleClass> classes = new HashSet<>();
            UnitType.offering(c).forEach(t -> classes.add(t.vehicleClass()));
            CLASSES.put(c, Set.copyOf(classes));
        }
    }

    private static Set<VehicleClass> vehicleClasses(Capability capability) {
        return CLASSES.get(capability);
    }

    Recommendation recommend(Search search) {
        Map<String, Capability> taken = new HashMap<>();
        Predicate<Unit> eligible = u -> !taken.containsKey(u.unitId()) && !request.excludedUnitIds().contains(u.unitId());
        List<RequirementRecommendation> results = new ArrayList<>();
        for (PlanRequirement requirement : request.plan().requirements()) {
            int k = requirement.count() + settings.alternates();
            List<Scored> examined = search.examine(requirement.capability(), eligible, k);
            List<Scored> ranked = new ArrayList<>();
            for (Scored s : examined) {
                if (selectable(s, eligible)) {
                    ranked.add(s);
                }
            }
            ranked.sort(BY_RANK);
            List<Scored> chosen = ranked.subList(0, Math.min(k, ranked.size()));
            List<Scored> byDistance = new ArrayList<>(examined);
            byDistance.sort(BY_DISTANCE);

            List<Candidate> proposed = new ArrayList<>();
            List<Candidate> alternates = new ArrayList<>();
            Set<String> ahead = new HashSet<>();
            for (int i = 0; i < chosen.size(); i++) {
                Scored s = chosen.get(i);
                Reason why = reason(s, i < requirement.count(), byDistance, ahead, taken);
                Candidate candidate = new Candidate(s.unit(), requirement.capability(), s.estimate(), s.tier(),
                        s.rankSeconds(), why.text(), why.phrases());
                ahead.add(s.unit().unitId());
                (i < requirement.count() ? proposed : alternates).add(candidate);
            }
            proposed.forEach(c -> taken.put(c.unit().unitId(), requirement.capability()));
            results.add(new RequirementRecommendation(requirement, proposed, alternates,
                    requirement.count() - proposed.size()));
        }
        return new Recommendation(request.incidentId(), request.countyAdcode(), results);
    }

    /** A candidate's reason in English and as phrases for the console. */
    private record Reason(String text, List<Phrase> phrases) {
    }

    private Reason reason(Scored s, boolean isProposed, List<Scored> byDistance, Set<String> ahead,
                          Map<String, Capability> taken) {
        StringBuilder out = new StringBuilder();
        List<Phrase> phrases = new ArrayList<>();
        Unit u = s.unit();
        out.append(isProposed ? "proposed" : "alternate").append(": ").append(u.unitType().chineseName())
                .append(" of ").append(u.stationName()).append(", ").append(s.tier().words());
        phrases.add((isProposed ? PhraseCode.REASON_PROPOSED : PhraseCode.REASON_ALTERNATE)
                .with(u.unitType().name(), u.stationName(), s.tier().name()));
        if (s.tier().isMutualAid()) {
            out.append(" (mutual aid from ").append(countyName(u.countyAdcode())).append(')');
            phrases.add(PhraseCode.REASON_MUTUAL_AID_FROM.with(countyName(u.countyAdcode())));
        }
        out.append("; ETA ").append(s.estimate().describe());
        phrases.add(PhraseCode.REASON_ETA.with(oneDecimal(s.estimate().minutes()),
                oneDecimal(s.estimate().straightLineMetres() / 1000.0), oneDecimal(s.estimate().roadMetres() / 1000.0)));
        s.estimate().delays().forEach(d -> phrases.add(delay(d)));
        if (s.tier().isMutualAid()) {
            out.append(String.format(Locale.ROOT, "; ranked as %.1f min with the %s preference",
                    s.rankSeconds() / 60.0, s.tier().words()));
            phrases.add(PhraseCode.REASON_RANKED_WITH_PREFERENCE.with(oneDecimal(s.rankSeconds() / 60.0),
                    s.tier().name()));
        }
        List<String> passed = new ArrayList<>();
        int more = 0;
        for (Scored other : byDistance) {
            if (BY_DISTANCE.compare(other, s) >= 0) {
                break;
            }
            if (ahead.contains(other.unit().unitId())) {
                continue;
            }
            if (passed.size() < PASSED_OVER_SHOWN) {
                Reason not = whyNot(other, taken);
                passed.add(String.format(Locale.ROOT, "%s (%.1f km) %s", other.unit().unitId(),
                        other.distanceMetres() / 1000.0, not.text()));
                phrases.addAll(not.phrases());
            } else {
                more++;
            }
        }
        if (!passed.isEmpty()) {
            out.append("; nearer but passed over: ").append(String.join("; ", passed));
            if (more > 0) {
                out.append("; and ").append(more).append(" more");
                phrases.add(PhraseCode.PASSED_OVER_MORE.with(more));
            }
        }
        return new Reason(out.toString(), List.copyOf(phrases));
    }

    private Reason whyNot(Scored other, Map<String, Capability> taken) {
        Unit u = other.unit();
        String km = oneDecimal(other.distanceMetres() / 1000.0);
        if (request.excludedUnitIds().contains(u.unitId())) {
            return new Reason("excluded for this incident (rejected or timed out)",
                    List.of(PhraseCode.PASSED_OVER_EXCLUDED.with(u.unitId(), km)));
        }
        Capability takenFor = taken.get(u.unitId());
        if (takenFor != null) {
            return new Reason("already proposed for " + takenFor,
                    List.of(PhraseCode.PASSED_OVER_TAKEN.with(u.unitId(), km, takenFor.name())));
        }
        if (!other.possible()) {
            String why = model.whyImpossible(u.position().getLongitude(), u.position().getLatitude(),
                    incidentLon, incidentLat, u.unitType().vehicleClass());
            return new Reason("cannot get there: " + why,
                    List.of(PhraseCode.PASSED_OVER_IMPOSSIBLE.with(u.unitId(), km, why)));
        }
        String minutes = oneDecimal(other.estimate().minutes());
        if (other.estimate().seconds() > maxEtaSeconds) {
            return new Reason(String.format(Locale.ROOT, "ETA %.1f min exceeds the %.0f min limit",
                    other.estimate().minutes(), maxEtaSeconds / 60.0),
                    List.of(PhraseCode.PASSED_OVER_TOO_LATE.with(u.unitId(), km, minutes,
                            String.format(Locale.ROOT, "%.0f", maxEtaSeconds / 60.0))));
        }
        List<Phrase> phrases = new ArrayList<>();
        String slower = String.format(Locale.ROOT, "ranks later: ETA %.1f min", other.estimate().minutes());
        if (other.tier().isMutualAid()) {
            phrases.add(PhraseCode.PASSED_OVER_LATER_PREFERENCE.with(u.unitId(), km, minutes, other.tier().name(),
                    String.format(Locale.ROOT, "%.0f", settings.penaltySeconds(other.tier()))));
        } else {
            phrases.add(PhraseCode.PASSED_OVER_LATER.with(u.unitId(), km, minutes));
        }
        if (!other.estimate().delays().isEmpty()) {
            slower += " (" + other.estimate().delays().get(0) + ")";
            phrases.add(delay(other.estimate().delays().get(0)));
        }
        if (other.tier().isMutualAid()) {
            slower += String.format(Locale.ROOT, ", %s +%.0f s preference", other.tier().words(),
                    settings.penaltySeconds(other.tier()));
        }
        return new Reason(slower, List.copyOf(phrases));
    }

    private static Phrase delay(TravelEstimate.Delay d) {
        return PhraseCode.REASON_DELAY.with(d.cause(), String.format(Locale.ROOT, "%.0f", d.seconds()));
    }

    private static String oneDecimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private String countyName(String adcode) {
        return tree.get(adcode).map(Jurisdiction::toString).orElse(adcode);
    }
}
