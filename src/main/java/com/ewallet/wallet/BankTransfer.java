package com.ewallet.wallet;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Money that left a wallet for a bank: one row per transfer, so no transfer waits on another's lock. */
@Entity
@Table(name = "bank_transfers")
public class BankTransfer {

    public static final String PENDING = "PENDING";
    public static final String SUCCESS = "SUCCESS";
    public static final String FAILED = "FAILED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 32)
    public String reference;

    @Column(name = "account_id", nullable = false)
    public long accountId;

    @Column(name = "app_id")
    public Long appId;

    @Column(name = "bank_code", nullable = false, length = 16)
    public String bankCode;

    @Column(name = "beneficiary_name", length = 100)
    public String beneficiaryName;

    @Column(name = "beneficiary_account", length = 20)
    public String beneficiaryAccount;

    @Column(nullable = false)
    public long amount;

    @Column(nullable = false, length = 10)
    public String status;

    @Column(name = "created_at", nullable = false)
    public LocalDateTime createdAt;

    @Column(name = "settled_at")
    public LocalDateTime settledAt;
}
