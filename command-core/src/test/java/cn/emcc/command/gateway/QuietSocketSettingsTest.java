package cn.emcc.command.gateway;

import cn.emcc.command.EmccConfig;
import com.typesafe.config.Config;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A quiet agency socket must outlive the server's idle timeout: the node pings
 * its WebSockets more often than that timeout would cut them.
 */
class QuietSocketSettingsTest {

    @Test
    void websockets_are_pinged_well_inside_the_idle_timeout() {
        Config config = EmccConfig.load();
        Duration idleTimeout = config.getDuration("pekko.http.server.idle-timeout");
        Duration keepAlive = config.getDuration("pekko.http.server.websocket.periodic-keep-alive-max-idle");

        assertThat(config.getString("pekko.http.server.websocket.periodic-keep-alive-mode")).isEqualTo("ping");
        assertThat(keepAlive).isLessThanOrEqualTo(idleTimeout.dividedBy(2));
    }
}
