package com.ewallet.wallet.service;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import com.ewallet.wallet.Account;
import com.ewallet.wallet.MoneyConfig;

/** Money settings for service-level tests: tier 1 holds at most 1,000 and sends at most 500 a day. */
final class TestMoneyConfig implements MoneyConfig {

    static final long MAX_AMOUNT = 10_000;

    @Override
    public Money money() {
        return new Money() {
            @Override
            public long maxAmount() {
                return MAX_AMOUNT;
            }

            @Override
            public int accountCacheSize() {
                return 0;
            }
        };
    }

    @Override
    public Map<String, Tier> tiers() {
        return Map.of("1", tier(1_000, 500), "2", tier(100_000, 50_000));
    }

    @Override
    public Batching batching() {
        return new Batching() {
            @Override
            public boolean enabled() {
                return false;
            }

            @Override
            public int maxSize() {
                return 1;
            }

            @Override
            public Duration stallAfter() {
                return Duration.ofSeconds(1);
            }

            @Override
            public int sharedLanes() {
                return 0;
            }
        };
    }

    @Override
    public WarmUp warmUp() {
        return new WarmUp() {
            @Override
            public Duration duration() {
                return Duration.ZERO;
            }

            @Override
            public int clients() {
                return 1;
            }
        };
    }

    @Override
    public Idempotency idempotency() {
        return () -> Duration.ofDays(2);
    }

    @Override
    public History history() {
        return new History() {
            @Override
            public int defaultLimit() {
                return 20;
            }

            @Override
            public int maxLimit() {
                return 100;
            }
        };
    }

    @Override
    public Bank bank() {
        return new Bank() {
            @Override
            public Optional<Duration> autoSettleAfter() {
                return Optional.empty();
            }

            @Override
            public String settleEvery() {
                return "5s";
            }
        };
    }

    static Account account(int tier, long balance, LocalDate outDay, long outTotal) {
        Account account = new Account();
        account.tier = tier;
        account.balance = balance;
        account.dailyOutDay = outDay;
        account.dailyOutTotal = outTotal;
        return account;
    }

    private static Tier tier(long maxBalance, long dailyOut) {
        return new Tier() {
            @Override
            public long maxBalance() {
                return maxBalance;
            }

            @Override
            public long dailyOutgoingLimit() {
                return dailyOut;
            }
        };
    }
}
