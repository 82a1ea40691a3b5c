package cn.emcc.command.officers;

import cn.emcc.command.serialization.CborSerializable;

import java.time.Instant;

/**
 * One officer account as stored. {@code sessionGeneration} is written into
 * every token issued for the account; disabling the account or setting its
 * password increments it, which ends all its sessions at once.
 *
 * @param lockedUntil null when not locked
 */
public record Account(String username, String displayName, Role role, String adcode, boolean disabled,
                      String passwordHash, boolean mustChangePassword, int failures, Instant lockedUntil,
                      long sessionGeneration) implements CborSerializable {

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    Account withDisabled(boolean value) {
        return new Account(username, displayName, role, adcode, value, passwordHash, mustChangePassword, failures,
                lockedUntil, sessionGeneration + 1);
    }

    Account withPassword(String hash, boolean mustChange) {
        // A new password also lifts a lock: an admin's reset is how a locked-out officer gets back in.
        return new Account(username, displayName, role, adcode, disabled, hash, mustChange, 0, null,
                sessionGeneration + 1);
    }

    Account withFailure(Instant until) {
        return new Account(username, displayName, role, adcode, disabled, passwordHash, mustChangePassword,
                failures + 1, until, sessionGeneration);
    }

    Account withSuccess() {
        return new Account(username, displayName, role, adcode, disabled, passwordHash, mustChangePassword, 0, null,
                sessionGeneration);
    }
}
