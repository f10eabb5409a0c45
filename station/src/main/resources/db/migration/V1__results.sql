-- The results store. One script for H2 2.x and PostgreSQL 15: standard types only, unquoted
-- identifiers (each database folds them its own way, both match unquoted use in queries).

-- One row per flashing attempt. attempt_id is the idempotency key the central copy relies on;
-- seq is this database's own arrival order (a forwarded row gets a new seq centrally).
CREATE TABLE attempts (
    attempt_id        UUID                     NOT NULL PRIMARY KEY,
    seq               BIGINT GENERATED ALWAYS AS IDENTITY NOT NULL UNIQUE,
    station_id        VARCHAR(100)             NOT NULL,
    slot              VARCHAR(200)             NOT NULL,
    probe_kind        VARCHAR(40)              NOT NULL,
    probe_serial      VARCHAR(200)             NOT NULL,
    backend           VARCHAR(10)              NOT NULL CHECK (backend IN ('native', 'openocd')),
    chip_uid          VARCHAR(24),
    part              VARCHAR(40),
    flash_size_kib    INTEGER,
    firmware_version  VARCHAR(100)             NOT NULL,
    firmware_sha256   VARCHAR(64)              NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome           VARCHAR(10)              NOT NULL CHECK (outcome IN ('PASS', 'FAIL', 'ABORTED')),
    reason            VARCHAR(40),
    message           VARCHAR(4000)            NOT NULL,
    -- Milliseconds per FlashPhase; NULL when the phase never ran.
    connect_ms        BIGINT,
    identify_ms       BIGINT,
    check_ms          BIGINT,
    erase_ms          BIGINT,
    program_ms        BIGINT,
    verify_ms         BIGINT,
    reset_ms          BIGINT,
    swd_clock_hz      BIGINT                   NOT NULL,
    bytes_programmed  BIGINT                   NOT NULL,
    -- 1 for the first attempt on this UID in the database that recorded it; NULL without a UID.
    attempt_number    INTEGER,
    CHECK (outcome <> 'PASS' OR reason IS NULL),
    CHECK (outcome <> 'FAIL' OR reason IS NOT NULL),
    CHECK ((chip_uid IS NULL) = (attempt_number IS NULL))
);

CREATE INDEX attempts_chip_uid ON attempts (chip_uid);
CREATE INDEX attempts_ended_at ON attempts (ended_at);

-- The attempt counter per UID: an UPDATE of one row serialises concurrent attempts on the same UID.
CREATE TABLE uid_attempts (
    chip_uid  VARCHAR(24) NOT NULL PRIMARY KEY,
    attempts  INTEGER     NOT NULL
);

-- Rows committed here but not yet confirmed by the central database, in commit order.
CREATE TABLE outbox (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY NOT NULL PRIMARY KEY,
    attempt_id  UUID NOT NULL UNIQUE REFERENCES attempts (attempt_id)
);
