package cn.emcc.command.nodes;

import cn.emcc.command.situation.ActiveWarnings;
import cn.emcc.command.situation.WarningCounties;
import cn.emcc.map.jurisdiction.JurisdictionLoader;
import cn.emcc.map.jurisdiction.Jurisdictions;
import cn.emcc.protocols.v1.Circle;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.NodeStreamMessage;
import cn.emcc.protocols.v1.NodeSummary;
import cn.emcc.protocols.v1.WarningArea;
import cn.emcc.protocols.v1.WarningColour;
import cn.emcc.protocols.v1.WarningMsgType;
import cn.emcc.protocols.v1.WarningView;
import cn.emcc.protocols.v1.WeatherWarning;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static cn.emcc.protocols.v1.WarningColour.WARNING_COLOUR_BLUE;
import static cn.emcc.protocols.v1.WarningColour.WARNING_COLOUR_ORANGE;
import static cn.emcc.protocols.v1.WarningColour.WARNING_COLOUR_RED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Warnings in force → the summaries of the nodes they touch, without a server:
 * the hub's feeds are read directly.
 */
class NodeWarningsTest {

    private static final Jurisdictions SHANDONG = JurisdictionLoader.loadDefault();
    private static final Instant AT = Instant.parse("2026-07-12T01:00:00Z");

    private final NodeStreams streams = new NodeStreams(SHANDONG.tree(),
            NodeStreamSettings.fromConfig(ConfigFactory.load()), Clock.systemUTC());
    private final NodeWarnings warnings = new NodeWarnings(new WarningCounties(SHANDONG), SHANDONG.tree(), streams);

    /** A circle of 2 km around 泉城广场 (历下区, 济南) and one around 五四广场 (市南区, 青岛). */
    private static final Circle JINAN = circle(117.0205, 36.6612);
    private static final Circle QINGDAO = circle(120.3844, 36.0620);

    private static Circle circle(double lon, double lat) {
        return Circle.newBuilder().setCenter(GeoPoint.newBuilder().setLongitude(lon).setLatitude(lat))
                .setRadiusKm(2).build();
    }

    private static byte[] warning(String id, WarningColour colour, Circle area) {
        return WeatherWarning.newBuilder().setIdentifier(id).setHazard(Hazard.HAZARD_RAINSTORM).setColour(colour)
                .addAreas(WarningArea.newBuilder().setDescription("test").addCircles(area)).build().toByteArray();
    }

    private void inForce(byte[]... protos) {
        warnings.refreshed(new ActiveWarnings(AT, Arrays.asList(protos)));
    }

    private NodeSummary summary(String adcode) {
        return streams.feed(adcode).orElseThrow().snapshot().getSnapshot().getSummary();
    }

    @Test
    void a_warning_counts_at_its_county_its_city_and_the_province_and_nowhere_else() {
        inForce(warning("red-jinan", WARNING_COLOUR_RED, JINAN));

        for (String node : List.of("370102", "370100", "370000")) {
            assertThat(summary(node).getActiveWarnings()).as(node).isEqualTo(1);
            assertThat(summary(node).getActiveWarningsByColourMap()).as(node).isEqualTo(Map.of("WARNING_COLOUR_RED", 1));
        }
        assertThat(summary("370200").getActiveWarnings()).isZero();
        assertThat(summary("370202").getActiveWarnings()).isZero();
        assertThat(streams.feed("370200").orElseThrow().sequence()).as("Qingdao's stream hears nothing").isZero();
    }

    @Test
    void colours_are_counted_apart_and_the_province_counts_every_warning() {
        inForce(warning("red-jinan", WARNING_COLOUR_RED, JINAN), warning("blue-jinan", WARNING_COLOUR_BLUE, JINAN),
                warning("orange-qingdao", WARNING_COLOUR_ORANGE, QINGDAO));

        assertThat(summary("370100").getActiveWarningsByColourMap())
                .isEqualTo(Map.of("WARNING_COLOUR_RED", 1, "WARNING_COLOUR_BLUE", 1));
        assertThat(summary("370100").getActiveWarnings()).isEqualTo(2);
        assertThat(summary("370202").getActiveWarningsByColourMap()).isEqualTo(Map.of("WARNING_COLOUR_ORANGE", 1));
        assertThat(summary("370000").getActiveWarnings()).isEqualTo(3);
    }

    @Test
    void an_update_replaces_the_count_and_a_warning_that_leaves_takes_its_count_away() {
        inForce(warning("blue-jinan", WARNING_COLOUR_BLUE, JINAN));
        inForce(warning("red-jinan", WARNING_COLOUR_RED, JINAN)); // the UPDATE took the ALERT's place
        assertThat(summary("370102").getActiveWarningsByColourMap()).isEqualTo(Map.of("WARNING_COLOUR_RED", 1));

        inForce(); // cancelled or expired
        assertThat(summary("370102").getActiveWarnings()).isZero();
        assertThat(summary("370102").getActiveWarningsByColourMap()).isEmpty();
        assertThat(summary("370000").getActiveWarnings()).isZero();
    }

