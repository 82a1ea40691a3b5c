package cn.emcc.command.officers;

import cn.emcc.map.jurisdiction.Jurisdiction;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Officer accounts and sessions for the HTTP edge: logging in and out,
 * resolving a token to the officer, changing a password, and the admin's
 * account management within the admin's jurisdiction. Password hashing runs on
 * the blocking dispatcher, never on the entity or the HTTP threads.
 */
public final class OfficerService {

    private static final Logger log = LoggerFactory.getLogger(OfficerService.class);
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{2,64}");
    private static final String ONE_TIME_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int MAX_PASSWORD = 256;
    /** The same answer for an unknown user, a wrong password and a disabled account. */
    static final String BAD_CREDENTIALS = "unknown username or wrong password";

    private final EntityRef<OfficerAccounts.Command> accounts;
    private final JurisdictionTree tree;
    private final OfficerSettings settings;
    private final SessionTokens tokens;
    private final AddressBackoff addresses;
    private final Executor blocking;
    private final Duration askTimeout;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final String decoyHash;

    public OfficerService(ActorSystem<?> system, JurisdictionTree tree, OfficerSettings settings, byte[] sessionKey,
                          Duration askTimeout, Clock clock) {
        this.accounts = ClusterSharding.get(system).entityRefFor(OfficerAccounts.ENTITY_TYPE_KEY, OfficerAccounts.ID);
        this.tree = tree;
        this.settings = settings;
        this.tokens = new SessionTokens(sessionKey, settings.sessionTtl(), clock);
        this.addresses = new AddressBackoff(settings.addressMaxFailures(), settings.addressWindow(),
                settings.addressLock(), settings.addressRemember(), clock);
        this.blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
        this.askTimeout = askTimeout;
        this.clock = clock;
        // Verifying against this for an unknown username costs what a real check costs.
        this.decoyHash = settings.hasher().hash(oneTimePassword());
    }

    // ---------------------------------------------------------------- sessions

    /** A session granted: the token and the officer it is for. */
    public record Granted(SessionTokens.Session session, Officer officer) {
    }

    /**
     * Logs in. Fails with a {@link LoginRefusal}: 401 for bad credentials (the same answer for an
     * unknown user or a disabled account), 429 while the account or the address is locked out; the
     * refusal also tells the audit log which it was.
     */
    public CompletionStage<Granted> login(String username, String password, String address) {
        Instant addressLock = addresses.lockedUntil(address);
        if (addressLock != null) {
            return refuseLogin(locked(addressLock), LoginRefusal.Reason.RATE_LIMITED, null);
        }
        if (username == null || password == null || !USERNAME.matcher(username).matches()
                || password.length() > MAX_PASSWORD) {
            addresses.failed(address);
            return refuseLogin(badCredentials(), LoginRefusal.Reason.MALFORMED, null);
        }
        return account(username).thenCompose(found -> {
            if (found != null && found.lockedAt(clock.instant())) {
                return refuseLogin(locked(found.lockedUntil()), LoginRefusal.Reason.ACCOUNT_LOCKED, found.adcode());
            }
            String hash = found == null ? decoyHash : found.passwordHash();
            return CompletableFuture.supplyAsync(() -> settings.hasher().verify(password, hash), blocking)
                    .thenCompose(matches -> {
                        if (found == null || !matches) {
                            addresses.failed(address);
                            if (found == null) {
                                return refuseLogin(badCredentials(), LoginRefusal.Reason.UNKNOWN_USER, null);
                            }
                            return accounts.<OfficerAccounts.Found>ask(r -> new OfficerAccounts.RecordFailure(username,
                                    settings.lockout(), r), askTimeout).thenCompose(after -> {
                                boolean nowLocked = after.account() != null && after.account().lockedUntil() != null;
                                if (nowLocked) {
                                    log.warn("officer account {} locked until {} after {} failed logins", username,
                                            after.account().lockedUntil(), after.account().failures());
                                }
                                return refuseLogin(badCredentials(), nowLocked
                                        ? LoginRefusal.Reason.WRONG_PASSWORD_NOW_LOCKED
                                        : LoginRefusal.Reason.WRONG_PASSWORD, found.adcode());
                            });
                        }
                        if (found.disabled()) {
                            return refuseLogin(badCredentials(), LoginRefusal.Reason.DISABLED, found.adcode());
                        }
                        addresses.succeeded(address);
                        return accounts.<Done>ask(r -> new OfficerAccounts.RecordSuccess(username, r), askTimeout)
                                .thenApply(done -> grant(found));
                    });
        });
    }

