package cn.emcc.command.officers;

import cn.emcc.command.persistence.JournalFailure;
import cn.emcc.command.serialization.CborSerializable;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every officer account of the cluster and the sessions ended before their
 * expiry: one sharded, event-sourced entity (a few thousand accounts at most),
 * so accounts, lockouts and logouts are durable and the same on every node.
 * Passwords arrive here already hashed; nothing slow runs inside the entity.
 */
public final class OfficerAccounts
        extends EventSourcedBehaviorWithEnforcedReplies<OfficerAccounts.Command, OfficerAccounts.Event, OfficerAccounts.State> {

    public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "OfficerAccounts");
    /** The one entity's id. */
    public static final String ID = "all";

    // ---------------------------------------------------------------- commands

    public sealed interface Command extends CborSerializable {
    }

    /** Creates {@code account} only when no account exists at all; answers whether it did. */
    public record CreateFirst(Account account, ActorRef<Boolean> replyTo) implements Command {
    }

    public record CreateOfficer(Account account, String by, ActorRef<StatusReply<Account>> replyTo) implements Command {
    }

    public record SetDisabled(String username, boolean disabled, String by, ActorRef<StatusReply<Account>> replyTo)
            implements Command {
    }

    public record SetPassword(String username, String passwordHash, boolean mustChange, String by,
                              ActorRef<StatusReply<Account>> replyTo) implements Command {
    }

    public record GetAccount(String username, ActorRef<Found> replyTo) implements Command {
    }

    /** @param account null when there is no such account */
    public record Found(Account account) implements CborSerializable {
    }

    public record ListAccounts(ActorRef<Accounts> replyTo) implements Command {
    }

    public record Accounts(List<Account> accounts) implements CborSerializable {
    }

    /** A wrong password for an existing account; answers the account with its lock, if any. */
    public record RecordFailure(String username, Lockout lockout, ActorRef<Found> replyTo) implements Command {
    }

    public record RecordSuccess(String username, ActorRef<Done> replyTo) implements Command {
    }

    /** Ends the session {@code tokenId} (a logout); remembered until the token would have expired anyway. */
    public record RevokeSession(String tokenId, Instant until, ActorRef<Done> replyTo) implements Command {
    }

    /** Answers the account when the session is still good, else an error saying why not. */
    public record CheckSession(String username, String tokenId, long generation,
                               ActorRef<StatusReply<Account>> replyTo) implements Command {
    }

    // ------------------------------------------------------------------ events

    public sealed interface Event extends CborSerializable {
    }

    public record OfficerCreated(Account account, String by, Instant at) implements Event {
    }

    public record DisabledChanged(String username, boolean disabled, String by, Instant at) implements Event {
    }

    public record PasswordSet(String username, String passwordHash, boolean mustChange, String by, Instant at)
            implements Event {
    }

    public record LoginFailed(String username, Instant at, Instant lockedUntil) implements Event {
    }

    public record LoginSucceeded(String username, Instant at) implements Event {
    }

    public record SessionRevoked(String tokenId, Instant until, Instant at) implements Event {
    }

    // ------------------------------------------------------------------- state

    /** @param revoked token id → when the token expires */
    public record State(Map<String, Account> accounts, Map<String, Instant> revoked) implements CborSerializable {
        public State {
            accounts = Map.copyOf(accounts);
            revoked = Map.copyOf(revoked);
        }
    }

    // -------------------------------------------------------------- the entity

    public static void init(ActorSystem<?> system, Clock clock) {
        ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY, ctx -> create(ctx.getEntityId(), clock)));
    }

    public static Behavior<Command> create(String id, Clock clock) {
        return new OfficerAccounts(id, clock);
    }

    private final Clock clock;

    private OfficerAccounts(String id, Clock clock) {
        super(PersistenceId.of(ENTITY_TYPE_KEY.name(), id), JournalFailure.restartWithBackoff());
        this.clock = clock;
    }

    @Override
    public State emptyState() {
        return new State(Map.of(), Map.of());
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(100, 2);
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(CreateFirst.class, this::createFirst)
                .onCommand(CreateOfficer.class, this::createOfficer)
                .onCommand(SetDisabled.class, this::setDisabled)
                .onCommand(SetPassword.class, this::setPassword)
                .onCommand(GetAccount.class, (s, c) -> Effect().reply(c.replyTo(), new Found(s.accounts().get(c.username()))))
                .onCommand(ListAccounts.class, (s, c) -> Effect().reply(c.replyTo(), new Accounts(s.accounts().values()
                        .stream().sorted(Comparator.comparing(Account::username)).toList())))
                .onCommand(RecordFailure.class, this::recordFailure)
                .onCommand(RecordSuccess.class, this::recordSuccess)
                .onCommand(RevokeSession.class, (s, c) -> Effect()
                        .persist(new SessionRevoked(c.tokenId(), c.until(), clock.instant()))
                        .thenReply(c.replyTo(), st -> Done.getInstance()))
                .onCommand(CheckSession.class, this::checkSession)
                .build();
    }

    private ReplyEffect<Event, State> createFirst(State s, CreateFirst c) {
        if (!s.accounts().isEmpty()) {
            return Effect().reply(c.replyTo(), false);
        }
        return Effect().persist(new OfficerCreated(c.account(), "emcc", clock.instant())).thenReply(c.replyTo(), st -> true);
    }

    private ReplyEffect<Event, State> createOfficer(State s, CreateOfficer c) {
        if (s.accounts().containsKey(c.account().username())) {
            return Effect().reply(c.replyTo(), StatusReply.error("username '" + c.account().username()
                    + "' is taken; expected a new username"));
        }
        return Effect().persist(new OfficerCreated(c.account(), c.by(), clock.instant()))
                .thenReply(c.replyTo(), st -> StatusReply.success(st.accounts().get(c.account().username())));
    }

    private ReplyEffect<Event, State> setDisabled(State s, SetDisabled c) {
        Account a = s.accounts().get(c.username());
        if (a == null) {
            return Effect().reply(c.replyTo(), unknown(c.username()));
        }
        if (a.disabled() == c.disabled()) {
            return Effect().reply(c.replyTo(), StatusReply.success(a));
        }
        return Effect().persist(new DisabledChanged(c.username(), c.disabled(), c.by(), clock.instant()))
                .thenReply(c.replyTo(), st -> StatusReply.success(st.accounts().get(c.username())));
    }

    private ReplyEffect<Event, State> setPassword(State s, SetPassword c) {
        if (!s.accounts().containsKey(c.username())) {
            return Effect().reply(c.replyTo(), unknown(c.username()));
        }
        return Effect().persist(new PasswordSet(c.username(), c.passwordHash(), c.mustChange(), c.by(), clock.instant()))
                .thenReply(c.replyTo(), st -> StatusReply.success(st.accounts().get(c.username())));
    }

    private ReplyEffect<Event, State> recordFailure(State s, RecordFailure c) {
        Account a = s.accounts().get(c.username());
        if (a == null) {
            return Effect().reply(c.replyTo(), new Found(null));
        }
        Instant now = clock.instant();
        Instant until = c.lockout().lockedUntil(a.failures() + 1, now);
        return Effect().persist(new LoginFailed(c.username(), now, until))
                .thenReply(c.replyTo(), st -> new Found(st.accounts().get(c.username())));
    }

    private ReplyEffect<Event, State> recordSuccess(State s, RecordSuccess c) {
        Account a = s.accounts().get(c.username());
        if (a == null || (a.failures() == 0 && a.lockedUntil() == null)) {
            return Effect().reply(c.replyTo(), Done.getInstance());
        }
        return Effect().persist(new LoginSucceeded(c.username(), clock.instant()))
                .thenReply(c.replyTo(), st -> Done.getInstance());
    }

    private ReplyEffect<Event, State> checkSession(State s, CheckSession c) {
        Account a = s.accounts().get(c.username());
        String refused = a == null ? "the account no longer exists"
                : a.disabled() ? "the account is disabled"
                : a.sessionGeneration() != c.generation() ? "the session ended when the password or account changed"
                : s.revoked().containsKey(c.tokenId()) ? "the session was ended by logout"
                : null;
        return Effect().reply(c.replyTo(), refused == null ? StatusReply.success(a) : StatusReply.error(refused));
    }

    private static <T> StatusReply<T> unknown(String username) {
        return StatusReply.error("no officer '" + username + "'");
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(OfficerCreated.class, (s, e) -> with(s, e.account()))
                .onEvent(DisabledChanged.class, (s, e) -> with(s, s.accounts().get(e.username()).withDisabled(e.disabled())))
                .onEvent(PasswordSet.class, (s, e) -> with(s, s.accounts().get(e.username())
                        .withPassword(e.passwordHash(), e.mustChange())))
                .onEvent(LoginFailed.class, (s, e) -> with(s, s.accounts().get(e.username()).withFailure(e.lockedUntil())))
                .onEvent(LoginSucceeded.class, (s, e) -> with(s, s.accounts().get(e.username()).withSuccess()))
                .onEvent(SessionRevoked.class, (s, e) -> {
                    Map<String, Instant> revoked = new HashMap<>();
                    // Tokens past their expiry are refused by their signature check anyway: forget them.
                    s.revoked().forEach((id, until) -> {
                        if (until.isAfter(e.at())) {
                            revoked.put(id, until);
                        }
                    });
                    revoked.put(e.tokenId(), e.until());
                    return new State(s.accounts(), revoked);
                })
                .build();
    }

    private static State with(State s, Account account) {
        Map<String, Account> accounts = new HashMap<>(s.accounts());
        accounts.put(account.username(), account);
        return new State(accounts, s.revoked());
    }
}
