-- Statistics for commissioners: dimension columns computed ONCE, when a referral, a cared-for
-- person or a case event is recorded, so a count over millions of referrals reads one narrow
-- table through a covering index instead of joining and recomputing per row. Triggers keep them
-- in step with the source tables, so no writer has to remember them.
-- Local dates: timestamps are UTC; the UK date adds an hour during British Summer Time (from
-- 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October).

-- One row per referral: the referral's own dimensions and the young carer's at the time.
CREATE TABLE stats_referrals (
  referral_id     INTEGER PRIMARY KEY REFERENCES referrals(id),
  young_carer_id  INTEGER NOT NULL,
  case_id         INTEGER,
  received_day    TEXT NOT NULL,   -- UK local date of receipt
  route           TEXT NOT NULL,
  age_band        TEXT NOT NULL,   -- age at receipt: 5-7, 8-10, 11-13, 14-15, 16-17, 18-25, other
  gender          TEXT NOT NULL,
  ethnicity       TEXT NOT NULL,
  district        TEXT NOT NULL,   -- the postcode's outward code
  school_urn      TEXT NOT NULL
);
-- Covering: a count over a date range never touches the table.
CREATE INDEX stats_referrals_by_day ON stats_referrals(received_day, route, age_band, gender, ethnicity, district,
                                                       school_urn, young_carer_id, case_id);
CREATE INDEX stats_referrals_by_case ON stats_referrals(case_id, received_day);
CREATE INDEX stats_referrals_by_young_carer ON stats_referrals(young_carer_id);

-- One row per (young carer, relationship, condition) of the people they care for: a child who
-- cares for two people with mental ill health counts once under it.
CREATE TABLE stats_care (
  young_carer_id  INTEGER NOT NULL,
  relationship    TEXT NOT NULL,
  condition       TEXT NOT NULL,
  PRIMARY KEY (young_carer_id, relationship, condition)
) WITHOUT ROWID;

