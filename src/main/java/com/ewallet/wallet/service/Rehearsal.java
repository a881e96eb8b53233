package com.ewallet.wallet.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.ewallet.auth.IssuedToken;
import com.ewallet.auth.LoginTokens;
import com.ewallet.auth.repository.SessionStore;
import com.ewallet.auth.rest.AuthCookies;
import com.ewallet.auth.service.TokenService;
import com.ewallet.common.BusinessMetrics;
import com.ewallet.common.LogNoise;
import com.ewallet.common.RandomIds;
import com.ewallet.common.RequestIds;
import com.ewallet.common.RetryConfig;
import com.ewallet.common.TransactionRetry;
import com.ewallet.user.User;
import com.ewallet.wallet.MoneyConfig;
import com.ewallet.wallet.repository.AccountStore;
import com.ewallet.wallet.repository.IdempotencyKeyStore;
import com.ewallet.wallet.repository.LedgerStore;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServerStart;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;

/**
 * The warm-up: before readiness turns UP, the replica sends its own API port {@code wallet.warm-up.duration} of money
 * requests like a busy replica's (hot payers, hot payees, uniform wallet and bank transfers, top-ups), so that the JIT
 * has compiled the whole path, HTTP to SQL, before the first user arrives (docs/architecture.md#warm-up).
 * <p>
 * It cannot touch anyone's money. Its callers' sessions exist only in this process, and {@link RehearsalRoute} sends
 * exactly those to a money service of its own, built from the production classes with instances of its own (account
 * cache, metrics registry, batch lanes) on a pool of its own whose every connection first creates {@code TEMPORARY}
 * copies of the money tables, which shadow the real ones for that connection alone, and fills them with rehearsal
 * users, sessions and accounts. Every statement of the rehearsal therefore reads and writes only its own connection's
 * copies, which the database drops with the connection when the pool closes; a connection whose copies could not be
 * made is never handed out (the pool is closed instead and the rehearsal skipped).
 */
@ApplicationScoped
public class Rehearsal {

    /** The tables the money path touches: each gets a temporary copy on every rehearsal connection. */
    static final List<String> TABLES = List.of("users", "accounts", "auth_sessions", "idempotency_keys",
            "ledger_entries", "bank_transfers", "vtu_purchases");
    /** Rehearsal accounts per connection: account 1 is the hot payer, account 2 the hot payee. */
    static final int ACCOUNTS = 64;
    private static final int POOL_SIZE = 8;
    // Past its length by this much, a rehearsal is given up on (a database that hangs) and the replica serves without.
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(30);
    // Half of tier 3's largest balance: every rehearsal credit fits under it, every debit is covered.
    private static final long BALANCE = 50_000_000_000L;

    /** What a rehearsal did; {@code skipped} names why it did not run (null when it ran). */
    public record Report(long moved, long refused, long failed, long batches, double largestBatch, Duration took,
            String skipped) {
    }

    private final MoneyConfig config;
    private final RetryConfig retryConfig;
    private final BankDirectory banks;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final TokenService tokens;
    private final RehearsalRoute route;
    private final MySQLConnectOptions connectOptions;
    private final Duration duration;
    private final int clients;
    private final AtomicReference<Report> done = new AtomicReference<>();
    private volatile int port;

    Rehearsal(MoneyConfig config, RetryConfig retryConfig, BankDirectory banks, ObjectMapper json, Vertx vertx,
            TokenService tokens, RehearsalRoute route,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.config = config;
        this.retryConfig = retryConfig;
        this.banks = banks;
        this.json = json;
        this.vertx = vertx;
        this.tokens = tokens;
        this.route = route;
        this.connectOptions = MySQLConnectOptions.fromUri(url).setUser(user).setPassword(password.orElse(""))
                .setCharset("utf8mb4").setCollation("utf8mb4_unicode_ci").setCachePreparedStatements(true);
        this.duration = config.warmUp().duration();
        this.clients = config.warmUp().clients();
    }

    void onStart(@Observes StartupEvent start) {
        if (duration.isZero() || duration.isNegative()) {
            done.set(new Report(0, 0, 0, 0, 0, Duration.ZERO, "wallet.warm-up.duration is 0"));
        }
    }

