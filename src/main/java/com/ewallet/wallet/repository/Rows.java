package com.ewallet.wallet.repository;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntFunction;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
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

    /**
     * Splits {@code n} rows into chunks whose sizes are powers of two, largest first (37 = 32 + 4 + 1): a multi-row
     * statement then has at most seven shapes per table, which the per-connection prepared-statement cache holds.
     */
    static List<Integer> chunks(int n) {
        List<Integer> sizes = new ArrayList<>();
        for (int size = Integer.highestOneBit(Math.max(n, 1)); size > 0; size >>= 1) {
            if ((n & size) != 0) {
                sizes.add(size);
            }
        }
        return sizes;
    }

    /** {@code row} repeated {@code count} times, comma-separated: the VALUES list of a multi-row statement. */
    static String repeat(String row, int count, String separator) {
        return String.join(separator, Collections.nCopies(count, row));
    }

    /**
     * Runs {@code statement} once per power-of-two chunk of {@code rows} (each row's values in order), one after the
     * other on the transaction's connection.
     */
    static <T> Uni<Void> inChunks(SqlConnection c, List<T> rows, IntFunction<String> statement,
            BiConsumer<T, List<Object>> values) {
        return inChunks(c, rows, statement, values, (chunk, result) -> {
        });
    }

    /** {@link #inChunks}, handing each chunk's result to {@code onResult}. */
    static <T> Uni<Void> inChunks(SqlConnection c, List<T> rows, IntFunction<String> statement,
            BiConsumer<T, List<Object>> values, BiConsumer<List<T>, RowSet<Row>> onResult) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        int from = 0;
        for (int size : chunks(rows.size())) {
            List<T> chunk = rows.subList(from, from + size);
            from += size;
            chain = chain.chain(() -> {
                List<Object> all = new ArrayList<>();
                chunk.forEach(row -> values.accept(row, all));
                return c.preparedQuery(statement.apply(chunk.size())).execute(Tuple.from(all))
                        .invoke(result -> onResult.accept(chunk, result)).replaceWithVoid();
            });
        }
        return chain;
    }

    static boolean isDuplicate(Throwable e) {
        return e instanceof MySQLException m && m.getErrorCode() == DUPLICATE_ENTRY;
    }

    static boolean isLockConflict(Throwable e) {
        return e instanceof MySQLException m && (m.getErrorCode() == DEADLOCK || m.getErrorCode() == LOCK_WAIT_TIMEOUT);
    }
}
