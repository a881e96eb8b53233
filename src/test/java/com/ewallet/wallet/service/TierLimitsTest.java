package com.ewallet.wallet.service;

import static com.ewallet.wallet.service.TestMoneyConfig.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.ewallet.common.ApiException;
import com.ewallet.wallet.Account;

/** The tier rules on their own (the HTTP tests reach them through locked rows under concurrency). */
class TierLimitsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    private final TierLimits tiers = new TierLimits(new TestMoneyConfig());

    @Test
    void aCreditUpToTheTierMaximumIsAllowedAndOneMinorUnitMoreIsRefused() {
        tiers.checkCredit(account(1, 400, null, 0), 600, false);
        assertThat(code(() -> tiers.checkCredit(account(1, 400, null, 0), 601, false))).isEqualTo("BALANCE_LIMIT");
        assertThat(code(() -> tiers.checkCredit(account(1, 400, null, 0), 601, true)))
                .isEqualTo("RECIPIENT_BALANCE_LIMIT");
    }

    @Test
    void aCreditNearLongMaxDoesNotOverflowIntoAcceptance() {
        assertThat(code(() -> tiers.checkCredit(account(1, 400, null, 0), Long.MAX_VALUE, false)))
                .isEqualTo("BALANCE_LIMIT");
    }

    @Test
    void aDebitCountsIntoTodaysTotalAndStopsAtTheDailyLimit() {
        Account account = account(1, 1_000, null, 0);
        tiers.debit(account, 300, TODAY);
        tiers.debit(account, 200, TODAY);
        assertThat(account.dailyOutDay).isEqualTo(TODAY);
        assertThat(account.dailyOutTotal).isEqualTo(500);
        assertThat(code(() -> tiers.debit(account, 1, TODAY))).isEqualTo("DAILY_LIMIT");
        assertThat(account.dailyOutTotal).as("a refused debit counts nothing").isEqualTo(500);
    }

    @Test
    void yesterdaysTotalDoesNotCountToday() {
        Account account = account(1, 1_000, TODAY.minusDays(1), 500);
        tiers.debit(account, 500, TODAY);
        assertThat(account.dailyOutTotal).isEqualTo(500);
    }

    @Test
    void moreThanTheBalanceIsRefusedBeforeTheDailyLimit() {
        assertThat(code(() -> tiers.debit(account(1, 100, null, 0), 101, TODAY))).isEqualTo("INSUFFICIENT_FUNDS");
    }

    @Test
    void aHigherTierHasItsOwnLimits() {
        Account account = account(2, 50_000, null, 0);
        tiers.debit(account, 40_000, TODAY);
        tiers.checkCredit(account, 50_000, false);
        assertThat(code(() -> tiers.debit(account, 10_001, TODAY))).isEqualTo("DAILY_LIMIT");
    }

    @Test
    void anAccountOfAnUnconfiguredTierIsAServerFaultNotARefusal() {
        assertThatThrownBy(() -> tiers.checkCredit(account(7, 0, null, 0), 1, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tier 7");
    }

    private static String code(Runnable check) {
        try {
            check.run();
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(400);
            return e.body().code();
        }
        throw new AssertionError("expected a refusal");
    }
}