    /** The rehearsal's requests go to the API port, once it listens (an asynchronous event). */
    void onListening(@ObservesAsync HttpServerStart listening) {
        port = listening.options().getPort();
        if (done.get() != null) {
            return;
        }
        // Not awaited: readiness stays DOWN until the rehearsal has ended (WarmUpReadiness).
        Uni.createFrom().deferred(() -> run(duration, clients, connectOptions)).ifNoItem()
                .after(duration.plus(GIVE_UP_AFTER)).fail().subscribe().with(report -> {
                    done.set(report);
                    if (report.skipped() == null) {
                        Log.infof(
                                "warm-up: %d movements rehearsed in %d ms (%d batches, largest %.0f), %d refused, %d failed;"
                                        + " nothing was written to the real tables",
                                report.moved(), report.took().toMillis(), report.batches(), report.largestBatch(),
                                report.refused(), report.failed());
                    }
                }, failure -> {
                    Log.warn("warm-up failed: serving without it", failure);
                    done.set(new Report(0, 0, 0, 0, 0, Duration.ZERO, String.valueOf(failure)));
                });
    }

    /** The rehearsal's end, or null while it runs. */
    public Report report() {
        return done.get();
    }

    /**
     * Rehearses for {@code length} with {@code concurrency} movements in flight, through {@code options}' database;
     * never fails: a rehearsal that cannot run reports why it was skipped.
     */
    Uni<Report> run(Duration length, int concurrency, MySQLConnectOptions options) {
        long started = System.nanoTime();
        List<String> sessions = new ArrayList<>(ACCOUNTS);
        for (int i = 0; i < ACCOUNTS; i++) {
            sessions.add(RandomIds.token());
        }
        AtomicReference<Throwable> setupFailure = new AtomicReference<>();
        AtomicReference<io.vertx.sqlclient.Pool> built = new AtomicReference<>();
        // Its pool meters are sql.pool.* with pool.name=warm-up; its per-connection meters are named as the service
        // pool's (mysql.*), which common/MetricFilters drops.
        io.vertx.sqlclient.Pool core = MySQLBuilder.pool()
                .with(new PoolOptions().setMaxSize(POOL_SIZE).setName("warm-up"))
                .connectingTo(new MySQLConnectOptions(options).setMetricsName("mysql")).using(vertx)
                .withConnectHandler(connection -> prepare(connection, sessions).onComplete(prepared -> {
                    if (prepared.succeeded()) {
                        // Only now does the pool hand the connection out: its temporary tables shadow the real ones.
                        connection.close();
                    } else if (setupFailure.compareAndSet(null, prepared.cause())) {
                        // Never handed out, never given back: the whole pool closes, and every request waiting on it
                        // fails without a statement.
                        built.get().close();
                    }
                })).build();
        built.set(core);
        io.vertx.mutiny.sqlclient.Pool pool = io.vertx.mutiny.sqlclient.Pool.newInstance(core);
        MeterRegistry registry = new SimpleMeterRegistry();
        TransactionRetry retry = new TransactionRetry(retryConfig, registry);
        LedgerStore ledger = new LedgerStore(pool);
        IdempotencyKeyStore keys = new IdempotencyKeyStore(pool);
        SessionStore sessionStore = new SessionStore(pool);
        Movements movements = new Movements(new AccountStore(config), ledger, new TierLimits(config));
        IdempotentExecutor executor = new IdempotentExecutor(pool, keys, sessionStore, ledger, json,
                new BusinessMetrics(registry), retry);
        MovementBatches batches = new MovementBatches(pool, movements, keys, sessionStore, executor, config,
                retryConfig, vertx, registry);
        MoneyService money = new MoneyService(executor, batches, movements, pool, config, banks, retry, null);
        String bank = banks.all().isEmpty() ? null : banks.all().get(0).code;
        // The rehearsal callers' cookie tokens, for sessions that exist in the sandbox only: outside the rehearsal
        // (another request, or after it) no session of theirs is live, and every request of theirs is refused 401.
        List<LoginTokens> cookies = new ArrayList<>(ACCOUNTS);
        Map<String, RehearsalRoute.Sandbox> callers = new HashMap<>();
        for (int i = 1; i <= ACCOUNTS; i++) {
            String session = sessions.get(i - 1);
            cookies.add(tokens.issuePair(i, session, RandomIds.token(), User.ROLE_USER, Instant.now()));
            callers.put(session, new RehearsalRoute.Sandbox(i, money));
        }
        // Request ids no client can guess: the access log leaves the rehearsal's lines out (common/LogNoise).
        String requestIds = "warm-up-" + RandomIds.token().replace('_', '.') + "-";
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(concurrency).setShared(false)
                .setConnectTimeout(5_000).setIdleTimeout(30));
        Load load = new Load(http, port, cookies, bank, requestIds, System.nanoTime() + length.toNanos(), setupFailure);
        route.open(callers);
        LogNoise.quietRequestsStartingWith(requestIds);

