package cn.emcc.command.nodes;

import cn.emcc.command.testsupport.Await;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.NodeStreamClient;
import cn.emcc.command.testsupport.NodeStreamClient.ResumeBy;
import cn.emcc.map.jurisdiction.Jurisdiction;
import cn.emcc.protocols.v1.IncidentView;
import cn.emcc.protocols.v1.NodeSummary;
import cn.emcc.protocols.v1.UnitView;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static cn.emcc.command.nodes.NodeStreamHarness.TREE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random incident and unit histories while the 153 node clients (one per
 * jurisdiction) and a few browser consoles drop their connections at random and
 * resume: at the end every client's rebuilt picture is exactly the open
 * incidents and the units of its subtree, with the matching summary, and no
 * client ever saw a gap, a duplicate or another node's item.
 * Small replay windows make some resumes replay and others resnapshot.
 */
class NodeStreamPropertyTest {

    private static final NodeStreamSettings SETTINGS = new NodeStreamSettings(400, 120, 25, 512,
            Duration.ofSeconds(30), Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofMinutes(10), Duration.ofSeconds(15));

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 2026, 370000})
    void every_client_ends_with_exactly_its_subtree_after_random_disconnects(long seed) throws Exception {
        Random random = new Random(seed);
        RandomIncidents incidents = new RandomIncidents(seed, TREE);
        RandomUnits units = new RandomUnits(seed, TREE, 400);
        List<NodeStreamClient> clients = new ArrayList<>();
        try (NodeStreamHarness node = new NodeStreamHarness(SETTINGS)) {
            NodeStreams streams = node.streams();
            units.roster().forEach(u -> streams.publishUnit(u.unit(), u.removed()));
            for (int i = 0; i < 60; i++) {
                streams.publish(incidents.next()); // some history before anyone connects
            }
            for (Jurisdiction j : TREE.all()) {
                clients.add(new NodeStreamClient(node.baseUri(), j.adcode(), false, node.token(RunningNode.PROVINCE_OFFICER))
                        .connect(random.nextBoolean() ? ResumeBy.QUERY : ResumeBy.FIRST_FRAME));
            }
            for (String console : List.of("370000", "370100", "370200", "370102")) {
                clients.add(new NodeStreamClient(node.baseUri(), console, true, node.token(RunningNode.PROVINCE_OFFICER))
                        .connect(console.equals("370200") ? ResumeBy.NOTHING : ResumeBy.FIRST_FRAME));
            }
            assertThat(clients).hasSize(153 + 4);

            List<NodeStreamClient> offline = new ArrayList<>();
            for (int i = 0; i < 1500; i++) {
                streams.publish(incidents.next());
                RandomUnits.Change u = units.next();
                streams.publishUnit(u.unit(), u.removed());
                if (random.nextInt(40) == 0) {
                    for (int k = 0; k < 8; k++) {
                        NodeStreamClient c = clients.get(random.nextInt(clients.size()));
                        if (!offline.contains(c)) {
                            c.disconnect();
                            offline.add(c);
                        }
                    }
                }
                if (!offline.isEmpty() && random.nextInt(15) == 0) {
                    offline.remove(random.nextInt(offline.size()))
                            .connect(random.nextBoolean() ? ResumeBy.QUERY : ResumeBy.FIRST_FRAME);
                }
            }
            offline.forEach(c -> c.connect(random.nextBoolean() ? ResumeBy.QUERY : ResumeBy.FIRST_FRAME));

            for (NodeStreamClient c : clients) {
                NodeFeed feed = streams.feed(c.adcode()).orElseThrow();
                try {
                    Await.until(c.adcode() + " client applies up to sequence " + feed.sequence(), Duration.ofSeconds(60),
                            () -> c.isAt(streams.epoch(), feed.sequence()) || !c.violations().isEmpty());
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; client " + c.describe() + "; feed epoch "
                            + streams.epoch() + " clients " + feed.clientCount() + " lagging " + feed.laggingClients()
                            + " buffered " + feed.buffered() + " last queued " + feed.lastQueued(), e);
                }
                assertThat(c.violations()).as("stream promises broken for %s", c.adcode()).isEmpty();
            }
            int resumedWithoutSnapshot = 0;
            for (NodeStreamClient c : clients) {
                assertThat(c.violations()).as("stream promises broken for %s", c.adcode()).isEmpty();
                Map<String, IncidentView> expected = incidents.expectedPicture(TREE, c.adcode());
                Map<String, UnitView> expectedUnits = units.expectedPicture(TREE, c.adcode());
                assertThat(c.incidents()).as("picture of %s", c.adcode()).isEqualTo(expected);
                assertThat(c.units()).as("units of %s", c.adcode()).isEqualTo(expectedUnits);
                assertThat(c.incidents().values()).as("foreign items at %s", c.adcode())
                        .allSatisfy(v -> assertThat(TREE.contains(c.adcode(), v.getCountyAdcode())).isTrue());
                assertThat(c.units().values()).as("foreign units at %s", c.adcode())
                        .allSatisfy(u -> assertThat(TREE.contains(c.adcode(), u.getCountyAdcode())).isTrue());
                assertThat(c.summary()).as("summary of %s", c.adcode()).isEqualTo(countsOf(expected, expectedUnits));
                assertThat(c.summary()).isEqualTo(streams.feed(c.adcode()).orElseThrow().snapshot()
                        .getSnapshot().getSummary());
                // Every connection that brought no snapshot was resumed by replaying the changes after it.
                resumedWithoutSnapshot += c.connections() > c.snapshots() ? 1 : 0;
            }
            // Not a promise of the stream, but the point of the test: both resume paths were taken.
            assertThat(resumedWithoutSnapshot).isPositive();
            assertThat(clients.stream().mapToInt(NodeStreamClient::snapshots).sum()).isGreaterThan(clients.size());
        } finally {
            clients.forEach(NodeStreamClient::close);
        }
    }

    /** The summary's counts worked out from a picture, independently of the server. */
    private static NodeSummary countsOf(Map<String, IncidentView> picture, Map<String, UnitView> units) {
        Map<String, Integer> grade = new TreeMap<>(), category = new TreeMap<>(), status = new TreeMap<>();
        for (IncidentView v : picture.values()) {
            grade.merge(v.getGrade().name(), 1, Integer::sum);
            category.merge(v.getCategory().name(), 1, Integer::sum);
            status.merge(v.getStatus().name(), 1, Integer::sum);
        }
        Map<String, Integer> unitCounts = new TreeMap<>();
        for (UnitView u : units.values()) {
            unitCounts.merge(u.getAgency().name() + "/" + u.getStatus().name(), 1, Integer::sum);
        }
        return NodeSummary.newBuilder().putAllOpenIncidentsByGrade(grade)
                .putAllOpenIncidentsByCategory(category).putAllOpenIncidentsByStatus(status)
                .putAllUnitsByAgencyStatus(unitCounts).build();
    }
}
