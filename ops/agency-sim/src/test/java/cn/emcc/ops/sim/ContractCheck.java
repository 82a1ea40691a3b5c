package cn.emcc.ops.sim;

import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.Location;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.MessageStatus;
import cn.emcc.protocols.v1.TrafficCondition;
import cn.emcc.protocols.v1.TrafficConditionType;
import cn.emcc.protocols.v1.WarningArea;
import cn.emcc.protocols.v1.WeatherWarning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parts of the emcc.v1 contract a simulated agency message must meet,
 * written from the .proto comments: a list of what is wrong with one
 * envelope (empty when it is fine).
 */
final class ContractCheck {

    static final double MIN_LON = 114.7;
    static final double MAX_LON = 122.8;
    static final double MIN_LAT = 34.3;
    static final double MAX_LAT = 38.5;

    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern SYSTEM_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern ADCODE = Pattern.compile("37\\d{4}");
    private static final Map<Agency, MessageKind> KIND_OF = Map.of(
            Agency.AGENCY_POLICE, MessageKind.MESSAGE_KIND_POLICE_REPORT,
            Agency.AGENCY_FIRE, MessageKind.MESSAGE_KIND_FIRE_ALARM,
            Agency.AGENCY_WEATHER, MessageKind.MESSAGE_KIND_WEATHER_WARNING,
            Agency.AGENCY_TRAFFIC, MessageKind.MESSAGE_KIND_TRAFFIC_CONDITION);

    private static final Map<MessageKind, Envelope.PayloadCase> PAYLOAD_OF = Map.of(
            MessageKind.MESSAGE_KIND_POLICE_REPORT, Envelope.PayloadCase.POLICE_REPORT,
            MessageKind.MESSAGE_KIND_FIRE_ALARM, Envelope.PayloadCase.FIRE_ALARM,
            MessageKind.MESSAGE_KIND_WEATHER_WARNING, Envelope.PayloadCase.WEATHER_WARNING,
            MessageKind.MESSAGE_KIND_TRAFFIC_CONDITION, Envelope.PayloadCase.TRAFFIC_CONDITION);

    private ContractCheck() {
    }

    static List<String> problems(Envelope e) {
        List<String> p = new ArrayList<>();
        String id = e.getMessageId();
        check(p, MESSAGE_ID.matcher(id).matches(), id, "message_id is not 1..128 of [A-Za-z0-9._:-]");
        check(p, SYSTEM_ID.matcher(e.getSender().getSystemId()).matches(), id, "sender.system_id");
        check(p, ADCODE.matcher(e.getSender().getAdcode()).matches(), id, "sender.adcode");
        check(p, e.getStatus() == MessageStatus.MESSAGE_STATUS_ACTUAL, id, "status " + e.getStatus());
        check(p, e.hasSent(), id, "sent missing");
        MessageKind expectedKind = KIND_OF.get(e.getSender().getAgency());
        check(p, expectedKind != null && expectedKind == e.getKind(), id,
                "sender " + e.getSender().getAgency() + " sends kind " + e.getKind());
        check(p, PAYLOAD_OF.get(e.getKind()) == e.getPayloadCase(), id,
                "kind " + e.getKind() + " with payload " + e.getPayloadCase());
        switch (e.getPayloadCase()) {
            case POLICE_REPORT -> {
                var r = e.getPoliceReport();
                check(p, between(r.getReportId().length(), 1, 64), id, "report_id length");
                check(p, r.hasReportedAt() && r.getReportedAt().getSeconds() <= e.getSent().getSeconds(), id,
                        "reported_at after sent");
                check(p, r.getCategory().getNumber() != 0, id, "category unspecified");
                check(p, r.getDescription().length() <= 2000, id, "description too long");
                check(p, r.getCallerNumberMasked().matches("1\\d{2}\\*{4}\\d{4}"), id, "caller number not masked");
                location(p, id, r.getLocation());
            }
            case FIRE_ALARM -> {
                var a = e.getFireAlarm();
                check(p, between(a.getAlarmId().length(), 1, 64), id, "alarm_id length");
                check(p, a.hasReportedAt() && a.getReportedAt().getSeconds() <= e.getSent().getSeconds(), id,
                        "reported_at after sent");
                check(p, a.getCategory().getNumber() != 0, id, "category unspecified");
                check(p, a.getDescription().length() <= 2000, id, "description too long");
                location(p, id, a.getLocation());
            }
            case WEATHER_WARNING -> warning(p, id, e.getWeatherWarning());
            case TRAFFIC_CONDITION -> traffic(p, id, e.getTrafficCondition());
            default -> p.add(id + ": unexpected payload " + e.getPayloadCase());
        }
        return p;
    }