        List<Future<Void>> loops = new ArrayList<>(concurrency);
        for (int i = 0; i < concurrency; i++) {
            // An event loop each, in turn, as HTTP connections are spread (getOrCreateContext would give one thread
            // the whole rehearsal).
            Context context = VertxContext.createNewDuplicatedContext(((VertxInternal) vertx).createEventLoopContext());
            Promise<Void> loop = Promise.promise();
            int client = i;
            context.runOnContext(ignored -> load.next(client, loop));
            loops.add(loop.future());
        }
        Future<Report> report = Future.join(loops).transform(ignored -> {
            route.close();
            retry.stop();
            http.close();
            // Closing the pool closes its connections, and with them their temporary tables.
            return core.close().transform(closed -> {
                LogNoise.quietRequestsStartingWith(null);
                Throwable failure = setupFailure.get();
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                if (failure != null) {
                    Log.warnf("warm-up skipped: could not create its temporary tables (%s); serving without it",
                            failure.getMessage());
                    return Future
                            .succeededFuture(new Report(0, 0, 0, 0, 0, took, String.valueOf(failure.getMessage())));
                }
                var sizes = registry.find("wallet.batch.size").summary();
                return Future.succeededFuture(new Report(load.moved.get(), load.refused.get(), load.failed.get(),
                        sizes == null ? 0 : sizes.count(), sizes == null ? 0 : sizes.max(), took, null));
            });
        });
        return Uni.createFrom().completionStage(report.toCompletionStage());
    }

    /** A fresh connection's temporary tables, then its rehearsal users, sessions and accounts. */
    private static Future<Void> prepare(SqlConnection connection, List<String> sessions) {
        Future<?> chain = Future.succeededFuture();
        for (String table : TABLES) {
            // A copy cannot be made under the name it copies: made under another, then renamed. From the rename on,
            // the name means the copy on this connection (a temporary table hides the real one of its name).
            chain = chain.compose(
                    ignored -> connection.query("CREATE TEMPORARY TABLE warm_up_" + table + " LIKE " + table).execute())
                    .compose(ignored -> connection.query("ALTER TABLE warm_up_" + table + " RENAME TO " + table)
                            .execute());
        }
        StringBuilder users = new StringBuilder("INSERT INTO users (id, public_id, email, password_hash, name, mobile,"
                + " mobile_verified_at, role, created_at) VALUES ");
        StringBuilder accounts = new StringBuilder("INSERT INTO accounts (id, user_id, account_number, type, tier,"
                + " balance, created_at, updated_at) VALUES ");
        StringBuilder sessionRows = new StringBuilder(
                "INSERT INTO auth_sessions (id, user_id, refresh_jti, created_at, expires_at) VALUES ");
        for (int i = 1; i <= ACCOUNTS; i++) {
            String separator = i == 1 ? "" : ", ";
            users.append(separator)
                    .append(String.format(
                            "(%d, 'REHEARSAL%03d', 'rehearsal-%d@warm-up.invalid', '!',"
                                    + " 'Rehearsal', '%s', UTC_TIMESTAMP(6), 'user', UTC_TIMESTAMP(6))",
                            i, i, i, mobile(i)));
            accounts.append(separator).append(String.format(
                    "(%d, %d, '%s', 'personal', 3, %d, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))", i, i, number(i), BALANCE));
            sessionRows.append(separator)
                    .append(String.format("('%s', %d, '%s', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL 1 DAY)",
                            sessions.get(i - 1), i, sessions.get(i - 1)));
        }
        return chain.compose(ignored -> connection.query(users.toString()).execute())
                .compose(ignored -> connection.query(accounts.toString()).execute())
                .compose(ignored -> connection.query(sessionRows.toString()).execute()).mapEmpty();
    }

    static String number(int account) {
        return String.format("9%09d", account);
    }

    static String mobile(int account) {
        return String.format("234%010d", account);
    }

    /**
     * The rehearsal's traffic, through the service's own HTTP port as a client's: each rehearsal client sends one
     * request at a time until the deadline, its kind by the client's number, like the bench's scenarios side by side.
     */
    private static final class Load {
        private final HttpClient http;
        private final int port;
        private final List<LoginTokens> tokens;
        private final String bank;
        private final String requestIds;
        private final long deadline;
        private final AtomicReference<Throwable> setupFailure;
        private final AtomicLong sent = new AtomicLong();
        final AtomicLong moved = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong failed = new AtomicLong();

        Load(HttpClient http, int port, List<LoginTokens> tokens, String bank, String requestIds, long deadline,
                AtomicReference<Throwable> setupFailure) {
            this.http = http;
            this.port = port;
            this.tokens = tokens;
            this.bank = bank;
            this.requestIds = requestIds;
            this.deadline = deadline;
            this.setupFailure = setupFailure;
        }

        void next(int client, Promise<Void> loop) {
            if (System.nanoTime() >= deadline || setupFailure.get() != null) {
                loop.complete();
                return;
            }
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int payer;
            String path = "/api/transfer";
            String body;
            // Without an active bank, the bank clients top up instead.
            int kind = bank == null && (client % 5 == 0 || client % 5 == 3) ? 4 : client % 5;
            switch (kind) {
            case 0 -> { // the hot payer to a bank
                payer = 1;
                body = "{\"amount\":1,\"code\":\"" + bank + "\"}";
            }
            case 1 -> { // the hot payer to wallets
                payer = 1;
                body = "{\"amount\":1,\"account\":\"" + number(random.nextInt(3, ACCOUNTS + 1)) + "\"}";
            }
            case 2 -> { // the hot payee
                payer = random.nextInt(3, ACCOUNTS + 1);
                body = "{\"amount\":1,\"account\":\"" + number(2) + "\"}";
            }
            case 3 -> { // uniform transfers, to wallets and banks
                payer = random.nextInt(3, ACCOUNTS + 1);
                int payee = 3 + (payer - 3 + random.nextInt(1, ACCOUNTS - 2)) % (ACCOUNTS - 2);
                body = random.nextBoolean() ? "{\"amount\":1,\"account\":\"" + number(payee) + "\"}"
                        : "{\"amount\":1,\"code\":\"" + bank + "\"}";
            }
            default -> { // top-ups
                payer = random.nextInt(3, ACCOUNTS + 1);
                path = "/api/topup";
                body = "{\"amount\":1}";
            }
            }
            IssuedToken access = tokens.get(payer - 1).access();
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                    .setURI(path).putHeader("Content-Type", "application/json")
                    .putHeader("Cookie", AuthCookies.ACCESS + "=" + access.jwt())
                    .putHeader(AuthCookies.CSRF_HEADER, access.csrf()).putHeader("Idempotency-Key", RandomIds.token())
                    .putHeader(RequestIds.HEADER, requestIds + sent.incrementAndGet())
                    .putHeader("User-Agent", "ewallet-warm-up").putHeader("location", "warm-up")
                    .putHeader("ip-address", "127.0.0.1");
            http.request(request).compose(sending -> sending.send(body))
                    .compose(response -> response.body().map(answer -> {
                        if (response.statusCode() != 200) {
                            Log.debugf("warm-up answer %d: %s", response.statusCode(), answer);
                        }
                        return response.statusCode();
                    })).onComplete(answered -> {
                        int status = answered.succeeded() ? answered.result() : 0;
                        if (status == 200) {
                            moved.incrementAndGet();
                            next(client, loop);
                        } else if (status >= 400 && status < 500) {
                            refused.incrementAndGet();
                            Log.debugf("warm-up request refused: %d", status);
                            next(client, loop);
                        } else {
                            // Not how the rehearsal should go (a lost database, say): this client stops rather than
                            // spin.
                            failed.incrementAndGet();
                            Log.debugf(answered.cause(), "warm-up request failed: %d", status);
                            loop.complete();
                        }
                    });
        }
    }
}
