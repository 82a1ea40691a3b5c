package cn.emcc.dispatch;

import cn.emcc.map.travel.TravelTimeModel;

/**
 * Recommends units for an incident's response plan by estimated time of
 * arrival with a preference for the incident's own county (see
 * {@link RecommenderSettings}). The travel-time model is passed per call
 * because it carries the live traffic and weather.
 */
public interface Recommender {

    Recommendation recommend(RecommendationRequest request, TravelTimeModel model);
}
