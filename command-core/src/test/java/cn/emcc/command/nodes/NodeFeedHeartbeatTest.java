package cn.emcc.command.nodes;

import cn.emcc.command.testsupport.HandClock;
import cn.emcc.command.testsupport.Await;
import cn.emcc.protocols.v1.NodeStreamMessage;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A quiet node still speaks: a feed with clients that has sent them nothing
 * for the heartbeat interval sends its summary again as the next change, so a
 * console can tell a quiet node from a dead connection. Time is moved by hand.
 */
class NodeFeedHeartbeatTest {

    private static final Duration EVERY = Duration.ofSeconds(15);
    private static ActorSystem<Void> system;

    @BeforeAll
    static void start() {
        system = ActorSystem.create(Behaviors.empty(), "node-feed-heartbeat-test",
                ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stop() {
        system.terminate();
    }

    @Test
    void a_feed_with_clients_that_said_nothing_for_the_interval_repeats_its_summary_as_the_next_change() {
        HandClock clock = new HandClock(Instant.parse("2026-12-07T08:00:00Z"));
        NodeFeed feed = new NodeFeed("370102", "epoch-1", 100, clock);
        feed.orderOverdue("370102-20261207-0001-O1"); // a change: the summary counts it
        assertThat(feed.sequence()).isEqualTo(1);

        // nobody listens: nothing to keep alive, the replay window is left alone
        clock.advance(EVERY.multipliedBy(4));
        feed.heartbeat(EVERY);
        assertThat(feed.sequence()).isEqualTo(1);

        List<NodeStreamMessage> received = new CopyOnWriteArrayList<>();
        NodeClient client = client(received);
        feed.attach(client, "", 0);
        Await.until("the snapshot reaches the client", Duration.ofSeconds(10), () -> received.size() == 1);
        assertThat(received.get(0).hasSnapshot()).isTrue();

        // the snapshot was just sent: not yet
        clock.advance(EVERY.minusSeconds(1));
        feed.heartbeat(EVERY);
        assertThat(feed.sequence()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        feed.heartbeat(EVERY);
        assertThat(feed.sequence()).isEqualTo(2);
        Await.until("the heartbeat reaches the client", Duration.ofSeconds(10), () -> received.size() == 2);
        NodeStreamMessage beat = received.get(1);
        assertThat(beat.getSequence()).as("the next change").isEqualTo(2);
        assertThat(beat.getEpoch()).isEqualTo("epoch-1");
        assertThat(beat.getSummary()).as("the summary the client holds").isEqualTo(received.get(0).getSnapshot().getSummary());

        // a real change restarts the wait
        clock.advance(EVERY.minusSeconds(5));
        feed.orderMoved("370102-20261207-0001-O1");
        clock.advance(EVERY.minusSeconds(1));
        feed.heartbeat(EVERY);
        assertThat(feed.sequence()).as("a change %s ago", EVERY.minusSeconds(1)).isEqualTo(3);
        clock.advance(Duration.ofSeconds(1));
        feed.heartbeat(EVERY);
        assertThat(feed.sequence()).isEqualTo(4);

        // a client resuming from the beat's sequence gets exactly what came after it
        List<NodeStreamMessage> resumed = new CopyOnWriteArrayList<>();
        feed.attach(client(resumed), "epoch-1", 2);
        Await.until("the replay reaches the resuming client", Duration.ofSeconds(10), () -> resumed.size() == 2);
        assertThat(resumed).extracting(NodeStreamMessage::getSequence).containsExactly(3L, 4L);

        // switched off
        clock.advance(EVERY.multipliedBy(10));
        feed.heartbeat(Duration.ZERO);
        assertThat(feed.sequence()).isEqualTo(4);
    }

    private static NodeClient client(List<NodeStreamMessage> into) {
        BoundedSourceQueue<List<NodeStreamMessage>> queue = Source.<List<NodeStreamMessage>>queue(16)
                .toMat(Sink.foreach(into::addAll), Keep.left())
                .run(Materializer.matFromSystem(system));
        return new NodeClient(queue, 16);
    }
}
