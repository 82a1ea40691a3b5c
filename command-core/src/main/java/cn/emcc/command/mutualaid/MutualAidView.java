package cn.emcc.command.mutualaid;

import cn.emcc.command.incident.TimelineEntry;
import cn.emcc.command.incident.Who;
import cn.emcc.command.serialization.CborSerializable;
import cn.emcc.dispatch.Capability;
import cn.emcc.dispatch.MutualAidState;
import cn.emcc.dispatch.Phrase;

import java.time.Instant;
import java.util.List;

/**
 * A mutual-aid request as callers see it: who asked whom for what, where it
 * stands, the units committed and their orders, and its own timeline.
 *
 * @param note       what the units are for, or why emcc asked (English)
 * @param notePhrase the note as a phrase for the console when emcc wrote it; null for an officer's note
 *                   (and for requests raised before emcc's notes had phrases)
 * @param remark     the reason it was declined, or why it was released
 */
public record MutualAidView(String requestId, String incidentId, String requestingAdcode, String providingAdcode,
                            Capability capability, String unitType, int count, String note, Phrase notePhrase,
                            MutualAidState state, List<String> committedUnitIds, List<String> orderIds,
                            List<String> refused, String remark,
                            Who requestedBy, Who decidedBy, Instant requestedAt, Instant changedAt,
                            List<TimelineEntry> timeline) implements CborSerializable {
}
