package cn.emcc.command.nodes;

import cn.emcc.command.testsupport.Await;
import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.NodeStreamClient;
import cn.emcc.command.testsupport.NodeStreamClient.ResumeBy;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.TestStore;
import cn.emcc.protocols.client.AgencyClient;
import cn.emcc.protocols.client.Reply;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.NodeStreamMessage;
import cn.emcc.protocols.v1.WarningChange;
import cn.emcc.protocols.v1.WarningColour;
import cn.emcc.protocols.v1.WarningMsgType;
import cn.emcc.protocols.v1.WarningView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static cn.emcc.command.testsupport.Envelopes.jinanRainstorm;
import static cn.emcc.protocols.v1.WarningColour.WARNING_COLOUR_ORANGE;
import static cn.emcc.protocols.v1.WarningColour.WARNING_COLOUR_RED;
import static cn.emcc.protocols.v1.WarningMsgType.WARNING_MSG_TYPE_ALERT;
import static cn.emcc.protocols.v1.WarningMsgType.WARNING_MSG_TYPE_CANCEL;
import static cn.emcc.protocols.v1.WarningMsgType.WARNING_MSG_TYPE_UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Weather warnings as items of the command nodes' pictures, on a real node over
 * its real sockets: a warning sent by the weather bureau through the gateway is
 * in the snapshot and comes as a change to every node whose subtree its area
 * touches (Jinan's city, a Jinan county, the province) and never to Qingdao;
 * an UPDATE takes the place of the warning it names, a CANCEL removes it, and a
 * client that resumes gets exactly the change it missed.
 */
class NodeWarningItemsBehaviourTest {

    private static final String ALERT = "37010041600000_20260712083000";
    private static final String UPDATE = "37010041600000_20260712093000";
    private static final String CANCEL = "37010041600000_20260712110000";

    @TempDir
    Path scratch;

    @Test
    void a_red_warning_over_jinan_is_an_item_of_jinans_pictures_changed_by_update_removed_by_cancel() throws Exception {
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch); RunningNode node = RunningNode.start(store)) {
            AgencyClient weather = node.client(Agency.AGENCY_WEATHER);
            NodeStreamClient city = officersClient(node, "li.na@370100");
            NodeStreamClient county = officersClient(node, "wang.wei@370102");
            NodeStreamClient province = officersClient(node, "zhao.min@370000");
            NodeStreamClient qingdao = officersClient(node, "zhang.lei@370200");
            List<NodeStreamClient> all = List.of(city, county, province, qingdao);
            awaitInStep(node, all);
            all.forEach(c -> assertThat(c.warnings()).as(c.adcode()).isEmpty());

            send(weather, ALERT, WARNING_MSG_TYPE_ALERT, WARNING_COLOUR_RED, List.of());
            for (NodeStreamClient c : List.of(city, county, province)) {
                Await.until(c.adcode() + " has the red warning", Duration.ofSeconds(30),
                        () -> c.warnings().containsKey(ALERT));
            }
            awaitInStep(node, all);
            WarningView red = city.warnings().get(ALERT);
            assertThat(red.getColour()).isEqualTo(WARNING_COLOUR_RED);
            assertThat(red.getHazard()).isEqualTo(Hazard.HAZARD_RAINSTORM);
            assertThat(red.getHeadline()).isEqualTo("济南市气象台发布暴雨预警信号");
            assertThat(red.getIssuer()).isEqualTo("济南市气象台");
            assertThat(red.hasExpires()).isTrue();
            // The polygon reaches over the Yellow River into 齐河县 (Dezhou) too, never to Qingdao.
            assertThat(red.getCountyAdcodesList()).contains("370102").isSorted().noneMatch(c -> c.startsWith("3702"));
            assertThat(red.getBbox().getWest()).isLessThanOrEqualTo(116.8);
            assertThat(red.getBbox().getEast()).isGreaterThanOrEqualTo(117.3);
            assertThat(red.getBbox().getSouth()).isLessThanOrEqualTo(36.5);
            assertThat(red.getBbox().getNorth()).isGreaterThanOrEqualTo(36.8);
            for (NodeStreamClient c : List.of(city, county, province)) {
                assertThat(warningChanges(c)).as(c.adcode() + " got the warning as one change")
                        .extracting(w -> w.getWarning().getWarningId() + (w.getRemoved() ? " removed" : ""))
                        .containsExactly(ALERT);
                assertThat(c.warnings().get(ALERT)).as(c.adcode()).isEqualTo(red);
                assertThat(c.summary().getActiveWarningsByColourMap()).isEqualTo(Map.of("WARNING_COLOUR_RED", 1));
            }

            NodeStreamClient fresh = officersClient(node, "wang.wei@370102");
            awaitInStep(node, List.of(fresh));
            NodeStreamMessage snapshot = fresh.received().get(0);
            assertThat(snapshot.hasSnapshot()).isTrue();
            assertThat(snapshot.getSnapshot().getWarningsList()).containsExactly(red);
            fresh.close();

            county.disconnect();
            long applied = county.lastSequence();
            send(weather, UPDATE, WARNING_MSG_TYPE_UPDATE, WARNING_COLOUR_ORANGE, List.of(ALERT));
            for (NodeStreamClient c : List.of(city, province)) {
                Await.until(c.adcode() + " has the update in place of the alert", Duration.ofSeconds(30),
                        () -> c.warnings().keySet().equals(java.util.Set.of(UPDATE)));
            }
            Await.until("Jinan's county feed has the update", Duration.ofSeconds(30), () -> feed(node, "370102")
                    .snapshot().getSnapshot().getWarningsList().stream().anyMatch(w -> w.getWarningId().equals(UPDATE)));
            county.connect(ResumeBy.FIRST_FRAME);
            awaitInStep(node, all);
            assertThat(county.snapshots()).as("resumed from the replay window, no new snapshot").isEqualTo(1);
            List<NodeStreamMessage> missed = county.received().stream().filter(m -> m.getSequence() > applied).toList();
            assertThat(missed).extracting(NodeStreamMessage::getSequence)
                    .as("exactly the changes after the last one applied")
                    .containsExactlyElementsOf(range(applied + 1, feed(node, "370102").sequence()));
            assertThat(missed).filteredOn(NodeStreamMessage::hasWarningChange)
                    .extracting(m -> m.getWarningChange().getWarning().getWarningId())
                    .as("the one warning change missed").containsExactly(UPDATE);
            for (NodeStreamClient c : List.of(city, county, province)) {
                WarningView orange = c.warnings().get(UPDATE);
                assertThat(c.warnings()).as(c.adcode()).containsOnlyKeys(UPDATE);
                assertThat(orange.getColour()).isEqualTo(WARNING_COLOUR_ORANGE);
                assertThat(orange.getReplacesList()).containsExactly(ALERT);
                assertThat(warningChanges(c)).as(c.adcode() + ": the update replaces the alert in one change")
                        .extracting(w -> w.getWarning().getWarningId() + (w.getRemoved() ? " removed" : ""))
                        .containsExactly(ALERT, UPDATE);
                assertThat(c.summary().getActiveWarningsByColourMap()).isEqualTo(Map.of("WARNING_COLOUR_ORANGE", 1));
            }

            send(weather, CANCEL, WARNING_MSG_TYPE_CANCEL, WARNING_COLOUR_ORANGE, List.of(UPDATE));
            for (NodeStreamClient c : List.of(city, county, province)) {
                Await.until(c.adcode() + " no longer has the warning", Duration.ofSeconds(30),
                        () -> c.warnings().isEmpty());
            }
            awaitInStep(node, all);
            for (NodeStreamClient c : List.of(city, county, province)) {
                assertThat(warningChanges(c)).as(c.adcode())
                        .extracting(w -> w.getWarning().getWarningId() + (w.getRemoved() ? " removed" : ""))
                        .containsExactly(ALERT, UPDATE, UPDATE + " removed");
                assertThat(c.summary().getActiveWarnings()).isZero();
                assertThat(feed(node, c.adcode()).snapshot().getSnapshot().getWarningsList()).isEmpty();
            }
            assertThat(qingdao.warnings()).isEmpty();
            assertThat(qingdao.received()).as("Qingdao's stream never hears of the Jinan warning")
                    .noneSatisfy(m -> assertThat(m.hasWarningChange()).isTrue())
                    .noneSatisfy(m -> assertThat(m.toString()).contains("37010041600000"));
            for (NodeStreamClient c : all) {
                assertThat(c.violations()).as(c.adcode()).isEmpty();
            }
            all.forEach(NodeStreamClient::close);
        }
    }

    private static void send(AgencyClient weather, String id, WarningMsgType type, WarningColour colour,
                             List<String> references) throws Exception {
        assertThat(weather.send(jinanRainstorm(weather, id, type, colour, references)).get())
                .isInstanceOf(Reply.Acked.class);
    }

    private static List<WarningChange> warningChanges(NodeStreamClient c) {
        return c.received().stream().filter(NodeStreamMessage::hasWarningChange)
                .map(NodeStreamMessage::getWarningChange).toList();
    }

    /** A binary client with the token of the duty officer {@code user@adcode} of the node it watches. */
    private static NodeStreamClient officersClient(RunningNode node, String officer) {
        String adcode = officer.substring(officer.indexOf('@') + 1);
        return new NodeStreamClient(node.baseUri(), adcode, false, node.token(officer)).connect(ResumeBy.QUERY);
    }

    private static NodeFeed feed(RunningNode node, String adcode) {
        return node.server().nodes().feed(adcode).orElseThrow();
    }

    private static void awaitInStep(RunningNode node, List<NodeStreamClient> clients) {
        for (NodeStreamClient c : clients) {
            Await.until(c.adcode() + " client is at its feed's sequence with the feed's warnings", Duration.ofSeconds(30),
                    () -> c.isAt(node.server().nodes().epoch(), feed(node, c.adcode()).sequence())
                            && c.warnings().equals(feed(node, c.adcode()).snapshot().getSnapshot().getWarningsList()
                            .stream().collect(java.util.stream.Collectors.toMap(WarningView::getWarningId, w -> w))));
        }
    }

    private static List<Long> range(long from, long to) {
        return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
    }
}
