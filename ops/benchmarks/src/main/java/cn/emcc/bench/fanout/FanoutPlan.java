package cn.emcc.bench.fanout;

import cn.emcc.command.incident.Counts;
import cn.emcc.command.nodes.IncidentViews;
import cn.emcc.command.readside.IncidentSummary;
import cn.emcc.map.jurisdiction.Jurisdiction;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.IncidentChange;
import cn.emcc.protocols.v1.IncidentStatus;
import cn.emcc.protocols.v1.NodeStreamMessage;

import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * The incident changes both sides deliver: one open incident per county, and
 * a fixed random sequence of counties whose incident changes (a new report).
 * A change does not alter any node's summary, so each side carries exactly
 * one message per node per change.
 */
final class FanoutPlan {

    private static final Instant OPENED = Instant.parse("2026-11-29T00:00:00Z");

    final List<Jurisdiction> counties;
    final int[] countyOf;

    FanoutPlan(JurisdictionTree tree, int changes, long seed) {
        this.counties = tree.counties();
        Random random = new Random(seed);
        this.countyOf = new int[changes];
        for (int i = 0; i < changes; i++) {
            countyOf[i] = random.nextInt(counties.size());
        }
    }

    /** The open incident of county {@code c} with report count {@code reports}, updated at {@code updatedAt}. */
    IncidentSummary incident(int c, int reports, Instant updatedAt) {
        Jurisdiction county = counties.get(c);
        return new IncidentSummary(county.adcode() + "-20261129-0001", IncidentStatus.INCIDENT_STATUS_VERIFIED,
                Grade.GRADE_IV, IncidentCategory.INCIDENT_CATEGORY_TRAFFIC_ACCIDENT, 117.0 + c / 1000.0, 36.6,
                "测试路 " + c + " 号", county.adcode(), county.parentAdcode(), OPENED, updatedAt, reports, Counts.NONE, List.of(), null);
    }

    /** Change {@code i} as it is stamped: report count i + 1, updated at {@code sentNanos} after the tally's origin. */
    IncidentSummary change(int i, long sentNanos) {
        return incident(countyOf[i], i + 1, Instant.ofEpochSecond(0, sentNanos));
    }

    /** The bytes a node stream would send for change {@code i}: the broker relays exactly these. */
    static byte[] payload(IncidentSummary change, long sequence) {
        return NodeStreamMessage.newBuilder().setSequence(sequence).setNodeAdcode(change.countyAdcode())
                .setEpoch("0123456789abcdef").setAt(IncidentViews.timestamp(change.updatedAt()))
                .setIncidentChange(IncidentChange.newBuilder().setIncident(IncidentViews.of(change)))
                .build().toByteArray();
    }

    /** The topic of a county: emcc/&lt;province 2&gt;/&lt;city 4&gt;/&lt;county 6&gt;. */
    static String topic(Jurisdiction county) {
        return "emcc/" + county.adcode().substring(0, 2) + "/" + county.parentAdcode().substring(0, 4) + "/"
                + county.adcode();
    }
}
