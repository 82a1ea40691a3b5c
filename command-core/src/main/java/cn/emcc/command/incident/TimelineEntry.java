package cn.emcc.command.incident;

import cn.emcc.command.serialization.CborSerializable;

import java.time.Instant;

/** One line of an incident's timeline: when, who, what happened, and why. */
public record TimelineEntry(Instant at, Who who, String what, String why) implements CborSerializable {
}
