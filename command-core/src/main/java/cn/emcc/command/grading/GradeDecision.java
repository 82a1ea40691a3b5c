package cn.emcc.command.grading;

import cn.emcc.protocols.v1.Grade;

/** A grade and the rule (or "no rule matched") that gave it. */
public record GradeDecision(Grade grade, String reason) {
}
