-- The register's first schema. Times are ISO 8601 UTC text ("2026-11-22T10:00:00Z"),
-- dates ISO text ("2012-04-03"), both of which sort correctly as text.

CREATE TABLE organisations (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,
  name        TEXT NOT NULL UNIQUE,
  identifier  TEXT NOT NULL DEFAULT '',
  district    TEXT NOT NULL DEFAULT '',
  active      INTEGER NOT NULL DEFAULT 1,
  created_at  TEXT NOT NULL
);

CREATE TABLE users (
  id               INTEGER PRIMARY KEY,
  username         TEXT NOT NULL UNIQUE,
  display_name     TEXT NOT NULL DEFAULT '',
  role             TEXT NOT NULL,
  organisation_id  INTEGER NOT NULL REFERENCES organisations(id),
  password_hash    TEXT NOT NULL,
  active           INTEGER NOT NULL DEFAULT 1,
  created_at       TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash    TEXT PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users(id),
  created_at    TEXT NOT NULL,
  last_seen_at  TEXT NOT NULL,
  expires_at    TEXT NOT NULL,
  revoked       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE TABLE young_carers (
  id                   INTEGER PRIMARY KEY,
  given_name           TEXT NOT NULL,
  family_name          TEXT NOT NULL,
  preferred_name       TEXT NOT NULL DEFAULT '',
  search_key           TEXT NOT NULL,           -- folded names for case- and accent-insensitive search
  identity_key         TEXT NOT NULL,           -- folded given|family|dob|postcode for exact matching
  date_of_birth        TEXT NOT NULL,
  gender               TEXT NOT NULL DEFAULT '',
  ethnicity            TEXT NOT NULL DEFAULT '',
  address              TEXT NOT NULL DEFAULT '',
  postcode             TEXT NOT NULL DEFAULT '',
  school_urn           TEXT NOT NULL DEFAULT '',
  gp_practice_ods      TEXT NOT NULL DEFAULT '',
  nhs_number           TEXT NOT NULL DEFAULT '',
  communication_needs  TEXT NOT NULL DEFAULT '',
  young_adult_carer    INTEGER NOT NULL DEFAULT 0,
  merged_into          INTEGER REFERENCES young_carers(id),
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
);
CREATE INDEX young_carers_by_identity ON young_carers(identity_key);
CREATE INDEX young_carers_by_dob ON young_carers(date_of_birth);
CREATE INDEX young_carers_by_postcode ON young_carers(postcode);

CREATE TABLE referrals (
  id                    INTEGER PRIMARY KEY,
  reference             TEXT NOT NULL UNIQUE,
  organisation_id       INTEGER NOT NULL REFERENCES organisations(id),
  route                 TEXT NOT NULL,
  referrer_user_id      INTEGER REFERENCES users(id),
  received_at           TEXT NOT NULL,
  recorded_at           TEXT NOT NULL,
  young_carer_id        INTEGER NOT NULL REFERENCES young_carers(id),
  case_id               INTEGER REFERENCES cases(id),
  caring_summary        TEXT NOT NULL DEFAULT '',
  young_person_aware    INTEGER NOT NULL DEFAULT 0,
  parent_aware          INTEGER NOT NULL DEFAULT 0,
  safeguarding_concern  INTEGER NOT NULL DEFAULT 0,
  safeguarding_detail   TEXT NOT NULL DEFAULT '',
  described_given_name  TEXT NOT NULL DEFAULT '',
  described_family_name TEXT NOT NULL DEFAULT '',
  described_date_of_birth TEXT NOT NULL DEFAULT '',
  described_postcode    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX referrals_by_organisation ON referrals(organisation_id, received_at);
CREATE INDEX referrals_by_case ON referrals(case_id);
CREATE INDEX referrals_by_received ON referrals(received_at);

CREATE TABLE cared_for_people (
  id                          INTEGER PRIMARY KEY,
  young_carer_id              INTEGER NOT NULL REFERENCES young_carers(id),
  referral_id                 INTEGER REFERENCES referrals(id),
  relationship                TEXT NOT NULL,
  conditions                  TEXT NOT NULL DEFAULT '',   -- comma-separated Condition spellings
  lives_with_young_carer      INTEGER NOT NULL DEFAULT 1,
  known_to_adult_social_care  INTEGER NOT NULL DEFAULT 0,
  adult_social_care_reference TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cared_for_by_young_carer ON cared_for_people(young_carer_id);

-- One case per young carer, ever: a closed case is reopened, never duplicated.
CREATE TABLE cases (
  id                 INTEGER PRIMARY KEY,
  young_carer_id     INTEGER NOT NULL UNIQUE REFERENCES young_carers(id),
  state              TEXT NOT NULL,
  close_reason       TEXT,
  owner_team         TEXT NOT NULL DEFAULT '',
  owner_user_id      INTEGER REFERENCES users(id),
  next_action        TEXT NOT NULL DEFAULT '',
  next_action_due    TEXT,
  referral_received  TEXT NOT NULL,   -- date the current episode's referral was received; clocks run from it
  safeguarding_escalated TEXT,
  safeguarding_returned  TEXT,
  planning_from      TEXT,
  plan_agreed        TEXT,
  review_due         TEXT,
  opened_at          TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  version            INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX cases_by_state_due ON cases(state, next_action_due);
CREATE INDEX cases_by_owner_due ON cases(owner_user_id, next_action_due);
CREATE INDEX cases_by_due ON cases(next_action_due);

CREATE TABLE case_events (
  id             INTEGER PRIMARY KEY,
  case_id        INTEGER NOT NULL REFERENCES cases(id),
  at             TEXT NOT NULL,
  actor_user_id  INTEGER REFERENCES users(id),
  event          TEXT NOT NULL,
  from_state     TEXT NOT NULL,
  to_state       TEXT NOT NULL,
  reason         TEXT NOT NULL DEFAULT '',
  close_reason   TEXT,
  late           INTEGER NOT NULL DEFAULT 0,
  late_reason    TEXT NOT NULL DEFAULT '',
  referral_id    INTEGER REFERENCES referrals(id)
);
CREATE INDEX case_events_by_case ON case_events(case_id, id);

CREATE TABLE case_tasks (
  id                   INTEGER PRIMARY KEY,
  case_id              INTEGER NOT NULL REFERENCES cases(id),
  kind                 TEXT NOT NULL,
  description          TEXT NOT NULL,
  assigned_to          TEXT NOT NULL DEFAULT '',
  due                  TEXT NOT NULL,
  status               TEXT NOT NULL DEFAULT 'open',
  cared_for_person_id  INTEGER REFERENCES cared_for_people(id),
  created_at           TEXT NOT NULL
);
CREATE INDEX case_tasks_by_case ON case_tasks(case_id);

-- Append-only and hash-chained: each row's hash covers its content and the previous hash,
-- so editing or deleting any row breaks the chain (`ycr audit verify`).
CREATE TABLE audit_events (
  seq                    INTEGER PRIMARY KEY,
  at                     TEXT NOT NULL,
  actor_user_id          INTEGER,
  actor_organisation_id  INTEGER,
  action                 TEXT NOT NULL,
  record_type            TEXT NOT NULL DEFAULT '',
  record_id              TEXT NOT NULL DEFAULT '',
  outcome                TEXT NOT NULL,
  reason                 TEXT NOT NULL DEFAULT '',
  detail                 TEXT NOT NULL DEFAULT '',
  prev_hash              TEXT NOT NULL,
  hash                   TEXT NOT NULL
);
CREATE INDEX audit_by_record ON audit_events(record_type, record_id);
CREATE INDEX audit_by_actor ON audit_events(actor_user_id, at);
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
  BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
  BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
