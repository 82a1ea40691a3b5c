package cn.emcc.bench.fanout;

import cn.emcc.map.jurisdiction.Jurisdiction;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import cn.emcc.protocols.v1.NodeStreamMessage;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The peer: Eclipse Mosquitto, started here on a free loopback port with a
 * generated config, relaying the same payload bytes to 153 subscribers (Paho
 * MQTT v3) on a province/city/county topic tree: a county subscribes to its
 * topic, a city to {@code emcc/37/3701/#}, the province to {@code emcc/37/#};
 * QoS 1 everywhere.
 */
final class MosquittoFanout implements AutoCloseable {

    static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");

    private final Process broker;
    private final Path configFile;
    private final List<MqttClient> subscribers = new ArrayList<>();
    private final MqttAsyncClient publisher;
    private final AtomicReference<FanoutTally> tally = new AtomicReference<>();

    MosquittoFanout(JurisdictionTree tree, int window) throws Exception {
        if (!Files.isExecutable(MOSQUITTO)) {
            throw new IllegalStateException("Mosquitto is not installed (" + MOSQUITTO + " missing); the fanout"
                    + " benchmark needs it as its peer: apt-get install -y mosquitto");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        configFile = Files.createTempFile("emcc-fanout-mosquitto", ".conf");
        Files.writeString(configFile, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                + "max_inflight_messages 0\nmax_queued_messages 0\nset_tcp_nodelay true\nlog_dest stderr\n"
                + "log_type error\n");
        broker = new ProcessBuilder(MOSQUITTO.toString(), "-c", configFile.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        awaitListening(port);
        String url = "tcp://127.0.0.1:" + port;
        for (Jurisdiction j : tree.all()) {
            MqttClient c = new MqttClient(url, "node-" + j.adcode(), new MemoryPersistence());
            c.setCallback(new Receiver());
            c.connect(options(window));
            c.subscribe(filter(j), 1);
            subscribers.add(c);
        }
        publisher = new MqttAsyncClient(url, "emcc-publisher", new MemoryPersistence());
        // The window bounds changes not yet delivered to all three nodes; the broker's
        // acknowledgements to the publisher may trail the deliveries, so Paho's own
        // bound on unacknowledged publishes must not be what limits the peer.
        MqttConnectOptions publishing = options(window);
        publishing.setMaxInflight(65_000);
        publisher.connect(publishing).waitForCompletion(30_000);
    }

    private static MqttConnectOptions options(int window) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(window + 16);
        o.setConnectionTimeout(30);
        return o;
    }

    private static String filter(Jurisdiction j) {
        return switch (j.tier()) {
            case PROVINCE -> "emcc/" + j.adcode().substring(0, 2) + "/#";
            case CITY -> "emcc/" + j.adcode().substring(0, 2) + "/" + j.adcode().substring(0, 4) + "/#";
            case COUNTY -> FanoutPlan.topic(j);
        };
    }

    private static void awaitListening(int port) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("mosquitto did not listen on 127.0.0.1:" + port + " within 10 s", e);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Publishes every change of the plan through the window and returns the nanos until the last delivery. */
    long run(FanoutPlan plan, FanoutTally t) throws InterruptedException, MqttException {
        tally.set(t);
        long started = t.nowNanos();
        for (int i = 0; i < plan.countyOf.length; i++) {
            byte[] payload = FanoutPlan.payload(plan.change(i, t.beforePublish()), i + 1);
            MqttMessage m = new MqttMessage(payload);
            m.setQos(1);
            publisher.publish(FanoutPlan.topic(plan.counties.get(plan.countyOf[i])), m);
        }
        return t.awaitAll(started);
    }

    private final class Receiver implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            FanoutTally t = tally.get();
            if (t == null) {
                return;
            }
            try {
                t.delivered(NodeStreamMessage.parseFrom(message.getPayload()).getIncidentChange().getIncident());
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                t.broken();
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            FanoutTally t = tally.get();
            if (t != null) {
                t.broken();
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }

    @Override
    public void close() throws Exception {
        for (MqttClient c : subscribers) {
            try {
                c.disconnect();
                c.close();
            } catch (MqttException ignored) {
                // the broker is stopped next anyway
            }
        }
        try {
            publisher.disconnect().waitForCompletion(5_000);
            publisher.close();
        } catch (MqttException ignored) {
            // as above
        }
        broker.destroy();
        if (!broker.waitFor(10, TimeUnit.SECONDS)) {
            broker.destroyForcibly();
        }
        Files.deleteIfExists(configFile);
    }
}
