package cn.emcc.command.grading;

import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.WarningColour;

import java.util.Set;

/**
 * One rule of grading.conf. Unset conditions are null (or empty sets) and
 * always hold.
 */
public record GradingRule(String name, Grade grade, Set<IncidentCategory> categories,
                          Integer minDead, Integer minInjured, Integer minTrapped, Integer minMissing,
                          Boolean hazardousMaterials, Set<Hazard> warningHazards, WarningColour warningMinColour) {

    public boolean matches(GradingFacts f) {
        return (categories.isEmpty() || categories.contains(f.category()))
                && atLeast(f.counts().dead(), minDead)
                && atLeast(f.counts().injured(), minInjured)
                && atLeast(f.counts().trapped(), minTrapped)
                && atLeast(f.counts().missing(), minMissing)
                && (hazardousMaterials == null || hazardousMaterials == f.hazardousMaterials())
                && warningHolds(f);
    }

    private static boolean atLeast(int value, Integer min) {
        return min == null || value >= min;
    }

    private boolean warningHolds(GradingFacts f) {
        if (warningMinColour == null) {
            return true;
        }
        return f.warnings().stream().anyMatch(w ->
                (warningHazards.isEmpty() || warningHazards.contains(w.hazard()))
                        && w.colour().getNumber() >= warningMinColour.getNumber());
    }
}