    @Test
    void a_refresh_that_changes_nothing_puts_nothing_on_the_streams() {
        inForce(warning("red-jinan", WARNING_COLOUR_RED, JINAN));
        long sequence = streams.feed("370100").orElseThrow().sequence();
        NodeStreamMessage last = streams.feed("370100").orElseThrow().snapshot();

        inForce(warning("red-jinan", WARNING_COLOUR_RED, JINAN));

        assertThat(sequence).as("the warning's arrival was one warning change and one summary").isEqualTo(2);
        assertThat(streams.feed("370100").orElseThrow().sequence()).isEqualTo(sequence);
        assertThat(streams.feed("370100").orElseThrow().snapshot().getSnapshot()).isEqualTo(last.getSnapshot());
    }

    @Test
    void an_update_that_moves_away_replaces_the_warning_where_both_touch_and_removes_it_where_only_the_old_did() {
        inForce(warning("red-jinan", WARNING_COLOUR_RED, JINAN));
        assertThat(warningIds("370102")).containsExactly("red-jinan");
        long jinanBefore = streams.feed("370100").orElseThrow().sequence();
        long provinceBefore = streams.feed("370000").orElseThrow().sequence();

        inForce(WeatherWarning.newBuilder().setIdentifier("orange-qingdao").setHazard(Hazard.HAZARD_RAINSTORM)
                .setColour(WARNING_COLOUR_ORANGE).setMsgType(WarningMsgType.WARNING_MSG_TYPE_UPDATE)
                .addReferences("red-jinan").addAreas(WarningArea.newBuilder().setDescription("test").addCircles(QINGDAO))
                .build().toByteArray());

        assertThat(changesAfter("370000", provinceBefore)).as("the province: one change in place of the other")
                .containsExactly("orange-qingdao replaces [red-jinan]");
        assertThat(changesAfter("370100", jinanBefore)).as("Jinan: the warning left")
                .containsExactly("red-jinan removed");
        assertThat(changesAfter("370202", 0)).containsExactly("orange-qingdao replaces [red-jinan]");
        assertThat(warningIds("370000")).containsExactly("orange-qingdao");
        assertThat(warningIds("370102")).isEmpty();
        assertThat(warningIds("370202")).containsExactly("orange-qingdao");
        WarningView view = streams.feed("370202").orElseThrow().snapshot().getSnapshot().getWarnings(0);
        assertThat(view.getCountyAdcodesList()).contains("370202").allMatch(c -> c.startsWith("3702"));
        assertThat(view.getBbox().getWest()).isLessThan(120.3844);
        assertThat(view.getBbox().getEast()).isGreaterThan(120.3844);
        assertThat(view.getBbox().getSouth()).isLessThan(36.0620);
        assertThat(view.getBbox().getNorth()).isGreaterThan(36.0620);
        assertThat(summary("370000").getActiveWarningsByColourMap()).isEqualTo(Map.of("WARNING_COLOUR_ORANGE", 1));
    }

    private List<String> warningIds(String adcode) {
        return streams.feed(adcode).orElseThrow().snapshot().getSnapshot().getWarningsList().stream()
                .map(WarningView::getWarningId).toList();
    }

    /** The warning changes a feed put on its stream after {@code sequence}, in a few words each. */
    private List<String> changesAfter(String adcode, long sequence) {
        List<String> changes = new java.util.ArrayList<>();
        for (NodeStreamMessage m : replayed(streams.feed(adcode).orElseThrow())) {
            if (m.getSequence() > sequence && m.hasWarningChange()) {
                WarningView w = m.getWarningChange().getWarning();
                changes.add(w.getWarningId() + (m.getWarningChange().getRemoved() ? " removed"
                        : w.getReplacesCount() > 0 ? " replaces " + w.getReplacesList() : ""));
            }
        }
        return changes;
    }

    /** What a client resuming from sequence 0 of the feed's epoch would be sent. */
    private static List<NodeStreamMessage> replayed(NodeFeed feed) {
        List<NodeStreamMessage> sent = new java.util.ArrayList<>();
        feed.attach(new NodeClient(new org.apache.pekko.stream.BoundedSourceQueue<>() {
            @Override
            public org.apache.pekko.stream.QueueOfferResult offer(List<NodeStreamMessage> batch) {
                sent.addAll(batch);
                return org.apache.pekko.stream.QueueOfferResult.enqueued();
            }

            @Override
            public void complete() {
            }

            @Override
            public void fail(Throwable ex) {
            }

            @Override
            public boolean isCompleted() {
                return false;
            }

            @Override
            public int size() {
                return 0;
            }
        }, 1_000), feed.snapshot().getEpoch(), 0);
        return sent;
    }
}