-- Episodes of a case (opened by a referral or reopened, until closed or handed over), so "open on
-- a date" is a range test rather than a replay of every case's history.
CREATE TABLE stats_episodes (
  id           INTEGER PRIMARY KEY,
  case_id      INTEGER NOT NULL,
  referral_id  INTEGER,            -- the referral that opened it (or the case's latest, for a reopen)
  opened_day   TEXT NOT NULL,
  closed_day   TEXT
);
CREATE INDEX stats_episodes_by_opened ON stats_episodes(opened_day, closed_day, case_id, referral_id);
CREATE INDEX stats_episodes_by_case ON stats_episodes(case_id, closed_day);

CREATE INDEX case_events_by_event ON case_events(event, at);
CREATE INDEX case_events_by_to_state ON case_events(to_state, at);
CREATE INDEX case_events_by_referral ON case_events(referral_id);

CREATE TRIGGER stats_referrals_on_insert AFTER INSERT ON referrals
BEGIN
  INSERT INTO stats_referrals(referral_id, young_carer_id, case_id, received_day, route, age_band, gender, ethnicity,
                              district, school_urn)
  SELECT NEW.id, NEW.young_carer_id, NEW.case_id, x.d, NEW.route,
         CASE
           WHEN x.age BETWEEN 5 AND 7 THEN '5-7'
           WHEN x.age BETWEEN 8 AND 10 THEN '8-10'
           WHEN x.age BETWEEN 11 AND 13 THEN '11-13'
           WHEN x.age BETWEEN 14 AND 15 THEN '14-15'
           WHEN x.age BETWEEN 16 AND 17 THEN '16-17'
           WHEN x.age BETWEEN 18 AND 25 THEN '18-25'
           ELSE 'other'
         END,
         y.gender, y.ethnicity,
         CASE WHEN instr(y.postcode, ' ') > 0 THEN substr(y.postcode, 1, instr(y.postcode, ' ') - 1) ELSE y.postcode END,
         y.school_urn
  FROM young_carers y,
       (SELECT d, (CAST(substr(d, 1, 4) AS INTEGER) - CAST(substr(dob, 1, 4) AS INTEGER)) -
                  (substr(d, 6, 5) < substr(dob, 6, 5)) AS age
        FROM (SELECT date(NEW.received_at,
                          CASE WHEN NEW.received_at >= date(substr(NEW.received_at, 1, 4) || '-03-25', 'weekday 0') || 'T01:00:00Z'
                                AND NEW.received_at < date(substr(NEW.received_at, 1, 4) || '-10-25', 'weekday 0') || 'T01:00:00Z'
                               THEN '+1 hour' ELSE '+0 hours' END) AS d,
                     (SELECT date_of_birth FROM young_carers WHERE id = NEW.young_carer_id) AS dob)) x
  WHERE y.id = NEW.young_carer_id;
END;

CREATE TRIGGER stats_referrals_on_case AFTER UPDATE OF case_id ON referrals
BEGIN
  UPDATE stats_referrals SET case_id = NEW.case_id WHERE referral_id = NEW.id;
END;

-- Corrections to a young carer's record correct the statistics of all their referrals.
CREATE TRIGGER stats_referrals_on_young_carer AFTER UPDATE OF gender, ethnicity, postcode, school_urn, date_of_birth
  ON young_carers
BEGIN
  UPDATE stats_referrals SET
    gender = NEW.gender,
    ethnicity = NEW.ethnicity,
    district = CASE WHEN instr(NEW.postcode, ' ') > 0 THEN substr(NEW.postcode, 1, instr(NEW.postcode, ' ') - 1)
                    ELSE NEW.postcode END,
    school_urn = NEW.school_urn,
    age_band = (SELECT CASE
                  WHEN a BETWEEN 5 AND 7 THEN '5-7'
                  WHEN a BETWEEN 8 AND 10 THEN '8-10'
                  WHEN a BETWEEN 11 AND 13 THEN '11-13'
                  WHEN a BETWEEN 14 AND 15 THEN '14-15'
                  WHEN a BETWEEN 16 AND 17 THEN '16-17'
                  WHEN a BETWEEN 18 AND 25 THEN '18-25'
                  ELSE 'other' END
                FROM (SELECT (CAST(substr(received_day, 1, 4) AS INTEGER) - CAST(substr(NEW.date_of_birth, 1, 4) AS INTEGER)) -
                             (substr(received_day, 6, 5) < substr(NEW.date_of_birth, 6, 5)) AS a))
  WHERE young_carer_id = NEW.id;
END;

CREATE TRIGGER stats_care_on_insert AFTER INSERT ON cared_for_people
BEGIN
  INSERT OR IGNORE INTO stats_care(young_carer_id, relationship, condition)
  SELECT NEW.young_carer_id, NEW.relationship, v.column1
  FROM (VALUES ('physical_illness_or_disability'), ('mental_ill_health'), ('sensory'), ('learning_disability'),
               ('alcohol'), ('drugs'), ('frailty'), ('long_term_illness'), ('other')) v
  WHERE instr(',' || NEW.conditions || ',', ',' || v.column1 || ',') > 0;
  INSERT OR IGNORE INTO stats_care(young_carer_id, relationship, condition)
  SELECT NEW.young_carer_id, NEW.relationship, 'not_recorded' WHERE NEW.conditions = '';
END;

-- A referral that opens or reopens a case starts an episode on the day it was received.
CREATE TRIGGER stats_episodes_on_referral AFTER INSERT ON case_events
  WHEN NEW.event IN ('referral_received', 'reopened_by_referral')
BEGIN
  INSERT INTO stats_episodes(case_id, referral_id, opened_day)
  SELECT NEW.case_id, NEW.referral_id, COALESCE((SELECT received_day FROM stats_referrals WHERE referral_id = NEW.referral_id),
                                                date(NEW.at));
END;

CREATE TRIGGER stats_episodes_on_reopen AFTER INSERT ON case_events
  WHEN NEW.event = 'reopen'
BEGIN
  INSERT INTO stats_episodes(case_id, referral_id, opened_day)
  SELECT NEW.case_id, (SELECT MAX(referral_id) FROM stats_referrals WHERE case_id = NEW.case_id),
         date(NEW.at, CASE WHEN NEW.at >= date(substr(NEW.at, 1, 4) || '-03-25', 'weekday 0') || 'T01:00:00Z'
                                AND NEW.at < date(substr(NEW.at, 1, 4) || '-10-25', 'weekday 0') || 'T01:00:00Z'
                           THEN '+1 hour' ELSE '+0 hours' END);
END;

CREATE TRIGGER stats_episodes_on_close AFTER INSERT ON case_events
  WHEN NEW.to_state IN ('closed', 'handed_over') AND NEW.from_state NOT IN ('closed', 'handed_over')
BEGIN
  UPDATE stats_episodes
  SET closed_day = date(NEW.at, CASE WHEN NEW.at >= date(substr(NEW.at, 1, 4) || '-03-25', 'weekday 0') || 'T01:00:00Z'
                                      AND NEW.at < date(substr(NEW.at, 1, 4) || '-10-25', 'weekday 0') || 'T01:00:00Z'
                                 THEN '+1 hour' ELSE '+0 hours' END)
  WHERE case_id = NEW.case_id AND closed_day IS NULL;
END;
