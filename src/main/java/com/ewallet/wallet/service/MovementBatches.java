package com.ewallet.wallet.service;

import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.auth.AuthErrors;
import com.ewallet.auth.Caller;
import com.ewallet.auth.repository.SessionStore;
import com.ewallet.common.ApiException;
import com.ewallet.common.Clock;
import com.ewallet.common.Hashes;
import com.ewallet.common.RandomIds;
import com.ewallet.common.RetryConfig;
import com.ewallet.common.TransactionAborts;
import com.ewallet.wallet.Account;
import com.ewallet.wallet.MoneyConfig;
import com.ewallet.wallet.MoneyMove;
import com.ewallet.wallet.MoveResult;
import com.ewallet.wallet.Origin;
import com.ewallet.wallet.TransactionResult;
import com.ewallet.wallet.repository.AccountStore;
import com.ewallet.wallet.repository.IdempotencyKeyStore;
import com.ewallet.wallet.repository.IdempotencyKeyStore.Claim;
import com.ewallet.wallet.repository.Parties;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Natural batching of money movements per account: movements that wait on the same account inside this replica are
 * applied together, in one database transaction that takes each row lock once, applies every movement in arrival order
 * with its own checks and answer, writes all their rows with multi-row statements, updates each balance once and
 * commits once.
 * <p>
 * Each account has a lane. A movement that finds its lane idle runs alone at once, exactly as without batching (no
 * timer, no added latency at low load); movements that arrive while a transaction of the lane is in the database wait,
 * and the next transaction takes up to {@code wallet.batching.max-size} of them. A transfer joins the lane of whichever
 * of its two accounts more movements are waiting on, so a popular payee batches as a hot payer does; a movement whose
 * accounts no other movement waits on joins a shared lane ({@code wallet.batching.shared-lanes}), so that unrelated
 * movements share a transaction too. A batch locks every account of its movements in primary-key order.
 * <p>
 * Every movement keeps its own contract: its own reference, Idempotency-Key (a key already recorded, or repeated inside
 * the batch, replays the first request's answer after the commit), session check, refusal (recorded on its key) and
 * answer. A movement that fails other than by a refusal is left out of the batch and runs alone afterwards. A batch
 * whose transaction fails before its commit was sent (a lock timeout, a deadlock, a lost connection) has written
 * nothing: each of its movements then runs alone, as it would have without batching. A commit whose outcome is unknown
 * is answered 503 with Retry-After (a retry under the same key replays what committed), and so is every member of a
 * batch still running after the attempt timeout. A batch still running after {@code wallet.batching.stall-after} no
 * longer holds up its lane: the next batch starts beside it. The batch is the lane's, not a request's: a client that
 * hangs up cannot cancel it.
 */
@ApplicationScoped
class MovementBatches {

    private final Pool pool;
    private final Movements movements;
    private final IdempotencyKeyStore keys;
    private final SessionStore sessions;
    private final IdempotentExecutor executor;
    private final MoneyConfig.Batching config;
    private final RetryConfig retry;
    private final Vertx vertx;
    private final ConcurrentHashMap<Long, Lane> lanes = new ConcurrentHashMap<>();
    // Movements of this replica not answered yet, per account they touch: where a transfer queues.
    private final ConcurrentHashMap<Long, Integer> inFlight = new ConcurrentHashMap<>();
    private final DistributionSummary sizes;
    private final Counter failed;

    MovementBatches(Pool pool, Movements movements, IdempotencyKeyStore keys, SessionStore sessions,
            IdempotentExecutor executor, MoneyConfig config, RetryConfig retry, Vertx vertx, MeterRegistry registry) {
        this.pool = pool;
        this.movements = movements;
        this.keys = keys;
        this.sessions = sessions;
        this.executor = executor;
        this.config = config.batching();
        this.retry = retry;
        this.vertx = vertx;
        this.sizes = DistributionSummary.builder("wallet.batch.size")
                .description("Movements per money transaction (1: a movement that found its lane idle)")
                .register(registry);
        this.failed = Counter.builder("wallet.batch.failed")
                .description("Batches whose transaction failed before its commit: each movement then ran alone")
                .register(registry);
    }

    boolean enabled() {
        return config.enabled();
    }

    /** {@link MoneyService#move}: resolves the accounts, then joins the lane of one of them. */
    Uni<MoveResult> move(Caller who, MoneyMove move, Origin origin, String key) {
        return movements.resolve(pool, origin, move).onFailure().recoverWithNull().flatMap(parties -> {
            if (parties == null || !acceptable(move, parties)) {
                // A refusal before any lock (no account, unknown payee...) or a failed lookup: the single path
                // answers it (and records a refusal under the key).
                return alone(who, move, origin, key, null);
            }
            Member member = new Member(who, move, origin, key, parties);
            return Uni.createFrom().emitter(emitter -> {
                member.emitter = emitter;
                member.context = Vertx.currentContext();
                member.lane = laneOf(parties);
                arrived(member);
                enqueue(member.lane, member);
            });
        });
    }

    private static boolean acceptable(MoneyMove move, Parties parties) {
        try {
            Movements.check(move, parties);
            return true;
        } catch (ApiException refused) {
            return false;
        }
    }

    /**
     * The lane of the movement's account that more movements of this replica are waiting on: the payer's, or a
     * transfer's payee when more are waiting on the payee (a popular payee batches as a hot payer does). When no other
     * movement waits on either account, a shared lane (numbered below zero, account ids are positive), chosen by the
     * payer, so that unrelated movements batch with each other.
     */
    private long laneOf(Parties parties) {
        long payer = parties.payer().id();
        long account = payer;
        if (parties.payee() != null
                && inFlight.getOrDefault(parties.payee().id(), 0) > inFlight.getOrDefault(payer, 0)) {
            account = parties.payee().id();
        }
        if (config.sharedLanes() > 0 && inFlight.getOrDefault(account, 0) == 0) {
            return -1 - Math.floorMod(payer, config.sharedLanes());
        }
        return account;
    }

    private void arrived(Member m) {
        inFlight.merge(m.parties.payer().id(), 1, Integer::sum);
        if (m.parties.payee() != null) {
            inFlight.merge(m.parties.payee().id(), 1, Integer::sum);
        }
    }

    private void left(Member m) {
        inFlight.computeIfPresent(m.parties.payer().id(), (id, n) -> n == 1 ? null : n - 1);
        if (m.parties.payee() != null) {
            inFlight.computeIfPresent(m.parties.payee().id(), (id, n) -> n == 1 ? null : n - 1);
        }
    }

    /** The single path; {@code parties} (null: looked up in the transaction) spares a second lookup. */
    private Uni<MoveResult> alone(Caller who, MoneyMove move, Origin origin, String key, Parties parties) {
        return executor.execute(move.kind(), who, key, move.canonical(),
                (c, reference) -> movements.run(c, reference, origin, move, parties));
    }

    private void enqueue(long laneId, Member member) {
        while (true) {
            Lane lane = lanes.computeIfAbsent(laneId, Lane::new);
            List<Member> batch;
            synchronized (lane) {
                if (lane.closed) {
                    continue;
                }
                lane.waiting.add(member);
                if (lane.active > 0) {
                    // Queued: answered 503 if still waiting after the attempt timeout (one that runs at once has the
                    // single path's own timeout).
                    member.timer = vertx.setTimer(retry.attemptTimeout().toMillis(), id -> timedOut(member));
                    return;
                }
                lane.active++;
                batch = lane.take(config.maxSize());
            }
            run(lane, batch);
            return;
        }
    }

    /**
     * A batch of the lane stopped counting (it ended, or it stalled): the next batch starts with what gathered
     * meanwhile, or the lane closes.
     */
    private void released(Lane lane) {
        List<Member> batch;
        synchronized (lane) {
            lane.active--;
            if (lane.active > 0) {
                return;
            }
            batch = lane.take(config.maxSize());
            if (batch.isEmpty()) {
                lane.closed = true;
                lanes.remove(lane.id, lane);
                return;
            }
            lane.active++;
        }
        run(lane, batch);
    }

    private void run(Lane lane, List<Member> batch) {
        sizes.record(batch.size());
        // A transaction that hangs (its database node died under it) must not hold up the account's later
        // movements: once it has run for wallet.batching.stall-after, the lane starts its next batch beside it (the
        // database's row locks keep both correct), and after the attempt timeout its members get 503 (outcome
        // unknown, left to the database; a movement alone has the single path's own timeout).
        AtomicBoolean counted = new AtomicBoolean(true);
        Runnable release = () -> {
            if (counted.compareAndSet(true, false)) {
                released(lane);
            }
        };
        long stall = vertx.setTimer(config.stallAfter().toMillis(), id -> release.run());
        long timeout = batch.size() == 1 ? -1 : vertx.setTimer(retry.attemptTimeout().toMillis(), id -> {
            ApiException unavailable = ApiException.unavailable(retry.retryAfter().toSeconds());
            if (batch.stream().filter(m -> m.answer(null, unavailable)).count() > 0) {
                Log.warnf("a batch of %d movements ran longer than %s: its unanswered members got 503", batch.size(),
                        retry.attemptTimeout());
            }
        });
        Uni<Void> work = batch.size() == 1 ? runAlone(batch.get(0)) : runTogether(batch);
        // Subscribed here, not by a request: no client can cancel it.
        work.onTermination().invoke(() -> {
            vertx.cancelTimer(stall);
            if (timeout >= 0) {
                vertx.cancelTimer(timeout);
            }
            release.run();
        }).subscribe().with(ignored -> {
        }, failure -> Log.error("a money batch ended in an unexpected failure", failure));
    }

    private Uni<Void> runAlone(Member m) {
        return alone(m.who, m.move, m.origin, m.key, m.parties).onItemOrFailure()
                .invoke((item, failure) -> m.answer(item, failure)).onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> runTogether(List<Member> batch) {
        Uni<List<Outcome>> transaction = pool.withConnection(c -> c.begin().flatMap(tx -> apply(c, batch).onFailure()
                .call(() -> tx.rollback().onFailure().recoverWithNull()).onFailure().transform(NotCommitted::new)
                .call(() -> tx.commit().onFailure(TransactionAborts::isRetriable).transform(NotCommitted::new))));
        return transaction.onItemOrFailure().transformToUni((outcomes, failure) -> {
            if (failure instanceof NotCommitted rolledBack) {
                // Nothing was written: each movement runs alone, as without batching.
                failed.increment();
                Log.debugf(rolledBack.getCause(), "a batch of %d movements rolled back: running them one by one (%s)",
                        batch.size(), batch.stream().map(m -> m.key).toList());
                return Uni.join().all(batch.stream().map(this::runAlone).toList()).andCollectFailures()
                        .replaceWithVoid();
            }
            if (failure != null) {
                // The commit's outcome is unknown: never answered as a failure. A retry under the same key replays it.
                Log.warn("a batch's commit failed with an unknown outcome: answered 503", failure);
                ApiException unavailable = ApiException.unavailable(retry.retryAfter().toSeconds());
                batch.forEach(m -> m.answer(null, unavailable));
                return Uni.createFrom().voidItem();
            }
            if (Log.isDebugEnabled()) {
                StringBuilder members = new StringBuilder();
                for (int i = 0; i < batch.size(); i++) {
                    Member m = batch.get(i);
                    members.append(' ').append(m.key).append('=').append(outcomes.get(i).kind()).append('/')
                            .append(m.reference);
                }
                Log.debugf("a batch of %d movements committed:%s", batch.size(), members);
            }
            return Uni.join().all(afterCommit(batch, outcomes)).andCollectFailures().replaceWithVoid();
        });
    }

    /** The batch's statements on its transaction's connection; the outcomes are in the order of the members. */
    private Uni<List<Outcome>> apply(SqlConnection c, List<Member> batch) {
        LocalDateTime now = Clock.nowUtc();
        Map<Member, Outcome> outcomes = new HashMap<>();
        List<Caller> unconfirmed = batch.stream().map(m -> m.who).filter(who -> !who.sessionConfirmed()).toList();
        Uni<Set<Caller>> live = unconfirmed.isEmpty() ? Uni.createFrom().item(Set.of())
                : sessions.liveAmong(c, unconfirmed, now);
        return live.flatMap(liveCallers -> {
            // Sessions first (nothing is written for an ended one), then the keys, then the accounts: the order of the
            // single path, so the two never wait on each other in a cycle.
            Map<String, Claim> claims = new TreeMap<>();
            List<Member> claiming = new ArrayList<>();
            for (Member m : batch) {
                if (!m.who.sessionConfirmed() && !liveCallers.contains(m.who)) {
                    outcomes.put(m, Outcome.failed(AuthErrors.revoked()));
                } else if (m.key != null) {
                    String id = m.who.userId() + " " + m.key;
                    if (claims.containsKey(id)) {
                        outcomes.put(m, Outcome.REPLAY); // the same key earlier in this batch
                    } else {
                        claims.put(id, m.claim());
                        claiming.add(m);
                    }
                }
            }
            Uni<Set<Claim>> held = claims.isEmpty() ? Uni.createFrom().item(Set.of())
                    : keys.claim(c, List.copyOf(claims.values()), now);
            return held.flatMap(ours -> {
                claiming.stream().filter(m -> !ours.contains(m.claim())).forEach(m -> outcomes.put(m, Outcome.REPLAY));
                List<Member> moving = batch.stream().filter(m -> !outcomes.containsKey(m)).toList();
                Set<Long> ids = new TreeSet<>();
                moving.forEach(m -> {
                    ids.add(m.parties.payer().id());
                    if (m.parties.payee() != null) {
                        ids.add(m.parties.payee().id());
                    }
                });
                Uni<List<Account>> locked = ids.isEmpty() ? Uni.createFrom().item(List.of())
                        : accounts().lockInIdOrder(c, List.copyOf(ids));
                return locked.flatMap(rows -> applyInOrder(c, moving, Movements.byId(rows), outcomes));
            });
        }).map(ignored -> batch.stream().map(outcomes::get).toList());
    }

    private Uni<Void> applyInOrder(SqlConnection c, List<Member> moving, Map<Long, Account> locked,
            Map<Member, Outcome> outcomes) {
        List<Movements.Effects> applied = new ArrayList<>();
        Map<Long, Account> changed = new TreeMap<>();
        Uni<Void> keyWrites = Uni.createFrom().voidItem();
        for (Member m : moving) {
            try {
                Movements.Effects effects = movements.apply(m.reference, m.origin, m.move, m.parties, locked);
                applied.add(effects);
                effects.entries().forEach(e -> changed.put(e.accountId, locked.get(e.accountId)));
                outcomes.put(m, Outcome.moved(effects.result()));
            } catch (ApiException refusal) {
                if (IdempotentExecutor.isRemembered(refusal) && m.key != null) {
                    keyWrites = keyWrites.chain(() -> executor.recordRefusal(c, m.who.userId(), m.key, refusal));
                }
                outcomes.put(m, IdempotentExecutor.isRemembered(refusal) ? Outcome.failed(refusal) : Outcome.ALONE);
            } catch (RuntimeException failure) {
                Log.warnf(failure, "a movement failed inside a batch: running it alone");
                outcomes.put(m, Outcome.ALONE);
            }
            if (outcomes.get(m).kind() == Kind.ALONE && m.key != null) {
                // Its key was claimed with this batch's reference: freed, so that its own run claims it afresh.
                keyWrites = keyWrites.chain(() -> keys.release(c, m.who.userId(), m.key, m.reference));
            }
        }
        return keyWrites.chain(() -> movements.write(c, applied, List.copyOf(changed.values())));
    }

    private AccountStore accounts() {
        return movements.accounts();
    }

    private List<Uni<Void>> afterCommit(List<Member> batch, List<Outcome> outcomes) {
        List<Uni<Void>> after = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Member m = batch.get(i);
            Outcome outcome = outcomes.get(i);
            if (outcome.kind() == Kind.REPLAY) {
                after.add(executor.replay(m.who.userId(), m.key, m.hash).onItemOrFailure()
                        .invoke((item, failure) -> m.answer(item, failure)).onFailure().recoverWithNull()
                        .replaceWithVoid());
            } else if (outcome.kind() == Kind.ALONE) {
                after.add(runAlone(m));
            } else if (outcome.kind() == Kind.REFUSED) {
                executor.countRefusal(m.move.kind(), outcome.refusal());
                m.answer(null, outcome.refusal());
            } else {
                executor.countMovement(m.move.kind(), outcome.result());
                m.answer(new MoveResult(outcome.result(), false), null);
            }
        }
        return after.isEmpty() ? List.of(Uni.createFrom().voidItem()) : after;
    }

    /** A member still waiting after the attempt timeout is answered 503 (and, if its batch has not begun, dropped). */
    private void timedOut(Member m) {
        Lane lane = lanes.get(m.lane);
        if (lane != null) {
            synchronized (lane) {
                lane.waiting.remove(m);
            }
        }
        if (m.answer(null, ApiException.unavailable(retry.retryAfter().toSeconds()))) {
            Log.warnf("a movement waited longer than %s: answered 503, its outcome left to the database",
                    retry.attemptTimeout());
        }
    }

    /** One account's queue: how many of its batches are in the database, and who waits for the next one. */
    private static final class Lane {
        final long id;
        final ArrayDeque<Member> waiting = new ArrayDeque<>();
        /** Batches in the database that have not stalled: while there is one, newcomers wait for the next batch. */
        int active;
        boolean closed;

        Lane(long id) {
            this.id = id;
        }

        List<Member> take(int max) {
            List<Member> batch = new ArrayList<>(Math.min(max, waiting.size()));
            while (batch.size() < max && !waiting.isEmpty()) {
                batch.add(waiting.poll());
            }
            return batch;
        }
    }

    /** One request in a lane: its movement, its own reference and key, and where its answer goes. */
    private final class Member {
        final Caller who;
        final MoneyMove move;
        final Origin origin;
        final String key;
        final String hash;
        final String reference = RandomIds.reference();
        final Parties parties;
        final AtomicBoolean answered = new AtomicBoolean();
        UniEmitter<? super MoveResult> emitter;
        Context context;
        volatile long timer = -1;
        long lane;

        Member(Caller who, MoneyMove move, Origin origin, String key, Parties parties) {
            this.who = who;
            this.move = move;
            this.origin = origin;
            this.key = key;
            this.hash = key == null ? null : Hashes.sha256Hex(move.canonical());
            this.parties = parties;
        }

        Claim claim() {
            return new Claim(who.userId(), key, hash, reference);
        }

        /** Answers once, on the request's own Vert.x context; false when it was answered already. */
        boolean answer(MoveResult result, Throwable failure) {
            if (!answered.compareAndSet(false, true)) {
                return false;
            }
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            left(this);
            Runnable deliver = () -> {
                if (failure != null) {
                    emitter.fail(failure);
                } else {
                    emitter.complete(result);
                }
            };
            if (context == null || context == Vertx.currentContext()) {
                deliver.run();
            } else {
                context.runOnContext(ignored -> deliver.run());
            }
            return true;
        }
    }

    /** What a member's movement came to inside its batch. */
    private record Outcome(Kind kind, TransactionResult result, ApiException refusal) {

        static final Outcome REPLAY = new Outcome(Kind.REPLAY, null, null);
        static final Outcome ALONE = new Outcome(Kind.ALONE, null, null);

        static Outcome moved(TransactionResult result) {
            return new Outcome(Kind.MOVED, result, null);
        }

        static Outcome failed(ApiException refusal) {
            return new Outcome(Kind.REFUSED, null, refusal);
        }
    }

    private enum Kind {
        /** Applied in the batch. */
        MOVED,
        /** Refused (its refusal recorded on its key, if any), or its session had ended. */
        REFUSED,
        /** Its key was recorded before (or earlier in the batch): the stored answer is replayed after the commit. */
        REPLAY,
        /** Left out of the batch (nothing of it written): it runs alone after the commit. */
        ALONE
    }

    /** The batch's transaction failed before its commit, or its commit was refused: nothing was written. */
    private static final class NotCommitted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotCommitted(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
