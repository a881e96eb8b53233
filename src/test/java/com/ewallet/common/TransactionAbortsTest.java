package com.ewallet.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.CompositeException;
import io.vertx.mysqlclient.MySQLException;

/** Which database errors run a transaction again, which answer 503, found however deep they are wrapped. */
class TransactionAbortsTest {

    @Test
    void deadlocksAndCertificationFailuresAndANodeNotReadyAreRunAgainAsTheDriverOrHibernateRaisesThem() {
        assertThat(TransactionAborts.isRetriable(new MySQLException("Deadlock found", 1213, "40001"))).isTrue();
        assertThat(TransactionAborts.isRetriable(new MySQLException("WSREP has not yet prepared node", 1047, "08S01")))
                .isTrue();
        // Hibernate Reactive: a JDBCException around an SQLException carrying the driver's code.
        assertThat(TransactionAborts.isRetriable(
                new RuntimeException("could not execute statement", new SQLException("Deadlock", "40001", 1213))))
                        .isTrue();
        assertThat(TransactionAborts.isRetriable(new CompositeException(new IllegalStateException("closing"),
                new MySQLException("Deadlock found", 1213, "40001")))).isTrue();
    }

    @Test
    void aLockWaitTimeoutAndAFailedGaleraCommitAre503ButNotRunAgain() {
        MySQLException timeout = new MySQLException("Lock wait timeout exceeded", 1205, "HY000");
        MySQLException commit = new MySQLException("Not connected to Primary Component", 1180, "HY000");
        assertThat(TransactionAborts.isRetriable(timeout)).isFalse();
        assertThat(TransactionAborts.isTransient(timeout)).isTrue();
        assertThat(TransactionAborts.isRetriable(commit)).isFalse();
        assertThat(TransactionAborts.isTransient(commit)).isTrue();
    }

    @Test
    void otherErrorsAreNeither() {
        MySQLException duplicate = new MySQLException("Duplicate entry", 1062, "23000");
        assertThat(TransactionAborts.isTransient(duplicate)).isFalse();
        assertThat(TransactionAborts.isTransient(new IllegalStateException("bug"))).isFalse();
    }
}
