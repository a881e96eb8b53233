package com.ewallet.common;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** All stored times are UTC wall-clock values (DATETIME(6) columns). */
public final class Clock {

    private Clock() {
    }

    public static LocalDateTime nowUtc() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }
}
