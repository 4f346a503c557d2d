-- Accounts: disabling users, and a security stamp that changes when existing sessions must end.
ALTER TABLE users ADD COLUMN disabled_at timestamptz;
ALTER TABLE users ADD COLUMN security_stamp text NOT NULL DEFAULT '';
UPDATE users SET security_stamp = md5(random()::text || clock_timestamp()::text);
