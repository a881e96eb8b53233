package com.ewallet.common;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One progressive delay of {@link Throttles}: the failures of the current streak, when the latest attempt was reserved
 * and the earliest time the next may be.
 */
@Entity
@Table(name = "throttles")
public class Throttle {

    @Id
    @Column(length = 120)
    public String bucket;

    @Column(nullable = false)
    public int failures;

    @Column(name = "last_at", nullable = false)
    public LocalDateTime lastAt;

    @Column(name = "next_at", nullable = false)
    public LocalDateTime nextAt;
}
