-- Retention (issue 26 item 3): records kept only as long as the council's schedule says
-- (services/usecases/include/ycr/services/retention.h), then anonymised in place; legal holds stop that; each
-- run's report is kept.

-- When a record was anonymised: the stub keeps only what the commissioners' figures read (gender,
-- ethnicity, date of birth, school, the postcode's outward code), so the counts do not move, and the
-- match index and the name search leave it out.
ALTER TABLE young_carers ADD COLUMN anonymised_at TEXT;

-- A hold placed by the data protection role (a complaint, litigation, an inquiry, a police request):
-- while one is unreleased the record is never anonymised.
CREATE TABLE legal_holds (
  id              INTEGER PRIMARY KEY,
  young_carer_id  INTEGER NOT NULL REFERENCES young_carers(id),
  reason          TEXT NOT NULL,
  placed_by       INTEGER REFERENCES users(id),   -- NULL: the command line
  placed_at       TEXT NOT NULL,
  released_by     INTEGER REFERENCES users(id),
  released_at     TEXT,
  release_reason  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX legal_holds_by_young_carer ON legal_holds(young_carer_id, released_at);

-- What each retention run did (or, for a dry run, would have done): counts and record ids, no names.
CREATE TABLE retention_runs (
  id        INTEGER PRIMARY KEY,
  run_at    TEXT NOT NULL,
  dry_run   INTEGER NOT NULL,
  started_by TEXT NOT NULL,   -- "schedule", "command line (USER)" or "user N"
  report    TEXT NOT NULL     -- JSON, as GET /api/v1/retention/runs shows it
);
CREATE INDEX retention_runs_by_time ON retention_runs(run_at);
