package cn.emcc.command.incident;

import cn.emcc.command.correlation.Correlator;
import cn.emcc.command.grading.GradeDecision;
import cn.emcc.command.grading.GradingFacts;
import cn.emcc.command.grading.GradingRules;
import cn.emcc.command.grading.WarningInForce;
import cn.emcc.command.persistence.JournalFailure;
import cn.emcc.command.serialization.CborSerializable;
import cn.emcc.dispatch.Phrase;
import cn.emcc.dispatch.PhraseCode;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.IncidentStatus;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReplyBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandlerBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import static cn.emcc.protocols.v1.IncidentStatus.*;

/**
 * One incident (事件): the reports it is made of, its status, grade and
 * timeline. Event-sourced and sharded, so it lives on exactly one node of the
 * cluster and survives any of them. Decisions (grading, the state machine)
 * are delegated to plain classes; this actor only keeps state and answers.
 */
public final class IncidentActor
        extends EventSourcedBehaviorWithEnforcedReplies<IncidentActor.Command, IncidentActor.Event, IncidentActor.State> {

    public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "Incident");

    /** Events carry one tag each, spread over this many slices for the read side. */
    public static final int TAG_SLICES = 4;

    public static String tagFor(String incidentId) {
        return "incident-" + Math.floorMod(incidentId.hashCode(), TAG_SLICES);
    }

    public static List<String> allTags() {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < TAG_SLICES; i++) {
            tags.add("incident-" + i);
        }
        return tags;
    }

    // ---------------------------------------------------------------- commands

    public sealed interface Command extends CborSerializable {
    }

    /**
     * File a report with this incident. The first report opens it; later ones
     * join it. A report whose message id is already here is answered as a
     * duplicate and changes nothing.
     */
    public record FileReport(Report report, String cityAdcode, String correlationReason,
                             List<WarningInForce> warnings,
                             ActorRef<FileOutcome> replyTo) implements Command {
    }

    /** The answer to {@link FileReport}. */
    public sealed interface FileOutcome extends CborSerializable {
    }

    /** The report is part of the incident (now, or already before when {@code duplicate}). */
    public record ReportFiled(String incidentId, boolean opened, boolean duplicate) implements FileOutcome {
    }

    /** The incident has ended (closed, merged, cancelled): the report must go elsewhere. */
    public record IncidentEnded(String incidentId, IncidentStatus status) implements FileOutcome {
    }

    public record ChangeStatus(IncidentStatus to, Who by, String why,
                               ActorRef<StatusReply<IncidentDetails>> replyTo) implements Command {
    }

    /** An officer sets the grade by hand; it sticks until lifted. */
    public record OverrideGrade(Grade grade, Who by, String why,
                                ActorRef<StatusReply<IncidentDetails>> replyTo) implements Command {
    }

    public record LiftGradeOverride(Who by, String why,
                                    ActorRef<StatusReply<IncidentDetails>> replyTo) implements Command {
    }

    /** The weather warnings in force at the incident's location changed. */
    public record UpdateWarnings(List<WarningInForce> warnings, ActorRef<Done> replyTo) implements Command {
    }

    /**
     * First half of a merge, sent to the incident that disappears: it becomes
     * MERGED and hands over its reports. Asking again answers the same way.
     */
    public record MergeInto(String targetId, Who by, String why,
                            ActorRef<StatusReply<ReportsHandedOver>> replyTo) implements Command {
    }

    /** The reports an incident gives up in a merge or a split. */
    public record ReportsHandedOver(List<Report> reports) implements CborSerializable {
        public ReportsHandedOver {
            reports = List.copyOf(reports);
        }
    }

    /** Second half of a merge, sent to the incident that remains. */
    public record AbsorbReports(String sourceId, List<Report> reports, Who by, String why,
                                ActorRef<StatusReply<IncidentDetails>> replyTo) implements Command {
    }

    /**
     * First half of a split: the named reports leave this incident for a new
     * one (which is then opened with them). Asking again returns the same reports.
     */
    public record SplitOff(Set<String> messageIds, String newIncidentId, Who by, String why,
                           ActorRef<StatusReply<ReportsHandedOver>> replyTo) implements Command {
    }

    /** Second half of a split: open this (empty) incident with the reports split off another. */
    public record OpenFromSplit(String sourceId, List<Report> reports, String cityAdcode, Who by, String why,
                                List<WarningInForce> warnings,
                                ActorRef<StatusReply<IncidentDetails>> replyTo) implements Command {
    }

    public record GetIncident(ActorRef<StatusReply<IncidentDetails>> replyTo) implements Command {
    }

    /**
     * An officer writes a note on the incident ({@code text} trimmed, see {@link IncidentNotes}). A closed or
     * cancelled incident still takes notes (the after-action record); a merged one refuses and names the
     * incident that took its reports.
     */
    public record AddNote(String text, Who by, ActorRef<StatusReply<IncidentDetails>> replyTo) implements Command {
    }

    /**
     * Dispatch steps (orders issued, answered, timed out, units en route, on scene, released) to copy onto
     * the timeline; entries already on it are skipped, so a repeated copy changes nothing. The incident
     * moves forward to {@code advanceTo} (DISPATCHING, RESPONDING, ON_SCENE) where its lifecycle allows.
     */
    public record RecordDispatchSteps(List<TimelineEntry> entries, IncidentStatus advanceTo,
                                      ActorRef<Done> replyTo) implements Command {
    }

    // ------------------------------------------------------------------ events

    public sealed interface Event extends CborSerializable {
        String incidentId();

        Instant at();
    }

    /**
     * The first report opened the incident, graded as it came and linked to the
     * warnings in force at its location: one event, so opening costs one write.
     */
    public record IncidentOpened(String incidentId, Instant at, Report report, String cityAdcode,
                                 String reason, Grade grade, String gradeReason,
                                 List<WarningInForce> warnings) implements Event {
        public IncidentOpened {
            warnings = List.copyOf(warnings);
        }
    }

    public record ReportJoined(String incidentId, Instant at, Report report, String reason) implements Event {
    }

    public record GradeChanged(String incidentId, Instant at, Grade from, Grade to, String reason,
                               Who by, boolean override) implements Event {
    }

    public record GradeOverrideLifted(String incidentId, Instant at, Who by, String why) implements Event {
    }

    public record StatusChanged(String incidentId, Instant at, IncidentStatus from, IncidentStatus to,
                                Who by, String why) implements Event {
    }

    public record WarningsLinked(String incidentId, Instant at, List<WarningInForce> warnings) implements Event {
    }

    public record MergedInto(String incidentId, Instant at, String targetId, Who by, String why) implements Event {
    }

    public record ReportsAbsorbed(String incidentId, Instant at, String sourceId, List<Report> reports,
                                  Who by, String why) implements Event {
    }

    public record ReportsSplitOff(String incidentId, Instant at, String newIncidentId, List<Report> reports,
                                  Who by, String why) implements Event {
    }

    public record DispatchRecorded(String incidentId, Instant at, List<TimelineEntry> entries, IncidentStatus from,
                                   IncidentStatus to) implements Event {
    }

    public record OpenedFromSplit(String incidentId, Instant at, String sourceId, List<Report> reports,
                                  String cityAdcode, Who by, String why) implements Event {
    }

    public record NoteAdded(String incidentId, Instant at, Who by, String text) implements Event {
    }

    // ------------------------------------------------------------------- state

    public sealed interface State extends CborSerializable {
    }

    /** No report yet. */
    public record Empty() implements State {
    }

    /** An incident with at least one report (it may be final: closed, merged, cancelled). */
    public record Active(
            String incidentId,
            IncidentStatus status,
            Grade grade,
            String gradeReason,
            boolean gradeOverridden,
            String countyAdcode,
            String cityAdcode,
            Instant openedAt,
            Instant updatedAt,
            List<Report> reports,
            List<WarningInForce> warnings,
            String mergedInto,
            List<SplitRecord> splits,
            List<TimelineEntry> timeline) implements State {

        Report first() {
            return reports.get(0);
        }

        Counts counts() {
            Counts c = Counts.NONE;
            for (Report r : reports) {
                c = c.combine(r.counts());
            }
            return c;
        }

        boolean hazardous() {
            return reports.stream().anyMatch(Report::hazardousMaterials);
        }

        boolean has(String messageId) {
            return reports.stream().anyMatch(r -> r.messageId().equals(messageId));
        }

        Optional<SplitRecord> split(String newIncidentId) {
            return splits.stream().filter(s -> s.newIncidentId().equals(newIncidentId)).findFirst();
        }

        IncidentDetails details() {
            Report first = first();
            return new IncidentDetails(incidentId, status, grade, gradeReason, gradeOverridden,
                    Grades.leadTier(grade), first.category(), first.position(), first.address(),
                    countyAdcode, cityAdcode, openedAt, updatedAt, counts(), hazardous(),
                    List.copyOf(reports), List.copyOf(warnings), mergedInto, List.copyOf(timeline),
                    GradeDecision.phraseOf(gradeReason));
        }

        Active with(IncidentStatus s, Instant at, TimelineEntry entry) {
            return new Active(incidentId, s, grade, gradeReason, gradeOverridden, countyAdcode, cityAdcode,
                    openedAt, at, reports, warnings, mergedInto, splits, append(timeline, entry));
        }
    }

    /** Reports that left for another incident, remembered so a repeated split answers the same. */
    public record SplitRecord(String newIncidentId, List<Report> reports) implements CborSerializable {
    }

    // -------------------------------------------------------------- the entity

    public static void init(ActorSystem<?> system, GradingRules grading, Clock clock) {
        ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY,
                ctx -> create(ctx.getEntityId(), grading, clock)));
    }

    public static Behavior<Command> create(String incidentId, GradingRules grading, Clock clock) {
        return new IncidentActor(incidentId, grading, clock);
    }

    private final String incidentId;
    private final GradingRules grading;
    private final Clock clock;

    private IncidentActor(String incidentId, GradingRules grading, Clock clock) {
        super(PersistenceId.of(ENTITY_TYPE_KEY.name(), incidentId),
                JournalFailure.restartWithBackoff());
        this.incidentId = incidentId;
        this.grading = grading;
        this.clock = clock;
    }

    @Override
    public State emptyState() {
        return new Empty();
    }

    @Override
    public Set<String> tagsFor(Event event) {
        return Set.of(tagFor(incidentId));
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(100, 2);
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        CommandHandlerWithReplyBuilder<Command, Event, State> builder = newCommandHandlerWithReplyBuilder();
        builder.forStateType(Empty.class)
                .onCommand(FileReport.class, this::open)
                .onCommand(OpenFromSplit.class, this::openFromSplit)
                .onCommand(UpdateWarnings.class, (s, c) -> Effect().reply(c.replyTo(), Done.getInstance()))
                .onCommand(GetIncident.class, (s, c) -> Effect().reply(c.replyTo(), notFound()))
                .onCommand(ChangeStatus.class, (s, c) -> Effect().reply(c.replyTo(), notFound()))
                .onCommand(OverrideGrade.class, (s, c) -> Effect().reply(c.replyTo(), notFound()))
                .onCommand(LiftGradeOverride.class, (s, c) -> Effect().reply(c.replyTo(), notFound()))
                .onCommand(MergeInto.class, (s, c) -> Effect().reply(c.replyTo(), notFound()))
                .onCommand(AbsorbReports.class, (s, c) -> Effect().reply(c.replyTo(), notFound()))
                .onCommand(SplitOff.class, (s, c) -> Effect().reply(c.replyTo(), notFound()))
                .onCommand(AddNote.class, (s, c) -> Effect().reply(c.replyTo(), notFound()))
                .onCommand(RecordDispatchSteps.class, (s, c) -> Effect().reply(c.replyTo(), Done.getInstance()));
        builder.forStateType(Active.class)
                .onCommand(FileReport.class, this::join)
                .onCommand(OpenFromSplit.class, this::openFromSplitAgain)
                .onCommand(ChangeStatus.class, this::changeStatus)
                .onCommand(OverrideGrade.class, this::overrideGrade)
                .onCommand(LiftGradeOverride.class, this::liftOverride)
                .onCommand(UpdateWarnings.class, this::updateWarnings)
                .onCommand(MergeInto.class, this::mergeInto)
                .onCommand(AbsorbReports.class, this::absorb)
                .onCommand(SplitOff.class, this::splitOff)
                .onCommand(RecordDispatchSteps.class, this::recordDispatch)
                .onCommand(AddNote.class, this::addNote)
                .onCommand(GetIncident.class, (s, c) -> Effect().reply(c.replyTo(), StatusReply.success(s.details())));
        return builder.build();
    }

    private <T> StatusReply<T> notFound() {
        return StatusReply.error("incident " + incidentId + NOT_FOUND);
    }

    private static final String NOT_FOUND = " does not exist";

    /** Whether an ask failed because the incident does not exist (no opening in its journal). */
    public static boolean isNotFound(Throwable failure) {
        return failure instanceof StatusReply.ErrorMessage && String.valueOf(failure.getMessage()).endsWith(NOT_FOUND);
    }

    // -- opening

    private ReplyEffect<Event, State> open(Empty s, FileReport c) {
        GradeDecision d = grading.grade(new GradingFacts(c.report().category(), c.report().counts(),
                c.report().hazardousMaterials(), c.warnings()));
        return Effect().persist(new IncidentOpened(incidentId, clock.instant(), c.report(), c.cityAdcode(),
                        c.correlationReason(), d.grade(), d.reason(), c.warnings()))
                .thenReply(c.replyTo(), st -> new ReportFiled(incidentId, true, false));
    }

    private ReplyEffect<Event, State> openFromSplit(Empty s, OpenFromSplit c) {
        if (c.reports().isEmpty()) {
            return Effect().reply(c.replyTo(), StatusReply.error("a split needs at least one report"));
        }
        Instant now = clock.instant();
        List<Event> events = new ArrayList<>();
        events.add(new OpenedFromSplit(incidentId, now, c.sourceId(), c.reports(), c.cityAdcode(), c.by(), c.why()));
        if (!c.warnings().isEmpty()) {
            events.add(new WarningsLinked(incidentId, now, c.warnings()));
        }
        Counts counts = c.reports().stream().map(Report::counts).reduce(Counts.NONE, Counts::combine);
        boolean hazardous = c.reports().stream().anyMatch(Report::hazardousMaterials);
        GradeDecision d = grading.grade(new GradingFacts(c.reports().get(0).category(), counts, hazardous, c.warnings()));
        events.add(new GradeChanged(incidentId, now, Grade.GRADE_UNSPECIFIED, d.grade(), d.reason(), Who.SYSTEM, false));
        return Effect().persist(events).thenReply(c.replyTo(), st -> StatusReply.success(((Active) st).details()));
    }

    private ReplyEffect<Event, State> openFromSplitAgain(Active s, OpenFromSplit c) {
        boolean same = c.reports().stream().allMatch(r -> s.has(r.messageId()));
        return Effect().reply(c.replyTo(), same ? StatusReply.success(s.details())
                : StatusReply.error("incident " + incidentId + " already exists; cannot open it from a split"));
    }

    // -- reports

    private ReplyEffect<Event, State> join(Active s, FileReport c) {
        if (s.has(c.report().messageId())) {
            return Effect().reply(c.replyTo(), new ReportFiled(incidentId, false, true));
        }
        if (IncidentLifecycle.isFinal(s.status())) {
            return Effect().reply(c.replyTo(), new IncidentEnded(incidentId, s.status()));
        }
        Instant now = clock.instant();
        List<Event> events = new ArrayList<>();
        events.add(new ReportJoined(incidentId, now, c.report(), c.correlationReason()));
        regrade(s, s.counts().combine(c.report().counts()), s.hazardous() || c.report().hazardousMaterials(),
                s.warnings(), now, "report " + c.report().messageId() + " joined").ifPresent(events::add);
        return Effect().persist(events)
                .thenReply(c.replyTo(), st -> new ReportFiled(incidentId, false, false));
    }

    private String ended(IncidentStatus status) {
        return "incident " + incidentId + " is " + IncidentLifecycle.label(status) + " and takes no more reports";
    }

    private Optional<Event> regrade(Active s, Counts counts, boolean hazardous, List<WarningInForce> warnings,
                                    Instant now, String trigger) {
        if (s.gradeOverridden()) {
            return Optional.empty();
        }
        GradeDecision d = grading.grade(new GradingFacts(s.first().category(), counts, hazardous, warnings));
        if (d.grade() == s.grade()) {
            return Optional.empty();
        }
        return Optional.of(new GradeChanged(incidentId, now, s.grade(), d.grade(), d.reason() + " after " + trigger,
                Who.SYSTEM, false));
    }

    // -- status and grade

    private ReplyEffect<Event, State> changeStatus(Active s, ChangeStatus c) {
        Optional<String> refusal = IncidentLifecycle.refusal(s.status(), c.to());
        if (c.to() == INCIDENT_STATUS_MERGED) {
            refusal = Optional.of("use a merge to make an incident MERGED");
        }
        if (refusal.isPresent()) {
            return Effect().reply(c.replyTo(), StatusReply.error(refusal.get()));
        }
        if (c.why() == null || c.why().isBlank()) {
            return Effect().reply(c.replyTo(), StatusReply.error("a status change needs a reason"));
        }
        return Effect().persist(new StatusChanged(incidentId, clock.instant(), s.status(), c.to(), c.by(), c.why()))
                .thenReply(c.replyTo(), st -> StatusReply.success(((Active) st).details()));
    }

    private ReplyEffect<Event, State> overrideGrade(Active s, OverrideGrade c) {
        if (c.grade() == Grade.GRADE_UNSPECIFIED || c.grade() == Grade.UNRECOGNIZED) {
            return Effect().reply(c.replyTo(), StatusReply.error("grade must be I, II, III or IV, was " + c.grade()));
        }
        if (c.why() == null || c.why().isBlank()) {
            return Effect().reply(c.replyTo(), StatusReply.error("a grade override needs a reason"));
        }
        if (IncidentLifecycle.isFinal(s.status())) {
            return Effect().reply(c.replyTo(), StatusReply.error("incident " + incidentId + " is "
                    + IncidentLifecycle.label(s.status()) + "; its grade can no longer change"));
        }
        return Effect().persist(new GradeChanged(incidentId, clock.instant(), s.grade(), c.grade(), c.why(), c.by(), true))
                .thenReply(c.replyTo(), st -> StatusReply.success(((Active) st).details()));
    }

    private ReplyEffect<Event, State> liftOverride(Active s, LiftGradeOverride c) {
        if (!s.gradeOverridden()) {
            return Effect().reply(c.replyTo(), StatusReply.error("incident " + incidentId + " has no grade override to lift"));
        }
        Instant now = clock.instant();
        List<Event> events = new ArrayList<>();
        events.add(new GradeOverrideLifted(incidentId, now, c.by(), c.why()));
        GradeDecision d = grading.grade(new GradingFacts(s.first().category(), s.counts(), s.hazardous(), s.warnings()));
        if (d.grade() != s.grade()) {
            events.add(new GradeChanged(incidentId, now, s.grade(), d.grade(), d.reason() + " after the override was lifted",
                    Who.SYSTEM, false));
        }
        return Effect().persist(events).thenReply(c.replyTo(), st -> StatusReply.success(((Active) st).details()));
    }

    private ReplyEffect<Event, State> updateWarnings(Active s, UpdateWarnings c) {
        if (IncidentLifecycle.isFinal(s.status()) || s.warnings().equals(c.warnings())) {
            return Effect().reply(c.replyTo(), Done.getInstance());
        }
        Instant now = clock.instant();
        List<Event> events = new ArrayList<>();
        events.add(new WarningsLinked(incidentId, now, c.warnings()));
        regrade(s, s.counts(), s.hazardous(), c.warnings(), now, "weather warnings changed").ifPresent(events::add);
        return Effect().persist(events).thenReply(c.replyTo(), st -> Done.getInstance());
    }

    // -- notes

    private ReplyEffect<Event, State> addNote(Active s, AddNote c) {
        String text = c.text() == null ? "" : c.text().strip();
        Optional<String> problem = IncidentNotes.problem(text);
        if (problem.isPresent()) {
            return Effect().reply(c.replyTo(), StatusReply.error(problem.get()));
        }
        if (s.status() == INCIDENT_STATUS_MERGED) {
            return Effect().reply(c.replyTo(), StatusReply.error("incident " + incidentId + " is merged into "
                    + s.mergedInto() + "; write the note there"));
        }
        return Effect().persist(new NoteAdded(incidentId, clock.instant(), c.by(), text))
                .thenReply(c.replyTo(), st -> StatusReply.success(((Active) st).details()));
    }

    // -- dispatch

    private static final List<IncidentStatus> DISPATCH_PATH = List.of(INCIDENT_STATUS_DISPATCHING,
            INCIDENT_STATUS_RESPONDING, INCIDENT_STATUS_ON_SCENE);

    private ReplyEffect<Event, State> recordDispatch(Active s, RecordDispatchSteps c) {
        List<TimelineEntry> fresh = c.entries().stream()
                .filter(e -> s.timeline().stream().noneMatch(e::sameStepAs)).toList();
        IncidentStatus to = s.status();
        int target = DISPATCH_PATH.indexOf(c.advanceTo());
        for (int i = 0; i <= target; i++) {
            IncidentStatus step = DISPATCH_PATH.get(i);
            if (IncidentLifecycle.refusal(to, step).isEmpty()) {
                to = step;
            }
        }
        if (fresh.isEmpty() && to == s.status()) {
            return Effect().reply(c.replyTo(), Done.getInstance());
        }
        return Effect().persist(new DispatchRecorded(incidentId, clock.instant(), fresh, s.status(), to))
                .thenReply(c.replyTo(), st -> Done.getInstance());
    }

    // -- merge and split

    private ReplyEffect<Event, State> mergeInto(Active s, MergeInto c) {
        if (s.status() == INCIDENT_STATUS_MERGED) {
            return Effect().reply(c.replyTo(), c.targetId().equals(s.mergedInto())
                    ? StatusReply.success(new ReportsHandedOver(s.reports()))
                    : StatusReply.error("incident " + incidentId + " is already merged into " + s.mergedInto()));
        }
        if (c.targetId().equals(incidentId)) {
            return Effect().reply(c.replyTo(), StatusReply.error("an incident cannot be merged into itself"));
        }
        Optional<String> refusal = IncidentLifecycle.refusal(s.status(), INCIDENT_STATUS_MERGED);
        if (refusal.isPresent()) {
            return Effect().reply(c.replyTo(), StatusReply.error(refusal.get()));
        }
        return Effect().persist(new MergedInto(incidentId, clock.instant(), c.targetId(), c.by(), c.why()))
                .thenReply(c.replyTo(), st -> StatusReply.success(new ReportsHandedOver(((Active) st).reports())));
    }

    private ReplyEffect<Event, State> absorb(Active s, AbsorbReports c) {
        if (IncidentLifecycle.isFinal(s.status())) {
            return Effect().reply(c.replyTo(), StatusReply.error(ended(s.status())));
        }
        List<Report> fresh = c.reports().stream().filter(Predicate.not(r -> s.has(r.messageId()))).toList();
        if (fresh.isEmpty()) {
            return Effect().reply(c.replyTo(), StatusReply.success(s.details()));
        }
        Instant now = clock.instant();
        List<Event> events = new ArrayList<>();
        events.add(new ReportsAbsorbed(incidentId, now, c.sourceId(), fresh, c.by(), c.why()));
        Counts counts = fresh.stream().map(Report::counts).reduce(s.counts(), Counts::combine);
        boolean hazardous = s.hazardous() || fresh.stream().anyMatch(Report::hazardousMaterials);
        regrade(s, counts, hazardous, s.warnings(), now, "merge of " + c.sourceId()).ifPresent(events::add);
        return Effect().persist(events).thenReply(c.replyTo(), st -> StatusReply.success(((Active) st).details()));
    }

    private ReplyEffect<Event, State> splitOff(Active s, SplitOff c) {
        Optional<SplitRecord> earlier = s.split(c.newIncidentId());
        if (earlier.isPresent()) {
            return Effect().reply(c.replyTo(), StatusReply.success(new ReportsHandedOver(earlier.get().reports())));
        }
        if (IncidentLifecycle.isFinal(s.status())) {
            return Effect().reply(c.replyTo(), StatusReply.error(ended(s.status())));
        }
        List<Report> leaving = s.reports().stream().filter(r -> c.messageIds().contains(r.messageId())).toList();
        if (leaving.size() != c.messageIds().size()) {
            return Effect().reply(c.replyTo(), StatusReply.error("incident " + incidentId + " does not hold all of the reports "
                    + c.messageIds() + " (it holds " + s.reports().stream().map(Report::messageId).toList() + ")"));
        }
        if (leaving.size() == s.reports().size()) {
            return Effect().reply(c.replyTo(), StatusReply.error("a split must leave at least one report behind"));
        }
        Instant now = clock.instant();
        List<Event> events = new ArrayList<>();
        events.add(new ReportsSplitOff(incidentId, now, c.newIncidentId(), leaving, c.by(), c.why()));
        Counts counts = s.reports().stream().filter(r -> !c.messageIds().contains(r.messageId()))
                .map(Report::counts).reduce(Counts.NONE, Counts::combine);
        boolean hazardous = s.reports().stream().filter(r -> !c.messageIds().contains(r.messageId()))
                .anyMatch(Report::hazardousMaterials);
        regrade(s, counts, hazardous, s.warnings(), now, "split to " + c.newIncidentId()).ifPresent(events::add);
        return Effect().persist(events).thenReply(c.replyTo(), st -> StatusReply.success(new ReportsHandedOver(leaving)));
    }

    // ------------------------------------------------------------ event handler

    @Override
    public EventHandler<State, Event> eventHandler() {
        EventHandlerBuilder<State, Event> builder = newEventHandlerBuilder();
        builder.forStateType(Empty.class)
                .onEvent(IncidentOpened.class, (s, e) -> openedWithFirstReport(e))
                .onEvent(OpenedFromSplit.class, (s, e) -> opened(e.reports().get(0).countyAdcode(), e.cityAdcode(),
                        e.at(), e.reports(), new TimelineEntry(e.at(), e.by(),
                                "opened from " + e.reports().size() + " report(s) split off " + e.sourceId(), e.why(),
                                PhraseCode.OPENED_FROM_SPLIT.with(e.reports().size(), e.sourceId()))));
        builder.forStateType(Active.class)
                .onEvent(ReportJoined.class, (s, e) -> new Active(s.incidentId(), s.status(), s.grade(), s.gradeReason(),
                        s.gradeOverridden(), s.countyAdcode(), s.cityAdcode(), s.openedAt(), e.at(),
                        append(s.reports(), e.report()), s.warnings(), s.mergedInto(), s.splits(),
                        append(s.timeline(), new TimelineEntry(e.at(),
                                Who.agency(e.report().agency().name(), e.report().systemId()),
                                "report joined: " + Categories.label(e.report().category()), e.reason(),
                                PhraseCode.REPORT_JOINED.with(e.report().category().name()),
                                phrases(Correlator.phraseOf(e.reason()))))))
                .onEvent(GradeChanged.class, (s, e) -> new Active(s.incidentId(), s.status(), e.to(), e.reason(),
                        e.override() || s.gradeOverridden(), s.countyAdcode(), s.cityAdcode(), s.openedAt(), e.at(),
                        s.reports(), s.warnings(), s.mergedInto(), s.splits(),
                        append(s.timeline(), new TimelineEntry(e.at(), e.by(),
                                (e.override() ? "grade overridden: " : "graded: ")
                                        + (e.from() == Grade.GRADE_UNSPECIFIED ? "" : Grades.label(e.from()) + " → ")
                                        + Grades.label(e.to()), e.reason(), gradePhrase(e.from(), e.to(), e.override()),
                                phrases(GradeDecision.phraseOf(e.reason()))))))
                .onEvent(GradeOverrideLifted.class, (s, e) -> new Active(s.incidentId(), s.status(), s.grade(),
                        s.gradeReason(), false, s.countyAdcode(), s.cityAdcode(), s.openedAt(), e.at(), s.reports(),
                        s.warnings(), s.mergedInto(), s.splits(),
                        append(s.timeline(), new TimelineEntry(e.at(), e.by(), "grade override lifted", e.why(),
                                PhraseCode.GRADE_OVERRIDE_LIFTED.with()))))
                .onEvent(StatusChanged.class, (s, e) -> s.with(e.to(), e.at(), new TimelineEntry(e.at(), e.by(),
                        "status: " + IncidentLifecycle.label(e.from()) + " → " + IncidentLifecycle.label(e.to()), e.why(),
                        PhraseCode.STATUS_CHANGED.with(e.from().name(), e.to().name()))))
                .onEvent(WarningsLinked.class, (s, e) -> new Active(s.incidentId(), s.status(), s.grade(),
                        s.gradeReason(), s.gradeOverridden(), s.countyAdcode(), s.cityAdcode(), s.openedAt(), e.at(),
                        s.reports(), List.copyOf(e.warnings()), s.mergedInto(), s.splits(),
                        append(s.timeline(), warningsEntry(e.at(), e.warnings()))))
                .onEvent(MergedInto.class, (s, e) -> new Active(s.incidentId(), INCIDENT_STATUS_MERGED, s.grade(),
                        s.gradeReason(), s.gradeOverridden(), s.countyAdcode(), s.cityAdcode(), s.openedAt(), e.at(),
                        s.reports(), s.warnings(), e.targetId(), s.splits(),
                        append(s.timeline(), new TimelineEntry(e.at(), e.by(), "merged into " + e.targetId(), e.why(),
                                PhraseCode.MERGED_INTO.with(e.targetId())))))
                .onEvent(ReportsAbsorbed.class, (s, e) -> new Active(s.incidentId(), s.status(), s.grade(),
                        s.gradeReason(), s.gradeOverridden(), s.countyAdcode(), s.cityAdcode(), s.openedAt(), e.at(),
                        concat(s.reports(), e.reports()), s.warnings(), s.mergedInto(), s.splits(),
                        append(s.timeline(), new TimelineEntry(e.at(), e.by(),
                                "merged in " + e.reports().size() + " report(s) of " + e.sourceId(), e.why(),
                                PhraseCode.MERGED_IN.with(e.reports().size(), e.sourceId())))))
                .onEvent(DispatchRecorded.class, (s, e) -> {
                    List<TimelineEntry> timeline = new ArrayList<>(s.timeline());
                    timeline.addAll(e.entries());
                    if (e.from() != e.to()) {
                        timeline.add(new TimelineEntry(e.at(), Who.SYSTEM, "status: " + IncidentLifecycle.label(e.from())
                                + " → " + IncidentLifecycle.label(e.to()), "dispatch progressed",
                                PhraseCode.STATUS_CHANGED.with(e.from().name(), e.to().name()),
                                PhraseCode.WHY_DISPATCH_PROGRESSED.with()));
                    }
                    return new Active(s.incidentId(), e.to(), s.grade(), s.gradeReason(), s.gradeOverridden(),
                            s.countyAdcode(), s.cityAdcode(), s.openedAt(), e.at(), s.reports(), s.warnings(),
                            s.mergedInto(), s.splits(), List.copyOf(timeline));
                })
                .onEvent(NoteAdded.class, (s, e) -> new Active(s.incidentId(), s.status(), s.grade(),
                        s.gradeReason(), s.gradeOverridden(), s.countyAdcode(), s.cityAdcode(), s.openedAt(), e.at(),
                        s.reports(), s.warnings(), s.mergedInto(), s.splits(),
                        append(s.timeline(), new TimelineEntry(e.at(), e.by(), "note", e.text(),
                                PhraseCode.NOTE.with()))))
                .onEvent(ReportsSplitOff.class, (s, e) -> new Active(s.incidentId(), s.status(), s.grade(),
                        s.gradeReason(), s.gradeOverridden(), s.countyAdcode(), s.cityAdcode(), s.openedAt(), e.at(),
                        s.reports().stream().filter(r -> !e.reports().contains(r)).toList(), s.warnings(),
                        s.mergedInto(), append(s.splits(), new SplitRecord(e.newIncidentId(), e.reports())),
                        append(s.timeline(), new TimelineEntry(e.at(), e.by(),
                                e.reports().size() + " report(s) split off to " + e.newIncidentId(), e.why(),
                                PhraseCode.SPLIT_OFF.with(e.reports().size(), e.newIncidentId())))));
        return builder.build();
    }

    private Active openedWithFirstReport(IncidentOpened e) {
        List<TimelineEntry> timeline = new ArrayList<>();
        timeline.add(new TimelineEntry(e.at(), Who.agency(e.report().agency().name(), e.report().systemId()),
                "reported: " + Categories.label(e.report().category()) + " at " + e.report().address(), e.reason(),
                PhraseCode.INCIDENT_REPORTED.with(e.report().category().name(), e.report().address()),
                phrases(Correlator.phraseOf(e.reason()))));
        if (!e.warnings().isEmpty()) {
            timeline.add(warningsEntry(e.at(), e.warnings()));
        }
        timeline.add(new TimelineEntry(e.at(), Who.SYSTEM, "graded: " + Grades.label(e.grade()), e.gradeReason(),
                PhraseCode.GRADED.with(e.grade().name()), phrases(GradeDecision.phraseOf(e.gradeReason()))));
        return new Active(incidentId, INCIDENT_STATUS_REPORTED, e.grade(), e.gradeReason(), false,
                e.report().countyAdcode(), e.cityAdcode(), e.at(), e.at(), List.of(e.report()), e.warnings(), null,
                List.of(), List.copyOf(timeline));
    }

    private static TimelineEntry warningsEntry(Instant at, List<WarningInForce> warnings) {
        return new TimelineEntry(at, Who.SYSTEM, "weather warnings in force: "
                + (warnings.isEmpty() ? "none" : warnings.stream().map(WarningInForce::identifier).toList()),
                "warning area covers the incident", warnings.isEmpty() ? PhraseCode.WARNINGS_NONE.with()
                : PhraseCode.WARNINGS_IN_FORCE.with(String.join(", ",
                        warnings.stream().map(WarningInForce::identifier).toList())),
                PhraseCode.WHY_WARNING_AREA.with());
    }

    private static Phrase gradePhrase(Grade from, Grade to, boolean override) {
        if (from == Grade.GRADE_UNSPECIFIED) {
            return (override ? PhraseCode.GRADE_OVERRIDDEN : PhraseCode.GRADED).with(to.name());
        }
        return (override ? PhraseCode.GRADE_OVERRIDDEN_FROM : PhraseCode.GRADE_CHANGED).with(from.name(), to.name());
    }

    /** The phrase as a list of one, or none when the text was not the system's. */
    private static List<Phrase> phrases(Phrase phrase) {
        return phrase == null ? List.of() : List.of(phrase);
    }

    private Active opened(String county, String city, Instant at, List<Report> reports, TimelineEntry entry) {
        return new Active(incidentId, INCIDENT_STATUS_REPORTED, Grade.GRADE_UNSPECIFIED, "", false, county, city,
                at, at, List.copyOf(reports), List.of(), null, List.of(), List.of(entry));
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list.size() + 1);
        copy.addAll(list);
        copy.add(item);
        return List.copyOf(copy);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> copy = new ArrayList<>(a);
        copy.addAll(b);
        return List.copyOf(copy);
    }
}
