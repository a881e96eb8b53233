package com.ewallet.wallet;

import java.time.LocalDate;
import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A wallet account. The balance is in minor units and only changes together with a ledger row. */
@Entity
@Table(name = "accounts")
public class Account {

    public static final String TYPE_PERSONAL = "personal";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "user_id", nullable = false)
    public long userId;

    @Column(name = "account_number", nullable = false, length = 10)
    public String accountNumber;

    @Column(nullable = false, length = 16)
    public String type;

    @Column(nullable = false)
    public int tier;

    @Column(nullable = false)
    public long balance;

    /** The UTC day {@code dailyOutTotal} counts; an older day means nothing was sent today yet. */
    @Column(name = "daily_out_day")
    public LocalDate dailyOutDay;

    @Column(name = "daily_out_total", nullable = false)
    public long dailyOutTotal;

    @Column(name = "created_at", nullable = false)
    public LocalDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public LocalDateTime updatedAt;
}
