-- Sign-in throttling state, in the database so that every instance serving it shares it (one
-- instance must not grant the guesses another refused). Keys are 'u:<username>' per account and
-- 'a:<address>' per client address. Valid for SQLite and PostgreSQL alike.
CREATE TABLE sign_in_throttle (
  throttle_key     TEXT PRIMARY KEY,
  failures         INTEGER NOT NULL,
  last_failure_at  TEXT NOT NULL,
  locked_until     TEXT NOT NULL DEFAULT ''   -- '' when not locked
);
-- Old entries are forgotten by last failure.
CREATE INDEX sign_in_throttle_by_last_failure ON sign_in_throttle(last_failure_at);
