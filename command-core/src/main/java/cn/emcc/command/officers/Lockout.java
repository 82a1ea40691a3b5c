package cn.emcc.command.officers;

import com.typesafe.config.Config;

import java.time.Duration;
import java.time.Instant;

/**
 * When an account is locked after failed logins: nothing for the first
 * {@code freeFailures - 1} failures, then {@code firstLock}, doubling with every
 * further failure up to {@code maxLock}. A success resets the count.
 */
public record Lockout(int freeFailures, Duration firstLock, Duration maxLock) {

    public Lockout {
        if (freeFailures < 1 || firstLock.isNegative() || maxLock.compareTo(firstLock) < 0) {
            throw new IllegalArgumentException("emcc.officers.lockout: max-failures=" + freeFailures + ", first-lock="
                    + firstLock + ", max-lock=" + maxLock + "; expected max-failures >= 1 and max-lock >= first-lock");
        }
    }

    public static Lockout fromConfig(Config lockout) {
        return new Lockout(lockout.getInt("max-failures"), lockout.getDuration("first-lock"),
                lockout.getDuration("max-lock"));
    }

    /** The end of the lock after the {@code failures}-th consecutive failure at {@code at}; null when not locked. */
    public Instant lockedUntil(int failures, Instant at) {
        if (failures < freeFailures) {
            return null;
        }
        int doublings = Math.min(failures - freeFailures, 30);
        Duration lock = firstLock.multipliedBy(1L << doublings);
        return at.plus(lock.compareTo(maxLock) > 0 ? maxLock : lock);
    }
}
