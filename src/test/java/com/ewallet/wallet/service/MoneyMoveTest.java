package com.ewallet.wallet.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.ewallet.common.ApiException;
import com.ewallet.wallet.BankDestination;
import com.ewallet.wallet.MoneyMove;

/** The movement types and the checks {@link MoneyService} makes before any database work. */
class MoneyMoveTest {

    private final MoneyService money = new MoneyService(null, null, null, null, new TestMoneyConfig(),
            banks("bni", "bri"), null, null);

    /** The active banks, as the directory would have read them from the table. */
    static BankDirectory banks(String... codes) {
        BankDirectory directory = new BankDirectory(null);
        directory.replace(java.util.Arrays.stream(codes).map(code -> {
            com.ewallet.wallet.Bank bank = new com.ewallet.wallet.Bank();
            bank.code = code;
            bank.name = code.toUpperCase();
            bank.active = true;
            return bank;
        }).toList());
        return directory;
    }

    @Test
    void canonicalFormsStayAsStoredWithIdempotencyKeys() {
        // Keys live for days with the hash of these forms: changing one turns a retry across a deploy into a 422.
        assertThat(new MoneyMove.TopUp(1000).canonical()).isEqualTo("topup|1000");
        assertThat(new MoneyMove.ToWallet(300, "1234567890").canonical()).isEqualTo("transfer|wallet|1234567890|300");
        assertThat(new MoneyMove.ToPhone(300, "6281200000001").canonical()).isEqualTo("v1|phone|6281200000001|300");
        assertThat(new MoneyMove.ToBank(300, BankDestination.bank("BNI")).canonical())
                .isEqualTo("transfer|bank|bni|300");
        assertThat(new MoneyMove.ToBank(300, new BankDestination("bri", "  Alice ", "99887766")).canonical())
                .isEqualTo("v1|bank|bri|99887766|Alice|300");
        assertThat(new MoneyMove.Vtu(5000, "mtn", "2348031234567").canonical()).isEqualTo("vtu|mtn|2348031234567|5000");
    }

    @Test
    void requestsThatDifferInAnyPartHaveDifferentCanonicalForms() {
        assertThat(new MoneyMove.ToWallet(300, "1234567890").canonical())
                .isNotEqualTo(new MoneyMove.ToWallet(301, "1234567890").canonical())
                .isNotEqualTo(new MoneyMove.ToWallet(300, "1234567891").canonical());
        assertThat(new MoneyMove.ToBank(300, new BankDestination("bri", "Alice", "99887766")).canonical())
                .isNotEqualTo(new MoneyMove.ToBank(300, new BankDestination("bri", "Alicia", "99887766")).canonical());
    }

    @Test
    void eachMoveIsCountedUnderItsKind() {
        assertThat(new MoneyMove.TopUp(1).kind()).isEqualTo("topup");
        assertThat(new MoneyMove.ToWallet(1, "1234567890").kind()).isEqualTo("wallet_transfer");
        assertThat(new MoneyMove.ToPhone(1, "6281200000001").kind()).isEqualTo("wallet_transfer");
        assertThat(new MoneyMove.ToBank(1, BankDestination.bank("bni")).kind()).isEqualTo("bank_transfer");
        assertThat(new MoneyMove.Vtu(1, "mtn", "2348031234567").kind()).isEqualTo("vtu");
    }

    @Test
    void amountsOutsideOneToTheMaximumAreRefusedForEveryMove() {
        for (long amount : new long[] { 0, -1, TestMoneyConfig.MAX_AMOUNT + 1, Long.MIN_VALUE }) {
            for (MoneyMove move : new MoneyMove[] { new MoneyMove.TopUp(amount),
                    new MoneyMove.ToWallet(amount, "1234567890"), new MoneyMove.ToPhone(amount, "6281200000001"),
                    new MoneyMove.ToBank(amount, BankDestination.bank("bni")),
                    new MoneyMove.Vtu(amount, "mtn", "2348031234567") }) {
                assertThatThrownBy(() -> money.check(move)).as("%s", move).isInstanceOf(ApiException.class)
                        .hasMessage("AMOUNT_OUT_OF_RANGE");
            }
        }
        assertThatCode(() -> money.check(new MoneyMove.TopUp(TestMoneyConfig.MAX_AMOUNT))).doesNotThrowAnyException();
        assertThatCode(() -> money.check(new MoneyMove.TopUp(1))).doesNotThrowAnyException();
    }

    @Test
    void anUnknownBankIsRefusedUnderTheFieldEachChannelNamesIt() {
        ApiException seed = refusal(new MoneyMove.ToBank(5, BankDestination.bank("mandiri")));
        ApiException developer = refusal(new MoneyMove.ToBank(5, new BankDestination("058", "Alice", "99887766")));
        assertThat(seed.body().code()).isEqualTo("UNKNOWN_BANK");
        assertThat(seed.body().errors()).containsKey("code");
        assertThat(developer.body().errors()).containsKey("bankCode");
        assertThatCode(() -> money.check(new MoneyMove.ToBank(5, BankDestination.bank("BRI"))))
                .as("bank codes are compared in lower case").doesNotThrowAnyException();
    }

    private ApiException refusal(MoneyMove move) {
        try {
            money.check(move);
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected a refusal of " + move);
    }
}
