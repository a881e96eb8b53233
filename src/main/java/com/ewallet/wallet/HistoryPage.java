package com.ewallet.wallet;

import java.time.LocalDateTime;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One page of {@code GET /api/transactions}, newest first; {@code nextCursor} is null on the last page. A row shows the
 * client data it was made with (ip-address, location, User-Agent) only to its author.
 */
@RegisterForReflection
public record HistoryPage(List<Row> data, String nextCursor) {

    public record Row(String reference, String activity, String direction, long amount, long balanceBefore,
            long balanceAfter, String counterparty, String ipAddress, String location, String userAgent,
            LocalDateTime createdAt) {

        public static Row of(LedgerEntry e, long viewerUserId) {
            boolean own = e.authorUserId == viewerUserId;
            return new Row(e.reference, e.activity, e.direction, e.amount, e.balanceBefore, e.balanceAfter,
                    e.counterparty, own ? e.ipAddress : null, own ? e.location : null, own ? e.userAgent : null,
                    e.createdAt);
        }
    }
}
