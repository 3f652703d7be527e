-- Precomputed inputs of the commissioners' indicator report (storage/src/indicator_facts.h explains the
-- scheme). Like the counts (0007), they are recomputed per young carer from the records when the
-- young carer is marked in stats_pending, before the writing transaction commits.

-- Each referral's intake event: the day the referral was received, the UK day of the intake event when
-- that was before the receipt day (NULL otherwise), and the UK day of the case's next step, if any.
CREATE TABLE kpi_decisions (
  event_id        INTEGER PRIMARY KEY,
  young_carer_id  INTEGER NOT NULL,
  received_day    TEXT NOT NULL,
  early_day       TEXT,
  decided_day     TEXT
);
CREATE INDEX kpi_decisions_by_young_carer ON kpi_decisions(young_carer_id);
-- The same, counted per (received, early, decided) day: what the report reads. '' stands for NULL.
CREATE TABLE kpi_decision_days (
  received_day  TEXT NOT NULL,
  early_day     TEXT NOT NULL,
  decided_day   TEXT NOT NULL,
  n             INTEGER NOT NULL,
  PRIMARY KEY (received_day, early_day, decided_day)
) WITHOUT ROWID;

-- Each step that schedules a review (a plan agreed, a review that continued support): its UK day, and
-- the step that ended the wait ('<event> <UK day>' of the review, closure or transition; NULL while none).
CREATE TABLE kpi_review_waits (
  event_id        INTEGER PRIMARY KEY,
  young_carer_id  INTEGER NOT NULL,
  scheduled_day   TEXT NOT NULL,
  ended           TEXT
);
CREATE INDEX kpi_review_waits_by_young_carer ON kpi_review_waits(young_carer_id);
CREATE TABLE kpi_review_days (
  scheduled_day  TEXT NOT NULL,
  ended          TEXT NOT NULL,
  n              INTEGER NOT NULL,
  PRIMARY KEY (scheduled_day, ended)
) WITHOUT ROWID;

-- Stocks on a day by date of birth: kind 1 open cases, 2 open cases that have entered transition,
-- 3 young carers eligible for an ID card (open case now, not merged) without an active card valid on
-- the day, 4 active ID cards. A unit adds delta from `day` on, so the stock on day D of those born in
-- a range is the sum of delta over their points with day <= D.
CREATE TABLE kpi_points (
  young_carer_id  INTEGER NOT NULL,
  kind            INTEGER NOT NULL,
  dob             TEXT NOT NULL,
  day             TEXT NOT NULL,
  delta           INTEGER NOT NULL
);
CREATE INDEX kpi_points_by_young_carer ON kpi_points(young_carer_id);
CREATE INDEX kpi_points_by_dob ON kpi_points(kind, dob, day, delta);
CREATE INDEX kpi_points_by_day ON kpi_points(kind, day, dob, delta);
-- kpi_points summed per (month of birth, month of day), so whole months are read as one row each.
CREATE TABLE kpi_point_cells (
  kind       INTEGER NOT NULL,
  dob_month  TEXT NOT NULL,
  day_month  TEXT NOT NULL,
  n          INTEGER NOT NULL,
  PRIMARY KEY (kind, dob_month, day_month)
) WITHOUT ROWID;

-- Revoking, replacing or renewing a card and moving a case change the ID card indicator: mark the young
-- carer (0007 marks only what the counts needed).
CREATE TRIGGER stats_pending_id_card_status AFTER UPDATE OF status, expires ON id_cards
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) VALUES (NEW.young_carer_id), (OLD.young_carer_id);
END;
CREATE TRIGGER stats_pending_case_state AFTER UPDATE OF state ON cases
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) VALUES (NEW.young_carer_id), (OLD.young_carer_id);
END;

-- The needs assessments completed in a period, with whether each was late, from the index alone.
CREATE INDEX case_events_assessments_completed ON case_events(at, late) WHERE event = 'complete_assessment';

-- Existing records: the settle that follows the migration computes the facts of every young carer.
INSERT OR IGNORE INTO stats_pending(young_carer_id) SELECT id FROM young_carers;
