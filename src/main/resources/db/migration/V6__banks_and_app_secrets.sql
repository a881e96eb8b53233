-- Banks become data: the e-wallet seed's Indonesian banks and the common Nigerian banks with their CBN codes. A bank
-- transfer from either channel may go to any active bank.
CREATE TABLE banks (
    code    VARCHAR(16)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    name    VARCHAR(100) NOT NULL,
    country VARCHAR(2)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    active  BIT(1)       NOT NULL DEFAULT b'1',
    PRIMARY KEY (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO banks (code, name, country) VALUES
    ('bni', 'Bank Negara Indonesia', 'ID'),
    ('bri', 'Bank Rakyat Indonesia', 'ID'),
    ('mandiri', 'Bank Mandiri', 'ID'),
    ('044', 'Access Bank', 'NG'),
    ('023', 'Citibank Nigeria', 'NG'),
    ('050', 'Ecobank Nigeria', 'NG'),
    ('070', 'Fidelity Bank', 'NG'),
    ('011', 'First Bank of Nigeria', 'NG'),
    ('214', 'First City Monument Bank', 'NG'),
    ('058', 'Guaranty Trust Bank', 'NG'),
    ('030', 'Heritage Bank', 'NG'),
    ('301', 'Jaiz Bank', 'NG'),
    ('082', 'Keystone Bank', 'NG'),
    ('076', 'Polaris Bank', 'NG'),
    ('101', 'Providus Bank', 'NG'),
    ('221', 'Stanbic IBTC Bank', 'NG'),
    ('068', 'Standard Chartered Bank', 'NG'),
    ('232', 'Sterling Bank', 'NG'),
    ('032', 'Union Bank of Nigeria', 'NG'),
    ('033', 'United Bank for Africa', 'NG'),
    ('215', 'Unity Bank', 'NG'),
    ('035', 'Wema Bank', 'NG'),
    ('057', 'Zenith Bank', 'NG');

-- An app's secret (for the Eyowo SDKs' encrypted bodies) must be read back to decrypt, so it is stored encrypted
-- (AES-GCM under the key-encryption key named by wallet.developer.secret-kek-location), never in clear. Apps created
-- before this have none until an admin rotates it.
ALTER TABLE apps ADD COLUMN secret_enc VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NULL AFTER key_hash;
