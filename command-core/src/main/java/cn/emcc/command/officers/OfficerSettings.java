package cn.emcc.command.officers;

import com.typesafe.config.Config;

import java.nio.file.Path;
import java.time.Duration;

/** {@code emcc.officers}: session lifetime and key, password hashing, lockouts, the first admin. */
public record OfficerSettings(Duration sessionTtl, String sessionKey, Path sessionKeyFile, PasswordHasher hasher,
                              Lockout lockout, int addressMaxFailures, Duration addressWindow, Duration addressLock,
                              int addressRemember, String firstAdminPassword, int minPasswordLength) {

    public static OfficerSettings fromConfig(Config config) {
        Config c = config.getConfig("emcc.officers");
        return new OfficerSettings(
                c.getDuration("session-ttl"),
                c.getString("session-key"),
                Path.of(c.getString("session-key-file")),
                PasswordHasher.fromConfig(c.getConfig("argon2")),
                Lockout.fromConfig(c.getConfig("lockout")),
                c.getInt("address-backoff.max-failures"),
                c.getDuration("address-backoff.window"),
                c.getDuration("address-backoff.lock"),
                c.getInt("address-backoff.remember-addresses"),
                c.getString("first-admin-password"),
                c.getInt("min-password-length"));
    }
}
