package cn.emcc.ops.sim;

import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.FireAlarm;
import cn.emcc.protocols.v1.PoliceReport;
import cn.emcc.protocols.v1.TrafficCondition;
import cn.emcc.protocols.v1.WeatherWarning;

/** One readable line per envelope, for the demo's verbose log. */
final class MessageSummary {

    private MessageSummary() {
    }

    static String of(Envelope e) {
        String what = switch (e.getPayloadCase()) {
            case POLICE_REPORT -> {
                PoliceReport r = e.getPoliceReport();
                yield "110 " + strip(r.getCategory().name(), "INCIDENT_CATEGORY_") + " " + r.getLocation().getAddress()
                        + " injured " + r.getCasualties().getInjured();
            }
            case FIRE_ALARM -> {
                FireAlarm a = e.getFireAlarm();
                yield "119 " + strip(a.getCategory().name(), "INCIDENT_CATEGORY_") + " " + a.getLocation().getAddress()
                        + " " + a.getDescription();
            }
            case WEATHER_WARNING -> {
                WeatherWarning w = e.getWeatherWarning();
                yield "weather " + strip(w.getMsgType().name(), "WARNING_MSG_TYPE_") + " " + w.getHeadline();
            }
            case TRAFFIC_CONDITION -> {
                TrafficCondition c = e.getTrafficCondition();
                yield "traffic " + strip(c.getType().name(), "TRAFFIC_CONDITION_TYPE_") + (c.getCleared() ? " cleared " : " ")
                        + c.getRoadName();
            }
            default -> e.getPayloadCase().name();
        };
        return e.getMessageId() + " " + what;
    }

    private static String strip(String enumName, String prefix) {
        return enumName.startsWith(prefix) ? enumName.substring(prefix.length()) : enumName;
    }
}
