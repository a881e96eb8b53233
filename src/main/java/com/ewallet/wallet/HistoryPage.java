package com.ewallet.wallet;

import java.time.LocalDateTime;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One page of {@code GET /api/transactions}, newest first; {@code nextCursor} is null on the last page. */
@RegisterForReflection
public record HistoryPage(List<Row> data, String nextCursor) {

    public record Row(String reference, String activity, String direction, long amount, long balanceBefore,
            long balanceAfter, String counterparty, String ipAddress, String location, String userAgent,
            LocalDateTime createdAt) {

        public static Row of(LedgerEntry e) {
            return new Row(e.reference, e.activity, e.direction, e.amount, e.balanceBefore, e.balanceAfter,
                    e.counterparty, e.ipAddress, e.location, e.userAgent, e.createdAt);
        }
    }
}
