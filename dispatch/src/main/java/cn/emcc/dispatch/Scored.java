package cn.emcc.dispatch;

import cn.emcc.map.travel.TravelEstimate;

/**
 * A unit looked at for one capability: its distance, its estimate (null when
 * the trip is impossible), its tier and the key it ranks by.
 */
record Scored(Unit unit, double distanceMetres, TravelEstimate estimate, JurisdictionTier tier, double rankSeconds) {

    boolean possible() {
        return estimate != null;
    }
}
