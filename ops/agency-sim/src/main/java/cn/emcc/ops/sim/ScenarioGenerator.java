package cn.emcc.ops.sim;

import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Casualties;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.FireAlarm;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.Location;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.MessageStatus;
import cn.emcc.protocols.v1.PoliceReport;
import cn.emcc.protocols.v1.TrafficCondition;
import cn.emcc.protocols.v1.WarningMsgType;
import cn.emcc.protocols.v1.WeatherWarning;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.UUID;

/**
 * The timeline of a simulated day in Shandong as the four agencies see it:
 * 110 and 119 reports spread over the counties by population, some fires
 * reported to 110 as well by a second caller nearby, now and then a message
 * resent with the same id, weather warnings that are raised and cancelled,
 * traffic conditions that come and clear on real roads.
 *
 * <p>Plain and deterministic: the same seed, rate and origin give the same
 * messages (message ids too; they are drawn from the seed and the origin, so
 * a run started at another time never reuses an id). Endless: take messages
 * with {@link #next()} or {@link #until(Duration)}. The rate is also the
 * acceleration: at the default 30 reports a minute the follow-ups come on
 * their natural schedule (second caller a minute or two later, a closure
 * cleared after 5–15 minutes); at 60 a minute everything happens twice as
 * fast. Not thread-safe.
 */
public final class ScenarioGenerator implements Iterator<PlannedMessage> {

