package cn.emcc.ops.sim;

import cn.emcc.protocols.cap.CapAlert;
import cn.emcc.protocols.cap.CapFormatException;
import cn.emcc.protocols.cap.CapReader;
import cn.emcc.protocols.cap.CapWriter;
import cn.emcc.protocols.v1.MessageStatus;
import cn.emcc.protocols.v1.WeatherWarning;

/**
 * The simulated weather service's link to the meteorological office: the
 * office publishes each warning as a CAP 1.2 document, and the weather
 * agency's system reads that document, as it would read a real CMA feed, to
 * get the warning it forwards to emcc. Going through the XML keeps the
 * simulator honest about what CAP can carry (whole-second times, references
 * with sender and sent).
 */
final class CmaFeed {

    private final CapWriter writer = new CapWriter();
    private final CapReader reader = new CapReader();

    /** The CAP document the office would publish. */
    String publish(WeatherWarning warning, String capSender) {
        return writer.write(new CapAlert(warning, MessageStatus.MESSAGE_STATUS_ACTUAL, capSender));
    }

    /** The warning as the weather agency's system reads it from the feed. */
    WeatherWarning receive(String capXml) {
        try {
            return reader.read(capXml).warning();
        } catch (CapFormatException e) {
            throw new IllegalStateException("the simulated CMA feed published CAP that does not read back: "
                    + e.getMessage(), e);
        }
    }

    WeatherWarning roundTrip(WeatherWarning warning, String capSender) {
        return receive(publish(warning, capSender));
    }
}
