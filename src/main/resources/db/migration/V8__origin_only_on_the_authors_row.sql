-- The client's ip-address, location and User-Agent belong to the author of a movement: the payee's credit row of a
-- wallet transfer no longer copies the payer's (and history shows them only to their author), so they may be empty.
ALTER TABLE ledger_entries MODIFY ip_address VARCHAR(45) NULL, MODIFY location VARCHAR(100) NULL;
