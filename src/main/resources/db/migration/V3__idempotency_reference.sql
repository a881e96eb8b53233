-- A successful movement's Idempotency-Key now records the movement's reference instead of its response body:
-- the key is inserted first in the money transaction (before the account row is locked), when the response is
-- not known yet, and a replay rebuilds the answer from the ledger rows of that reference. Refusals still store
-- their response body.
ALTER TABLE idempotency_keys ADD COLUMN reference VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL;
