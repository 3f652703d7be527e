-- Assessments (needs, transition, review), their audited amendments, and support plans.
-- The assessment is kept whole as a JSON document (services write and read it); the columns
-- are what queries filter and count on, so no query has to read documents.

CREATE TABLE assessments (
  id                  INTEGER PRIMARY KEY,
  case_id             INTEGER NOT NULL REFERENCES cases(id),
  young_carer_id      INTEGER NOT NULL REFERENCES young_carers(id),
  kind                TEXT NOT NULL,             -- needs_assessment | transition_assessment | review
  status              TEXT NOT NULL,             -- draft | completed
  document            TEXT NOT NULL,             -- the whole assessment, MACA/PANOC answers and version included
  assessor_user_id    INTEGER REFERENCES users(id),
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  completed_at        TEXT,
  wellbeing_improved  INTEGER                    -- completed reviews: 1 or 0; otherwise NULL
);
CREATE INDEX assessments_by_case ON assessments(case_id, id);
CREATE INDEX assessments_by_young_carer ON assessments(young_carer_id, id);
CREATE INDEX assessments_by_kind_status ON assessments(kind, status, completed_at);

-- A completed assessment is changed only with a reason; every change keeps both versions.
CREATE TABLE assessment_amendments (
  id             INTEGER PRIMARY KEY,
  assessment_id  INTEGER NOT NULL REFERENCES assessments(id),
  amended_by     INTEGER REFERENCES users(id),
  amended_at     TEXT NOT NULL,
  reason         TEXT NOT NULL,
  before_json    TEXT NOT NULL,
  after_json     TEXT NOT NULL
);
CREATE INDEX assessment_amendments_by_assessment ON assessment_amendments(assessment_id, id);

-- Versions of a case's support plan: at most one draft; agreeing it supersedes the agreed one.
CREATE TABLE support_plans (
  id             INTEGER PRIMARY KEY,
  case_id        INTEGER NOT NULL REFERENCES cases(id),
  version        INTEGER NOT NULL,
  status         TEXT NOT NULL,                  -- draft | agreed | superseded
  recorded_by    INTEGER REFERENCES users(id),
  recorded_at    TEXT NOT NULL,
  agreed_on      TEXT,
  review_due     TEXT,
  superseded_on  TEXT,
  UNIQUE (case_id, version)
);
CREATE INDEX support_plans_by_case_status ON support_plans(case_id, status);

CREATE TABLE support_plan_items (
  id        INTEGER PRIMARY KEY,
  plan_id   INTEGER NOT NULL REFERENCES support_plans(id),
  position  INTEGER NOT NULL,
  type      TEXT NOT NULL,
  provider  TEXT NOT NULL,
  start_on  TEXT NOT NULL,
  end_on    TEXT,
  notes     TEXT NOT NULL DEFAULT '',
  UNIQUE (plan_id, position)
);
