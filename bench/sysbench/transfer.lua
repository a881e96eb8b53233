#!/usr/bin/env sysbench
-- The database work of one wallet transfer, without HTTP, JSON or JWT: lock and debit the payer row, write
-- the ledger row, the idempotency row and the bank-side row, commit. HOT=1 debits one account every time.
-- sysbench bench/sysbench/transfer.lua --mysql-user=root --mysql-db=ewallet_ceiling [prepare|run]

sysbench.cmdline.options = {
  accounts = { "Number of accounts", 10000 },
  hot = { "Debit account 1 on every transfer", 0 },
}

function prepare()
  local con = sysbench.sql.driver():connect()
  con:query("DROP TABLE IF EXISTS c_accounts, c_ledger, c_idem, c_bank")
  con:query("CREATE TABLE c_accounts (id BIGINT PRIMARY KEY, balance BIGINT NOT NULL) ENGINE=InnoDB")
  con:query([[CREATE TABLE c_ledger (id BIGINT AUTO_INCREMENT PRIMARY KEY, account_id BIGINT NOT NULL,
    reference VARCHAR(32) NOT NULL, activity VARCHAR(16) NOT NULL, direction VARCHAR(6) NOT NULL, amount BIGINT NOT NULL,
    balance_before BIGINT NOT NULL, balance_after BIGINT NOT NULL, counterparty VARCHAR(64), ip_address VARCHAR(45),
    location VARCHAR(100), created_at DATETIME(6) NOT NULL, KEY (account_id, id), KEY (reference)) ENGINE=InnoDB]])
  con:query([[CREATE TABLE c_idem (user_id BIGINT NOT NULL, idem_key VARCHAR(255) NOT NULL, request_hash CHAR(64),
    state VARCHAR(10), response_body TEXT, created_at DATETIME(6), PRIMARY KEY (user_id, idem_key)) ENGINE=InnoDB]])
  con:query([[CREATE TABLE c_bank (id BIGINT AUTO_INCREMENT PRIMARY KEY, reference VARCHAR(32) NOT NULL UNIQUE,
    account_id BIGINT NOT NULL, bank_code VARCHAR(16), amount BIGINT, status VARCHAR(10), created_at DATETIME(6))
    ENGINE=InnoDB]])
  con:query("INSERT INTO c_accounts SELECT seq, 1000000000 FROM seq_1_to_" .. sysbench.opt.accounts)
end

function cleanup()
  local con = sysbench.sql.driver():connect()
  con:query("DROP TABLE IF EXISTS c_accounts, c_ledger, c_idem, c_bank")
end

function thread_init()
  drv = sysbench.sql.driver()
  con = drv:connect()
end

function thread_done()
  con:disconnect()
end

function event()
  local id = sysbench.opt.hot == 1 and 1 or math.random(1, sysbench.opt.accounts)
  seq = (seq or 0) + 1
  local ref = string.format("%08x%08x%08x%08x", os.time() % 2^31, sysbench.tid, seq, math.random(0, 2^31))
  con:query("BEGIN")
  local rs = con:query("SELECT balance FROM c_accounts WHERE id = " .. id .. " FOR UPDATE")
  local balance = tonumber(rs:fetch_row()[1])
  con:query("UPDATE c_accounts SET balance = balance - 1 WHERE id = " .. id)
  con:query(string.format([[INSERT INTO c_ledger (account_id, reference, activity, direction, amount, balance_before,
    balance_after, counterparty, ip_address, location, created_at) VALUES (%d, '%s', 'BANK_TRANSFER', 'DEBIT', 1, %d,
    %d, 'bank:bni', '127.0.0.1', 'bench', NOW(6))]], id, ref, balance, balance - 1))
  con:query(string.format([[INSERT INTO c_bank (reference, account_id, bank_code, amount, status, created_at)
    VALUES ('%s', %d, 'bni', 1, 'PENDING', NOW(6))]], ref, id))
  con:query(string.format([[INSERT INTO c_idem (user_id, idem_key, request_hash, state, response_body, created_at)
    VALUES (%d, '%s', '%s', 'DONE', '{"msg":"transaction success."}', NOW(6))]], id, ref, ref .. ref))
  con:query("COMMIT")
end
