package com.ewallet.common;

import java.sql.SQLException;

import io.smallrye.mutiny.CompositeException;
import io.vertx.sqlclient.DatabaseException;

/**
 * The database errors that end a transaction without writing anything and say nothing about the request: whatever
 * failed with them can run again. Found in the cause chain, as the reactive driver raises them ({@code MySQLException})
 * or as Hibernate Reactive wraps them (a {@code JDBCException} around a {@link SQLException} with the same code).
 */
public final class TransactionAborts {

    /**
     * ER_LOCK_DEADLOCK: InnoDB chose this transaction as a deadlock's victim, or Galera aborted it (a certification
     * failure at commit, or a brute-force abort by a write set from another node). Rolled back whole.
     */
    static final int DEADLOCK = 1213;
    /**
     * ER_UNKNOWN_COM_ERROR, as Galera uses it: "WSREP has not yet prepared node for application use" (a node joining,
     * or cut off from the primary component). The statement was refused: nothing ran.
     */
    static final int NODE_NOT_READY = 1047;
    /**
     * ER_LOCK_WAIT_TIMEOUT: waited {@code innodb_lock_wait_timeout} for a row lock. Not run again (that would multiply
     * a wait of 50 s), but answered like an abort: 503 with Retry-After.
     */
    static final int LOCK_WAIT_TIMEOUT = 1205;
    /**
     * ER_ERROR_DURING_COMMIT, as Galera uses it when the node left the primary component while replicating the commit
     * ("Not connected to Primary Component"). Not run again: the commit's fate is the provider's to report, and a
     * client's retry under the same Idempotency-Key replays it if it did commit. Answered 503 with Retry-After.
     */
    static final int ERROR_DURING_COMMIT = 1180;

    private TransactionAborts() {
    }

    /** An abort that a new run of the same transaction may not meet: a deadlock, a certification failure, 1047. */
    public static boolean isRetriable(Throwable e) {
        int code = errorCode(e);
        return code == DEADLOCK || code == NODE_NOT_READY;
    }

    /**
     * {@link #isRetriable}, a lock-wait timeout or a commit a Galera node could not replicate: the request may succeed
     * later, so 503 with Retry-After.
     */
    public static boolean isTransient(Throwable e) {
        int code = errorCode(e);
        return isRetriable(e) || code == LOCK_WAIT_TIMEOUT || code == ERROR_DURING_COMMIT;
    }

    /** The MySQL error code of the first database error in {@code e}'s causes, or 0. */
    static int errorCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseException db) {
                return db.getErrorCode();
            }
            if (t instanceof SQLException sql && sql.getErrorCode() != 0) {
                return sql.getErrorCode();
            }
            if (t instanceof CompositeException composite) {
                for (Throwable inner : composite.getCauses()) {
                    int code = errorCode(inner);
                    if (code != 0) {
                        return code;
                    }
                }
            }
        }
        return 0;
    }
}
