package cn.emcc.command.grading;

import cn.emcc.dispatch.Phrase;
import cn.emcc.dispatch.PhraseCode;
import cn.emcc.protocols.v1.Grade;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A grade and the rule (or "no rule matched") that gave it. */
public record GradeDecision(Grade grade, String reason) {

    static final String NO_RULE_MATCHED = "no grading rule matched: IV by default";
    private static final Pattern RULE = Pattern.compile("rule '(.*)'");

    static GradeDecision byDefault() {
        return new GradeDecision(Grade.GRADE_IV, NO_RULE_MATCHED);
    }

    static GradeDecision byRule(GradingRule rule) {
        return new GradeDecision(rule.grade(), "rule '" + rule.name() + "'");
    }

    /**
     * A grade reason as a phrase for the console, when the grader wrote it; null for an officer's own words.
     * Reasons are stored as the grader's English, so old incidents read back the same way.
     */
    public static Phrase phraseOf(String reason) {
        if (NO_RULE_MATCHED.equals(reason)) {
            return PhraseCode.GRADE_REASON_DEFAULT.with(Grade.GRADE_IV.name());
        }
        Matcher m = reason == null ? null : RULE.matcher(reason);
        return m != null && m.matches() ? PhraseCode.GRADE_REASON_RULE.with(m.group(1)) : null;
    }
}
