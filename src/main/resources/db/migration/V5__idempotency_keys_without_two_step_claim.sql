-- The two-step Idempotency-Key claim (an IN_FLIGHT row with a claim and a deadline, then the answer) was replaced in
-- V3 by the key as the first row of the money transaction, before any deployment ran it. Its rows and columns go:
-- a key now holds either the reference of the movement it made, or the status and body of the refusal it got.
DELETE FROM idempotency_keys
 WHERE state <> 'DONE' OR (reference IS NULL AND (response_body IS NULL OR response_status < 300));
UPDATE idempotency_keys SET response_status = NULL, response_body = NULL WHERE reference IS NOT NULL;
ALTER TABLE idempotency_keys DROP CONSTRAINT ck_idempotency_state;
ALTER TABLE idempotency_keys DROP COLUMN state, DROP COLUMN claim, DROP COLUMN locked_until;
