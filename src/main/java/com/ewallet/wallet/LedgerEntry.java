package com.ewallet.wallet;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One balance change, written in the same transaction as the change; never updated or deleted. */
@Entity
@Table(name = "ledger_entries")
public class LedgerEntry {

    public enum Activity {
        TOPUP, BANK_TRANSFER, BANK_REFUND, WALLET_TRANSFER, VTU, VTU_REFUND
    }

    public enum Direction {
        CREDIT, DEBIT
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "account_id", nullable = false)
    public long accountId;

    @Column(nullable = false, length = 32)
    public String reference;

    @Column(nullable = false, length = 16)
    public String activity;

    @Column(nullable = false, length = 6)
    public String direction;

    @Column(nullable = false)
    public long amount;

    @Column(name = "balance_before", nullable = false)
    public long balanceBefore;

    @Column(name = "balance_after", nullable = false)
    public long balanceAfter;

    @Column(length = 64)
    public String counterparty;

    /** The client data ({@code ipAddress}, {@code location}, {@code userAgent}) is on the author's own row only. */
    @Column(name = "ip_address", length = 45)
    public String ipAddress;

    @Column(length = 100)
    public String location;

    @Column(name = "user_agent", length = 255)
    public String userAgent;

    @Column(name = "remote_address", length = 45)
    public String remoteAddress;

    @Column(name = "author_user_id", nullable = false)
    public long authorUserId;

    /** The developer app that made the movement; null for the user's own /api session. */
    @Column(name = "app_id")
    public Long appId;

    @Column(name = "created_at", nullable = false)
    public LocalDateTime createdAt;
}