    public static final double DEFAULT_REPORTS_PER_MINUTE = 30;
    /** Share of 119 reports that a second caller also reports to 110. */
    static final double ALSO_CALLED_110 = 0.20;
    /** Share of reports that the flaky link sends twice with the same message id. */
    static final double RESENT = 0.01;
    static final double TRAFFIC_CONDITIONS_PER_REPORT = 1.0 / 8;
    static final double WARNING_STORIES_PER_REPORT = 1.0 / 180;
    static final double SECOND_CALLER_MIN_M = 50;
    static final double SECOND_CALLER_MAX_M = 595;
    static final double JITTER_MAX_M = 1000;

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.ofHours(8));
    private static final Weighted<IncidentProfile> PROFILES = profiles();
    private static final List<Road> EXPRESSWAYS = Roads.ALL.stream().filter(Road::expressway).toList();

    private record Queued(PlannedMessage message, long order) {
    }

    private final Places places;
    private final Instant origin;
    private final double pace;
    private final Duration meanReportGap;
    private final Random random;
    private final Random ids;
    private final WarningStories warnings;
    private final TrafficStories traffic;
    /** Envelope ids of the warning story being planned, for the references of its next step. */
    private final List<String> warningStory = new ArrayList<>();
    private final PriorityQueue<Queued> pending = new PriorityQueue<>(
            Comparator.comparing((Queued q) -> q.message().at()).thenComparingLong(Queued::order));
    private long order;
    private long reportSeq;
    private long conditionSeq;
    private Duration nextReport;
    private Duration nextTraffic;
    private Duration nextWarning;

    public ScenarioGenerator(long seed, double reportsPerMinute, Instant origin) {
        this(seed, reportsPerMinute, origin, Places.shandong());
    }

    public ScenarioGenerator(long seed, double reportsPerMinute, Instant origin, Places places) {
        if (!(reportsPerMinute > 0) || reportsPerMinute > 1_000_000) {
            throw new IllegalArgumentException("reportsPerMinute is " + reportsPerMinute + "; expected more than 0 and at most 1,000,000");
        }
        this.places = places;
        this.origin = origin;
        this.pace = DEFAULT_REPORTS_PER_MINUTE / reportsPerMinute;
        this.meanReportGap = Duration.ofNanos(Math.round(60e9 / reportsPerMinute));
        this.random = new Random(seed);
        this.ids = new Random(seed ^ mix(origin.toEpochMilli()));
        this.warnings = new WarningStories(places, origin, pace);
        this.traffic = new TrafficStories(origin, pace);
        this.nextReport = gap(meanReportGap);
        this.nextTraffic = gap(scale(meanReportGap, 1 / TRAFFIC_CONDITIONS_PER_REPORT));
        // Every scenario opens with Jinan's rainstorm, after about forty reports.
        Duration opening = scale(meanReportGap, 40);
        warnings.jinanRainstorm(random, opening).forEach(this::planWarningStep);
        this.nextWarning = opening.plus(gap(scale(meanReportGap, 1 / WARNING_STORIES_PER_REPORT)));
    }

    public Instant origin() {
        return origin;
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    /** The next message in time order. */
    @Override
    public PlannedMessage next() {
        while (true) {
            Duration streams = min(nextReport, min(nextTraffic, nextWarning));
            Queued head = pending.peek();
            if (head != null && head.message().at().compareTo(streams) <= 0) {
                return pending.poll().message();
            }
            if (streams.equals(nextReport)) {
                planReport(nextReport);
                nextReport = nextReport.plus(gap(meanReportGap));
            } else if (streams.equals(nextTraffic)) {
                planTraffic(nextTraffic);
                nextTraffic = nextTraffic.plus(gap(scale(meanReportGap, 1 / TRAFFIC_CONDITIONS_PER_REPORT)));
            } else {
                warnings.random(random, nextWarning).forEach(this::planWarningStep);
                nextWarning = nextWarning.plus(gap(scale(meanReportGap, 1 / WARNING_STORIES_PER_REPORT)));
            }
        }
    }

    /** Every message planned before {@code span} from the start, in time order; the generator moves past them. */
    public List<PlannedMessage> until(Duration span) {
        List<PlannedMessage> out = new ArrayList<>();
        while (true) {
            Duration streams = min(nextReport, min(nextTraffic, nextWarning));
            Queued head = pending.peek();
            Duration upcoming = head != null && head.message().at().compareTo(streams) <= 0 ? head.message().at() : streams;
            if (upcoming.compareTo(span) >= 0) {
                return out;
            }
            out.add(next());
        }
    }

    // ---- reports ----

    private void planReport(Duration at) {
        IncidentProfile profile = PROFILES.pick(random);
        Instant sent = origin.plus(at);
        Instant reportedAt = sent.minusMillis(5_000 + random.nextInt(85_000));
        Place place = places.pick(random);
        Location location;
        String station;
        if (profile.onRoads() && random.nextDouble() < 0.25) {
            location = onExpressway();
            station = "山东省公安厅高速公路110指挥中心";
        } else {
            GeoPoint point = GeoMath.offset(place.point(), random.nextDouble() * JITTER_MAX_M, random.nextDouble() * 360);
            location = Location.newBuilder()
                    .setPoint(point)
                    .setAddress(Callers.address(place, random))
                    .setAdcode(place.adcode())
                    .setAccuracyMeters(10 + random.nextInt(140))
                    .build();
            station = place.city() + "公安局110指挥中心";
        }
        Envelope first;
        if (profile.firstCalled() == Agency.AGENCY_POLICE) {
            first = envelope(Agency.AGENCY_POLICE, sent)
                    .setKind(MessageKind.MESSAGE_KIND_POLICE_REPORT)
                    .setPoliceReport(PoliceReport.newBuilder()
                            .setReportId(reportId("SD110", reportedAt))
                            .setReportedAt(Times.timestamp(reportedAt))
                            .setLocation(location)
                            .setCategory(profile.category())
                            .setDescription(profile.description(random))
                            .setCasualties(profile.casualties(random))
                            .setCallerNumberMasked(Callers.maskedMobile(random))
                            .setReportingStation(station))
                    .build();
        } else {
            FireScenes.Scene scene = FireScenes.forCategory(profile.category(), random);
            FireAlarm.Builder alarm = FireAlarm.newBuilder()
                    .setAlarmId(reportId("SD119", reportedAt))
                    .setReportedAt(Times.timestamp(reportedAt))
                    .setLocation(location)
                    .setCategory(profile.category())
                    .setDescription(scene != null && scene.description() != null ? scene.description()
                            : profile.description(random))
                    .setCasualties(profile.casualties(random));
            if (scene != null) {
                alarm.setFire(scene.details());
            }
            first = envelope(Agency.AGENCY_FIRE, sent)
                    .setKind(MessageKind.MESSAGE_KIND_FIRE_ALARM)
                    .setFireAlarm(alarm)
                    .build();
            if (random.nextDouble() < ALSO_CALLED_110) {
                planSecondCaller(at, place, location, profile.category(), station);
            }
        }
        plan(new PlannedMessage(at, first.getSender().getAgency(), first, false));
        if (random.nextDouble() < RESENT) {
            Duration again = at.plus(scaled(Duration.ofSeconds(5 + random.nextInt(26))));
            plan(new PlannedMessage(again, first.getSender().getAgency(), first, true));
        }
    }

    /** Another caller rings 110 about the fire a minute or two after 119 took the first call. */
    private void planSecondCaller(Duration fireAt, Place place, Location fire, IncidentCategory category, String station) {
        Duration at = fireAt.plus(scaled(Duration.ofSeconds(60 + random.nextInt(61))));
        Instant sent = origin.plus(at);
        Instant reportedAt = sent.minusMillis(5_000 + random.nextInt(40_000));
        GeoPoint point = GeoMath.offset(fire.getPoint(),
                SECOND_CALLER_MIN_M + random.nextDouble() * (SECOND_CALLER_MAX_M - SECOND_CALLER_MIN_M),
                random.nextDouble() * 360);
        Location.Builder location = Location.newBuilder()
                .setPoint(point)
                .setAccuracyMeters(20 + random.nextInt(180));
        if (fire.getAdcode().isEmpty()) {
            location.setAddress(fire.getAddress() + "附近");
        } else {
            location.setAddress(Callers.nearbyAddress(place, random)).setAdcode(fire.getAdcode());
        }
        String what = switch (category) {
            case INCIDENT_CATEGORY_FIRE_BUILDING -> "报警人称看到附近楼房冒出浓烟，有明火";
            case INCIDENT_CATEGORY_FIRE_FOREST -> "报警人称远处山上有烟，像是着火了";
            case INCIDENT_CATEGORY_HAZARDOUS_MATERIALS -> "报警人称闻到刺鼻气味，附近有人说发生泄漏";
            case INCIDENT_CATEGORY_FLOOD_WATERLOGGING, INCIDENT_CATEGORY_FLOOD_RESCUE -> "报警人称附近积水很深，有人需要救助";
            default -> "报警人称附近有人需要救助，消防可能已经到场";
        };
        Envelope envelope = envelope(Agency.AGENCY_POLICE, sent)
                .setKind(MessageKind.MESSAGE_KIND_POLICE_REPORT)
                .setPoliceReport(PoliceReport.newBuilder()
                        .setReportId(reportId("SD110", reportedAt))
                        .setReportedAt(Times.timestamp(reportedAt))
                        .setLocation(location)
                        .setCategory(category)
                        .setDescription(what)
                        .setCasualties(Casualties.newBuilder().setCallers(1))
                        .setCallerNumberMasked(Callers.maskedMobile(random))
                        .setReportingStation(station))
                .build();
        plan(new PlannedMessage(at, Agency.AGENCY_POLICE, envelope, false));
    }

    private Location onExpressway() {
        Road road = Callers.pick(EXPRESSWAYS, random);
        double km = random.nextDouble() * road.lengthKm();
        boolean towardsLast = random.nextBoolean();
        long mark = Math.round((road.kmAtFirstPoint() + km) * 1000);
        return Location.newBuilder()
                .setPoint(road.pointAt(km))
                .setAddress(road.label() + " K" + mark / 1000 + "+" + String.format("%03d", mark % 1000) + " "
                        + (towardsLast ? road.towardsLast() : road.towardsFirst()))
                .setAccuracyMeters(30 + random.nextInt(170))
                .build();
    }

    // ---- weather and traffic ----

    /** Steps of one story arrive in order; each envelope references the envelopes of the story before it. */
    private void planWarningStep(WarningStories.Step step) {
        WeatherWarning w = step.warning();
        if (w.getMsgType() == WarningMsgType.WARNING_MSG_TYPE_ALERT) {
            warningStory.clear();
        }
        Envelope envelope = envelope(Agency.AGENCY_WEATHER, origin.plus(step.at()))
                .setKind(MessageKind.MESSAGE_KIND_WEATHER_WARNING)
                .addAllReferences(warningStory)
                .setWeatherWarning(w)
                .build();
        warningStory.add(envelope.getMessageId());
        plan(new PlannedMessage(step.at(), Agency.AGENCY_WEATHER, envelope, false));
    }

    private void planTraffic(Duration at) {
        String conditionId = "SD-TMC-" + ID_TIME.format(origin) + "-" + (++conditionSeq);
        for (TrafficStories.Step step : traffic.random(random, at, conditionId)) {
            TrafficCondition c = step.condition();
            Envelope envelope = envelope(Agency.AGENCY_TRAFFIC, origin.plus(step.at()))
                    .setKind(MessageKind.MESSAGE_KIND_TRAFFIC_CONDITION)
                    .setTrafficCondition(c)
                    .build();
            plan(new PlannedMessage(step.at(), Agency.AGENCY_TRAFFIC, envelope, false));
        }
    }

    // ---- helpers ----

    private Envelope.Builder envelope(Agency agency, Instant sent) {
        return Envelope.newBuilder()
                .setMessageId(uuid().toString())
                .setSender(Senders.of(agency))
                .setSent(Times.timestamp(sent))
                .setStatus(MessageStatus.MESSAGE_STATUS_ACTUAL);
    }

    /** A version-4 UUID drawn from the id stream, so ids are reproducible for a seed and origin. */
    private UUID uuid() {
        long msb = (ids.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (ids.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    private String reportId(String system, Instant reportedAt) {
        return system + "-" + ID_TIME.format(reportedAt) + "-" + String.format("%05d", ++reportSeq % 100_000);
    }

    private void plan(PlannedMessage message) {
        pending.add(new Queued(message, order++));
    }

    /** An exponential gap with the given mean: arrivals as a Poisson process. */
    private Duration gap(Duration mean) {
        return Duration.ofNanos(Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * mean.toNanos())));
    }

    private Duration scaled(Duration d) {
        return scale(d, pace);
    }

    private static Duration scale(Duration d, double factor) {
        return Duration.ofNanos(Math.max(1, Math.round(d.toNanos() * factor)));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static long mix(long x) {
        x = (x ^ (x >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return x ^ (x >>> 31);
    }

    private static Weighted<IncidentProfile> profiles() {
        Weighted.Builder<IncidentProfile> b = Weighted.builder();
        IncidentProfile.ALL.forEach(p -> b.add(p, p.weight()));
        return b.build();
    }
}
