package cn.emcc.command.situation;

import cn.emcc.protocols.v1.WarningMsgType;
import cn.emcc.protocols.v1.WeatherWarning;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an incoming warning does to the board, decided without an actor in
 * sight: CAP semantics (ALERT adds, UPDATE replaces its references, CANCEL
 * removes them) plus the checks that keep the board consistent.
 */
final class WarningRules {

    sealed interface Outcome {
    }

    /** Nothing changes; the reason goes back to the sender. */
    record Refused(String reason) implements Outcome {
    }

    /** The same warning is already on the board: a resend under a new message id. */
    record AlreadyOnBoard(String identifier) implements Outcome {
    }

    record Change(WarningBoard.Event event) implements Outcome {
    }

    private WarningRules() {
    }

    static Outcome decide(Map<String, StoredWarning> board, String messageId, byte[] bytes, WeatherWarning w,
                          Instant now) {
        String id = w.getIdentifier();
        if (id.isBlank()) {
            return new Refused("identifier: must not be empty");
        }
        WarningMsgType type = w.getMsgType();
        if (type != WarningMsgType.WARNING_MSG_TYPE_ALERT && type != WarningMsgType.WARNING_MSG_TYPE_UPDATE
                && type != WarningMsgType.WARNING_MSG_TYPE_CANCEL) {
            return new Refused("msg_type: expected ALERT, UPDATE or CANCEL, was " + type);
        }
        if (type != WarningMsgType.WARNING_MSG_TYPE_CANCEL) {
            if (!Timestamps.isSet(w.getExpires())) {
                return new Refused("expires: must be set on an " + type + " of " + id + "; a warning without it would never end");
            }
            try {
                WarningGeometry.of(w);
            } catch (IllegalArgumentException e) {
                return new Refused("warning " + id + ": " + e.getMessage());
            }
        }
        StoredWarning existing = board.get(id);
        if (existing != null) {
            return existing.warning().equals(w)
                    ? new AlreadyOnBoard(id)
                    : new Refused("identifier reused: " + id + " is already on the board with different content");
        }
        if (type == WarningMsgType.WARNING_MSG_TYPE_ALERT) {
            return new Change(new WarningBoard.WarningIssued(messageId, now, id, bytes));
        }
        List<String> refs = List.copyOf(w.getReferencesList());
        if (refs.isEmpty()) {
            return new Refused("references: an " + type + " must name the warnings it acts on, " + id + " names none");
        }
        for (String ref : refs) {
            if (!board.containsKey(ref)) {
                return new Refused("unknown reference: " + ref + " (named by " + type + " " + id
                        + "; no warning on the board has that identifier)");
            }
        }
        return type == WarningMsgType.WARNING_MSG_TYPE_UPDATE
                ? new Change(new WarningBoard.WarningUpdated(messageId, now, id, refs, bytes))
                : new Change(new WarningBoard.WarningCancelled(messageId, now, id, refs));
    }
}
