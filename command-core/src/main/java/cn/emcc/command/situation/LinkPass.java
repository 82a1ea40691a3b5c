package cn.emcc.command.situation;

import cn.emcc.command.serialization.CborSerializable;

/**
 * What one reconcile pass of the {@link WarningLinker} did.
 *
 * @param open    open incidents checked
 * @param updated incidents that accepted a new list of warnings
 * @param failed  incidents that did not answer in time (retried on the next pass)
 */
public record LinkPass(int open, int updated, int failed) implements CborSerializable {

    LinkPass counting(boolean ok) {
        return ok ? new LinkPass(open, updated + 1, failed) : new LinkPass(open, updated, failed + 1);
    }
}
