package com.ewallet.common;

import java.time.Duration;

import io.quarkus.logging.Log;

/**
 * A read the service needs before it may start (the schema version, the bank list), tried again while the database
 * cannot be reached or its node is not ready, for up to {@link #PATIENCE}. A lost connection is ordinary at start-up
 * behind HAProxy: a Galera node that fails its check while two replicas start on a starved machine is marked down, and
 * HAProxy cuts its connections. A replica that gave up at once would leave a pod in a restart loop for a blip; any
 * other failure still stops the start at once, with its own message.
 */
public final class StartupReads {

    /** How long the database may stay unreachable before the start fails. */
    public static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration PAUSE = Duration.ofMillis(500);

    /** One attempt at the read; blocking, on the start-up thread. */
    @FunctionalInterface
    public interface Read<T> {
        T attempt() throws Throwable;
    }

    private StartupReads() {
    }

    public static <T> T retrying(String what, Read<T> read) throws Throwable {
        return retrying(what, read, PATIENCE, PAUSE);
    }

    static <T> T retrying(String what, Read<T> read, Duration patience, Duration pause) throws Throwable {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return read.attempt();
            } catch (Throwable e) {
                if (!isPassing(e) || System.nanoTime() - deadline >= 0) {
                    throw e;
                }
                Log.infof("%s: the database cannot be reached (%s), trying again", what, e.getMessage());
                Thread.sleep(pause.toMillis());
            }
        }
    }

    /** A failure a later attempt may not meet: no connection, a lost one, or a Galera node not ready (1047). */
    static boolean isPassing(Throwable e) {
        return ErrorMappers.isDatabaseUnavailable(e)
                || TransactionAborts.errorCode(e) == TransactionAborts.NODE_NOT_READY;
    }
}
