package cn.emcc.protocols.cap;

import cn.emcc.protocols.v1.MessageStatus;
import cn.emcc.protocols.v1.WeatherWarning;

import java.util.Objects;

/**
 * One CAP 1.2 alert as emcc sees it: the warning itself plus the two alert-level
 * values that belong to the envelope rather than to {@link WeatherWarning}
 * (CAP {@code status} and CAP {@code sender}, e.g. an office code or address).
 */
public record CapAlert(WeatherWarning warning, MessageStatus status, String capSender) {

    public CapAlert {
        Objects.requireNonNull(warning, "warning");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(capSender, "capSender");
    }
}
