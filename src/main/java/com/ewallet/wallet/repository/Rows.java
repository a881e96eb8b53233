package com.ewallet.wallet.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mysqlclient.MySQLException;

/** Row mapping and MySQL error codes shared by the money stores. */
final class Rows {

    private static final int DUPLICATE_ENTRY = 1062;
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final int DEADLOCK = 1213;

    private Rows() {
    }

    static <T> T first(RowSet<Row> rows, Function<Row, T> mapper) {
        var it = rows.iterator();
        return it.hasNext() ? mapper.apply(it.next()) : null;
    }

    static <T> List<T> all(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> list = new ArrayList<>(rows.size());
        for (Row row : rows) {
            list.add(mapper.apply(row));
        }
        return list;
    }

    static boolean isDuplicate(Throwable e) {
        return e instanceof MySQLException m && m.getErrorCode() == DUPLICATE_ENTRY;
    }

    static boolean isLockConflict(Throwable e) {
        return e instanceof MySQLException m && (m.getErrorCode() == DEADLOCK || m.getErrorCode() == LOCK_WAIT_TIMEOUT);
    }
}
