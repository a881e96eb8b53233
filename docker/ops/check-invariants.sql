-- Money invariants; every query returns 0 rows / a zero count when the books are right.
-- mariadb -uroot ewallet < docker/ops/check-invariants.sql

SELECT 'accounts whose balance differs from their ledger' AS check_name, COUNT(*) AS violations
FROM (SELECT a.id, a.balance,
             COALESCE(SUM(CASE l.direction WHEN 'CREDIT' THEN l.amount ELSE -l.amount END), 0) AS net
      FROM accounts a LEFT JOIN ledger_entries l ON l.account_id = a.id
      GROUP BY a.id, a.balance) t
WHERE t.balance <> t.net
UNION ALL
SELECT 'negative balances', COUNT(*) FROM accounts WHERE balance < 0
UNION ALL
SELECT 'bank transfers without exactly one debit ledger row', COUNT(*)
FROM bank_transfers b
WHERE (SELECT COUNT(*) FROM ledger_entries l WHERE l.reference = b.reference AND l.activity = 'BANK_TRANSFER') <> 1
UNION ALL
SELECT 'bank debits without their bank transfer row', COUNT(*)
FROM ledger_entries l
WHERE l.activity = 'BANK_TRANSFER' AND NOT EXISTS (SELECT 1 FROM bank_transfers b WHERE b.reference = l.reference)
UNION ALL
SELECT 'wallet transfers not made of one debit and one credit', COUNT(*)
FROM (SELECT reference FROM ledger_entries WHERE activity = 'WALLET_TRANSFER' GROUP BY reference
      HAVING SUM(direction = 'DEBIT') <> 1 OR SUM(direction = 'CREDIT') <> 1
          OR SUM(CASE direction WHEN 'CREDIT' THEN amount ELSE -amount END) <> 0) w
UNION ALL
SELECT 'money made or lost (top-ups - bank transfers and airtime not failed - balances)',
       ABS((SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE activity = 'TOPUP')
         - (SELECT COALESCE(SUM(amount), 0) FROM bank_transfers WHERE status <> 'FAILED')
         - (SELECT COALESCE(SUM(amount), 0) FROM vtu_purchases WHERE status <> 'FAILED')
         - (SELECT COALESCE(SUM(balance), 0) FROM accounts))
UNION ALL
SELECT 'airtime purchases without exactly one debit, or failed ones without exactly one refund', COUNT(*)
FROM vtu_purchases p
WHERE (SELECT COUNT(*) FROM ledger_entries l
       WHERE l.reference = p.reference AND l.activity = 'VTU' AND l.direction = 'DEBIT' AND l.amount = p.amount) <> 1
   OR (SELECT COUNT(*) FROM ledger_entries l
       WHERE l.reference = p.reference AND l.activity = 'VTU_REFUND' AND l.amount = p.amount)
      <> (CASE p.status WHEN 'FAILED' THEN 1 ELSE 0 END)
UNION ALL
SELECT 'idempotency keys whose movement is not in the ledger', COUNT(*)
FROM idempotency_keys k
WHERE k.reference IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM ledger_entries l WHERE l.reference = k.reference)
UNION ALL
SELECT 'idempotency keys that record neither a movement nor a refusal, or both', COUNT(*)
FROM idempotency_keys k
WHERE (k.reference IS NULL) = (k.response_status IS NULL);