    static boolean inShandongBox(GeoPoint g) {
        return g.getLongitude() >= MIN_LON && g.getLongitude() <= MAX_LON
                && g.getLatitude() >= MIN_LAT && g.getLatitude() <= MAX_LAT;
    }

    private static void location(List<String> p, String id, Location l) {
        check(p, l.hasPoint() && inShandongBox(l.getPoint()), id, "point " + l.getPoint() + " outside Shandong");
        check(p, l.getAddress().length() <= 500 && !l.getAddress().isEmpty(), id, "address");
        check(p, l.getAdcode().isEmpty() || ADCODE.matcher(l.getAdcode()).matches(), id, "adcode " + l.getAdcode());
        check(p, l.getAccuracyMeters() >= 0, id, "accuracy");
    }

    private static void warning(List<String> p, String id, WeatherWarning w) {
        check(p, !w.getIdentifier().isEmpty() && !w.getIssuer().isEmpty() && w.hasIssuedAt(), id, "identity");
        check(p, w.getMsgType().getNumber() != 0 && w.getHazard().getNumber() != 0 && w.getColour().getNumber() != 0,
                id, "unspecified enum");
        check(p, w.getAreasCount() > 0, id, "no area");
        check(p, w.getReferencesCount() == w.getReferenceDetailsCount(), id, "references and details differ");
        for (WarningArea a : w.getAreasList()) {
            check(p, a.getAdcodesCount() + a.getCirclesCount() + a.getPolygonsCount() > 0, id, "empty area");
            a.getAdcodesList().forEach(c -> check(p, ADCODE.matcher(c).matches(), id, "area adcode " + c));
            a.getCirclesList().forEach(c -> {
                check(p, inShandongBox(c.getCenter()), id, "circle centre " + c.getCenter());
                check(p, c.getRadiusKm() > 0 && c.getRadiusKm() <= 1000, id, "radius " + c.getRadiusKm());
            });
        }
    }

    private static void traffic(List<String> p, String id, TrafficCondition c) {
        check(p, !c.getConditionId().isEmpty() && !c.getRoadName().isEmpty(), id, "condition id / road name");
        check(p, c.getType().getNumber() != 0, id, "type unspecified");
        check(p, c.hasSegment() && c.getSegment().getPointsCount() >= 2, id, "segment with fewer than 2 points");
        c.getSegment().getPointsList().forEach(g -> check(p, inShandongBox(g), id, "segment point " + g));
        check(p, c.hasObservedAt() && c.hasValidUntil()
                && c.getValidUntil().getSeconds() > c.getObservedAt().getSeconds(), id, "validity");
        switch (c.getSpeedCase()) {
            case SPEED_KMH -> check(p, c.getSpeedKmh() > 0 && c.getSpeedKmh() <= 200, id, "speed_kmh " + c.getSpeedKmh());
            case SPEED_FACTOR -> check(p, c.getSpeedFactor() > 0 && c.getSpeedFactor() <= 1, id,
                    "speed_factor " + c.getSpeedFactor());
            default -> check(p, c.getType() == TrafficConditionType.TRAFFIC_CONDITION_TYPE_CLOSURE, id,
                    "no speed for " + c.getType());
        }
    }

    private static boolean between(int n, int min, int max) {
        return n >= min && n <= max;
    }

    private static void check(List<String> problems, boolean ok, String id, String what) {
        if (!ok) {
            problems.add(id + ": " + what);
        }
    }
}
