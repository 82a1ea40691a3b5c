package cn.emcc.command.testsupport;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * The settings every emcc test system layers over the node configuration: a free
 * remoting port and no seed nodes (tests that need a cluster join themselves), and
 * serialization of every message and persisted value so each test round-trips the
 * real serializers.
 */
public final class EmccTestConfig {

    private EmccTestConfig() {
    }

    public static Config layer() {
        return ConfigFactory.parseString("""
                pekko.remote.artery.canonical.port = 0
                pekko.cluster.seed-nodes = []
                emcc.cluster.seed-nodes = ""
                pekko.actor.serialize-messages = on
                pekko.persistence.testkit.events.serialize = on
                pekko.persistence.testkit.snapshots.serialize = on
                """);
    }
}
