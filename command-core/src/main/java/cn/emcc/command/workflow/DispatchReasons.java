package cn.emcc.command.workflow;

import cn.emcc.dispatch.Capability;
import cn.emcc.dispatch.OrderState;
import cn.emcc.dispatch.Phrase;
import cn.emcc.dispatch.PhraseCode;
import cn.emcc.protocols.v1.Agency;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reasons the dispatch writes on its own (time-outs, overdue alerts, releases, replacements): the English
 * stored in its events, and the same reason as phrases for the console. The events keep the English, so
 * {@link #phrasesOf} reads the phrases back from it, for dispatches of before as well.
 */
final class DispatchReasons {

    static final String RELEASE_CONFIRMED = "the agency confirms the release";

    private static final String RELEASE_SENT = "; release order sent to ";
    private static final String OFFICER_MUST_FIND = "; the duty officer must find a unit (or ask for mutual aid)";
    private static final String INCIDENT_ENDED = "the incident ended: ";
    private static final String RELEASE_REFUSED_TAIL = "; the unit stays committed until the agency reports it released";

    private record Form(Pattern pattern, Function<Matcher, List<Phrase>> phrases) {
    }

    private static final List<Form> FORMS = List.of(
            form("no acknowledgement from (AGENCY_[A-Z_]+) within (\\d+) s; the next-best unit is ordered",
                    m -> List.of(PhraseCode.WHY_NO_ACKNOWLEDGEMENT.with(m.group(1), m.group(2)))),
            form("unit (\\S+) accepted but has not reported en route by (\\S+)",
                    m -> List.of(PhraseCode.WHY_NOT_EN_ROUTE.with(m.group(1), m.group(2)))),
            form("unit (\\S+) is en route but has not reported on scene by (\\S+)",
                    m -> List.of(PhraseCode.WHY_NOT_ON_SCENE.with(m.group(1), m.group(2)))),
            form("the release of unit (\\S+) is not confirmed by (AGENCY_[A-Z_]+) by (\\S+); the unit stays committed"
                            + " and the release order is sent again until it is",
                    m -> List.of(PhraseCode.WHY_RELEASE_UNCONFIRMED.with(m.group(1), m.group(2), m.group(3)))),
            form(Pattern.quote(RELEASE_CONFIRMED), m -> List.of(PhraseCode.WHY_RELEASE_CONFIRMED.with())),
            form("the agency refuses to release (\\S+): (.*)" + Pattern.quote(RELEASE_REFUSED_TAIL),
                    m -> List.of(PhraseCode.WHY_RELEASE_REFUSED.with(m.group(1), m.group(2)))),
            form("(.*)" + Pattern.quote(RELEASE_SENT) + "(AGENCY_[A-Z_]+)",
                    m -> with(text(m.group(1)), PhraseCode.WHY_RELEASE_SENT.with(m.group(2)))),
            form("next-best unit for ([A-Z_]+) after (\\S+) ([A-Z_]+)",
                    m -> List.of(PhraseCode.WHY_NEXT_BEST.with(m.group(1), m.group(2), m.group(3)))),
            form(Pattern.quote(INCIDENT_ENDED) + "(.*)",
                    m -> with(List.of(PhraseCode.WHY_INCIDENT_ENDED.with()), text(m.group(1)).get(0))),
            form("no available unit with ([A-Z_]+) can arrive within the limit",
                    m -> List.of(PhraseCode.WHY_NO_UNIT_IN_LIMIT.with(m.group(1)))),
            form("(.*)" + Pattern.quote(OFFICER_MUST_FIND),
                    m -> with(inner(m.group(1)), PhraseCode.WHY_OFFICER_MUST_FIND.with())));

    private DispatchReasons() {
    }

    static String noAcknowledgement(Agency agency, long seconds) {
        return "no acknowledgement from " + agency + " within " + seconds + " s; the next-best unit is ordered";
    }

    static String notEnRoute(String unitId, Instant deadline) {
        return "unit " + unitId + " accepted but has not reported en route by " + deadline;
    }

    static String notOnScene(String unitId, Instant deadline) {
        return "unit " + unitId + " is en route but has not reported on scene by " + deadline;
    }

    static String releaseUnconfirmed(String unitId, Agency agency, Instant deadline) {
        return "the release of unit " + unitId + " is not confirmed by " + agency + " by " + deadline
                + "; the unit stays committed and the release order is sent again until it is";
    }

    static String releaseRefused(String unitId, String agencyReason) {
        return "the agency refuses to release " + unitId + ": " + agencyReason + RELEASE_REFUSED_TAIL;
    }

    static String releaseSent(String why, Agency agency) {
        return why + RELEASE_SENT + agency;
    }

    static String nextBest(Capability capability, String unitId, OrderState state) {
        return "next-best unit for " + capability + " after " + unitId + " " + state;
    }

    static String incidentEnded(String why) {
        return INCIDENT_ENDED + why;
    }

    static String noUnitInLimit(Capability capability) {
        return "no available unit with " + capability + " can arrive within the limit";
    }

    static String officerMustFind(String why) {
        return why + OFFICER_MUST_FIND;
    }

    /** The phrases of a reason written here; none for anything else (a person's or an agency's words). */
    static List<Phrase> phrasesOf(String why) {
        if (why == null) {
            return List.of();
        }
        for (Form f : FORMS) {
            Matcher m = f.pattern().matcher(why);
            if (m.matches()) {
                return f.phrases().apply(m);
            }
        }
        return List.of();
    }

    /** A part of a reason: its phrases when written here, otherwise the words as they are. */
    private static List<Phrase> inner(String why) {
        List<Phrase> known = phrasesOf(why);
        return known.isEmpty() ? text(why) : known;
    }

    private static List<Phrase> text(String words) {
        return List.of(PhraseCode.TEXT.with(words));
    }

    private static List<Phrase> with(List<Phrase> first, Phrase then) {
        List<Phrase> out = new ArrayList<>(first);
        out.add(then);
        return List.copyOf(out);
    }

    private static Form form(String regex, Function<Matcher, List<Phrase>> phrases) {
        return new Form(Pattern.compile(regex, Pattern.DOTALL), phrases);
    }
}