    /** Whether {@code text} has the shape of a username (and so may be written to the audit log as one). */
    public static boolean isUsername(String text) {
        return USERNAME.matcher(text).matches();
    }

    private static Refusal badCredentials() {
        return new Refusal(401, "password", BAD_CREDENTIALS);
    }

    private static CompletionStage<Granted> refuseLogin(Refusal answer, LoginRefusal.Reason reason, String adcode) {
        return CompletableFuture.failedFuture(new LoginRefusal(answer, reason, adcode));
    }

    private Granted grant(Account account) {
        SessionTokens.Session session = tokens.issue(account);
        return new Granted(session, officer(account, session));
    }

    private Officer officer(Account a, SessionTokens.Session session) {
        Jurisdiction j = tree.get(a.adcode()).orElseThrow(() -> new Refusal(401, "token",
                "the account's jurisdiction " + a.adcode() + " is not in the jurisdiction tree"));
        return new Officer(a.username(), a.displayName(), a.role(), j, a.mustChangePassword(), session.tokenId(),
                session.expiresAt());
    }

    private Refusal locked(Instant until) {
        // Rounded up: a client that waits Retry-After seconds finds the lock lifted.
        Duration left = Duration.between(clock.instant(), until);
        long seconds = Math.max(1, left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0));
        return new Refusal(429, "password", "too many failed logins; try again in " + seconds + " s", seconds);
    }

    /** The officer of a bearer token; fails with a 401 {@link Refusal} for a bad, expired or ended session. */
    public CompletionStage<Officer> authenticate(String token) {
        var session = token == null ? java.util.Optional.<SessionTokens.Session>empty() : tokens.verify(token);
        if (session.isEmpty()) {
            return CompletableFuture.failedFuture(new Refusal(401, "token",
                    "a valid session token is required (missing, malformed, badly signed or expired)"));
        }
        SessionTokens.Session s = session.get();
        return accounts.<Account>askWithStatus(r -> new OfficerAccounts.CheckSession(s.username(), s.tokenId(),
                        s.generation(), r), askTimeout)
                .handle((account, failure) -> {
                    if (failure != null) {
                        Throwable cause = unwrap(failure);
                        if (cause instanceof java.util.concurrent.TimeoutException) {
                            throw new Refusal(503, "", "officer accounts did not answer in time; try again");
                        }
                        throw new Refusal(401, "token", cause.getMessage());
                    }
                    return officer(account, s);
                });
    }

    public CompletionStage<Done> logout(Officer officer) {
        return accounts.ask(r -> new OfficerAccounts.RevokeSession(officer.tokenId(), officer.sessionExpiresAt(), r),
                askTimeout);
    }

    /** Sets a new password after checking the current one; the officer's other sessions end. */
    public CompletionStage<Granted> changePassword(Officer officer, String current, String next) {
        checkNewPassword(next, current);
        return account(officer.username()).thenCompose(found -> {
            if (found == null) {
                return CompletableFuture.failedFuture(new Refusal(401, "token", "the account no longer exists"));
            }
            return CompletableFuture.supplyAsync(() -> {
                if (current == null || !settings.hasher().verify(current, found.passwordHash())) {
                    throw new Refusal(403, "current_password", "the current password is wrong");
                }
                return settings.hasher().hash(next);
            }, blocking).thenCompose(hash -> accounts.<Account>askWithStatus(r -> new OfficerAccounts.SetPassword(
                    officer.username(), hash, false, officer.username(), r), askTimeout)).thenApply(this::grant);
        });
    }

    private void checkNewPassword(String next, String current) {
        if (next == null || next.length() < settings.minPasswordLength() || next.length() > MAX_PASSWORD) {
            throw new Refusal(400, "new_password", "a password of " + settings.minPasswordLength() + ".."
                    + MAX_PASSWORD + " characters is required");
        }
        if (next.equals(current)) {
            throw new Refusal(400, "new_password", "the new password must differ from the current one");
        }
    }

    // ----------------------------------------------------------------- admins

    /** An account as an admin sees it (never the hash). */
    public static java.util.Map<String, Object> view(Account a, JurisdictionTree tree) {
        Jurisdiction j = tree.get(a.adcode()).orElseThrow();
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>(Officer.json(a.username(), a.displayName(),
                a.role(), j, a.mustChangePassword()));
        m.put("disabled", a.disabled());
        m.put("locked_until", a.lockedUntil());
        return m;
    }

    /** An account just created or reset, with its one-time password (shown once). */
    public record WithPassword(Account account, String oneTimePassword) {
    }

    public CompletionStage<WithPassword> create(Officer admin, String username, String displayName, String role,
                                                String adcode) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new Refusal(400, "username", "'" + username + "' is not a username; expected 2..64 of A-Z a-z 0-9 . _ -");
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 100) {
            throw new Refusal(400, "display_name", "a display name of 1..100 characters is required");
        }
        Role r;
        try {
            r = Role.valueOf(String.valueOf(role));
        } catch (IllegalArgumentException e) {
            throw new Refusal(400, "role", "'" + role + "' is not one of " + java.util.Arrays.toString(Role.values()));
        }
        if (tree.get(adcode).isEmpty()) {
            throw new Refusal(400, "adcode", "'" + adcode + "' is not a jurisdiction of the tree; expected a"
                    + " province, city or county code such as 370102");
        }
        within(admin, adcode);
        String password = oneTimePassword();
        return CompletableFuture.supplyAsync(() -> settings.hasher().hash(password), blocking)
                .thenCompose(hash -> accounts.<Account>askWithStatus(reply -> new OfficerAccounts.CreateOfficer(
                        new Account(username, displayName.strip(), r, adcode, false, hash, true, 0, null, 0),
                        admin.username(), reply), askTimeout))
                .handle((a, failure) -> {
                    if (failure != null) {
                        throw new Refusal(409, "username", unwrap(failure).getMessage());
                    }
                    log.info("officer {} ({}, {}) created by {}", username, r, adcode, admin.username());
                    return new WithPassword(a, password);
                });
    }

    public CompletionStage<Account> setDisabled(Officer admin, String username, boolean disabled) {
        if (disabled && admin.username().equals(username)) {
            throw new Refusal(409, "username", "an admin cannot disable their own account");
        }
        return target(admin, username).thenCompose(a -> accounts.<Account>askWithStatus(r ->
                new OfficerAccounts.SetDisabled(username, disabled, admin.username(), r), askTimeout));
    }

    public CompletionStage<WithPassword> resetPassword(Officer admin, String username) {
        String password = oneTimePassword();
        return target(admin, username)
                .thenApplyAsync(a -> settings.hasher().hash(password), blocking)
                .thenCompose(hash -> accounts.<Account>askWithStatus(r -> new OfficerAccounts.SetPassword(username,
                        hash, true, admin.username(), r), askTimeout))
                .thenApply(a -> new WithPassword(a, password));
    }

    /**
     * Creates the account, or sets its password when it exists, without the
     * admin API: for the process that runs the node (the demo launcher, tests).
     * The password is final (no change required).
     */
    public CompletionStage<Account> provision(String username, String displayName, Role role, String adcode,
                                              String password) {
        if (tree.get(adcode).isEmpty() || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("officer " + username + " of " + adcode
                    + ": expected a username of A-Z a-z 0-9 . _ - and a jurisdiction of the tree");
        }
        return CompletableFuture.supplyAsync(() -> settings.hasher().hash(password), blocking)
                .thenCompose(hash -> accounts.<Account>askWithStatus(r -> new OfficerAccounts.CreateOfficer(
                                new Account(username, displayName, role, adcode, false, hash, false, 0, null, 0), "emcc", r),
                        askTimeout).exceptionallyCompose(exists -> accounts.askWithStatus(r ->
                        new OfficerAccounts.SetPassword(username, hash, false, "emcc", r), askTimeout)));
    }

    /** The accounts in the admin's jurisdiction. */
    public CompletionStage<List<Account>> list(Officer admin) {
        return accounts.<OfficerAccounts.Accounts>ask(OfficerAccounts.ListAccounts::new, askTimeout)
                .thenApply(all -> all.accounts().stream().filter(a -> tree.contains(admin.adcode(), a.adcode())).toList());
    }

    private CompletionStage<Account> target(Officer admin, String username) {
        return account(username).thenApply(a -> {
            if (a == null) {
                throw new Refusal(404, "username", "no officer '" + username + "'");
            }
            within(admin, a.adcode());
            return a;
        });
    }

    private void within(Officer admin, String adcode) {
        if (!tree.contains(admin.adcode(), adcode)) {
            throw new Refusal(403, "adcode", "admin " + admin.username() + " of " + admin.adcode()
                    + " manages accounts inside " + admin.adcode() + " only, not of " + adcode);
        }
    }

    private CompletionStage<Account> account(String username) {
        return accounts.<OfficerAccounts.Found>ask(r -> new OfficerAccounts.GetAccount(username, r), askTimeout)
                .thenApply(OfficerAccounts.Found::account);
    }

    // ------------------------------------------------------------ first start

    /**
     * Creates the province admin when the cluster has no account at all: with
     * {@code emcc.officers.first-admin-password} when set, else with a one-time
     * password printed once on the console. Retries in the background while the
     * store is not reachable yet.
     */
    public void ensureFirstAdmin(ActorSystem<?> system) {
        String configured = settings.firstAdminPassword();
        String password = configured.isBlank() ? oneTimePassword() : configured;
        Jurisdiction province = tree.province();
        CompletableFuture.supplyAsync(() -> settings.hasher().hash(password), blocking)
                .thenCompose(hash -> accounts.<Boolean>ask(r -> new OfficerAccounts.CreateFirst(new Account("admin",
                        "Administrator", Role.ADMIN, province.adcode(), false, hash, configured.isBlank(), 0, null, 0), r),
                        Duration.ofSeconds(30)))
                .whenComplete((created, failure) -> {
                    if (failure != null) {
                        log.warn("could not check for the first admin yet ({}); trying again in 5 s", failure.getMessage());
                        system.scheduler().scheduleOnce(Duration.ofSeconds(5), () -> ensureFirstAdmin(system),
                                system.executionContext());
                    } else if (created && configured.isBlank()) {
                        log.info("first admin account 'admin' created; its one-time password is on the console");
                        System.out.println();
                        System.out.println("  emcc first start: officer account 'admin' (ADMIN, " + province + ")");
                        System.out.println("  one-time password: " + password);
                        System.out.println("  It is shown only this once; log in and change it (POST /v1/session/password).");
                        System.out.println();
                    } else if (created) {
                        log.info("first admin account 'admin' created with the password from emcc.officers.first-admin-password");
                    }
                })
                .exceptionally(t -> null);
    }

    /** Waits (at most 30 s) until an account exists: tests and the demo create officers right after start. */
    public void awaitFirstAdmin() {
        Instant until = clock.instant().plusSeconds(30);
        while (clock.instant().isBefore(until)) {
            try {
                List<Account> all = accounts.<OfficerAccounts.Accounts>ask(OfficerAccounts.ListAccounts::new, askTimeout)
                        .toCompletableFuture().get(askTimeout.toMillis(), TimeUnit.MILLISECONDS).accounts();
                if (!all.isEmpty()) {
                    return;
                }
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.debug("officer accounts not ready yet: {}", e.getMessage());
            }
        }
    }

    String oneTimePassword() {
        StringBuilder b = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            b.append(ONE_TIME_ALPHABET.charAt(random.nextInt(ONE_TIME_ALPHABET.length())));
        }
        return b.toString();
    }

    static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
