-- Progressive delays (common/Throttles): the failures of a streak, when the latest attempt was reserved and the
-- earliest time the next may be. Login failures per account live here; shared by every replica like rate_counters.
CREATE TABLE throttles (
    bucket   VARCHAR(120) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    failures INT         NOT NULL,
    last_at  DATETIME(6) NOT NULL,
    next_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (bucket),
    KEY ix_throttle_last (last_at)
) ENGINE = InnoDB DEFAULT CHARSET = ascii COLLATE = ascii_bin;
