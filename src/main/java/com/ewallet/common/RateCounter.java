package com.ewallet.common;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One fixed-window counter of {@link RateLimiter}: the hits in the window that started at {@code windowStart}. */
@Entity
@Table(name = "rate_counters")
public class RateCounter {

    @Id
    @Column(length = 120)
    public String bucket;

    @Column(name = "window_start", nullable = false)
    public LocalDateTime windowStart;

    @Column(nullable = false)
    public int hits;
}
