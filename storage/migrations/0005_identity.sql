-- Identity resolution: possible matches waiting for a person, and merges of two records about
-- one child, kept with the rows as they were so that a mistaken merge can be undone exactly.

CREATE TABLE match_reviews (
  id               INTEGER PRIMARY KEY,
  young_carer_id   INTEGER NOT NULL REFERENCES young_carers(id),  -- the newer record
  candidate_id     INTEGER NOT NULL REFERENCES young_carers(id),  -- the record already on the register
  score            REAL NOT NULL,                                  -- log2 likelihood ratio
  evidence         TEXT NOT NULL,                                  -- JSON: per-field explanation
  cautions         TEXT NOT NULL DEFAULT '[]',                     -- JSON: reasons a person must decide
  source           TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected', 'withdrawn')),
  created_at       TEXT NOT NULL,
  decided_at       TEXT,
  decided_by       INTEGER REFERENCES users(id),
  decision_reason  TEXT NOT NULL DEFAULT '',
  merge_id         INTEGER REFERENCES merges(id),
  pair_low         INTEGER NOT NULL,   -- min(young_carer_id, candidate_id): one review per pair
  pair_high        INTEGER NOT NULL,
  UNIQUE (pair_low, pair_high)
);
CREATE INDEX match_reviews_by_status ON match_reviews(status, created_at);
CREATE INDEX match_reviews_by_young_carer ON match_reviews(young_carer_id);
CREATE INDEX match_reviews_by_candidate ON match_reviews(candidate_id);

CREATE TABLE merges (
  id              INTEGER PRIMARY KEY,
  survivor_id     INTEGER NOT NULL REFERENCES young_carers(id),
  absorbed_id     INTEGER NOT NULL REFERENCES young_carers(id),
  merged_at       TEXT NOT NULL,
  merged_by       INTEGER NOT NULL REFERENCES users(id),
  reason          TEXT NOT NULL,
  before_rows     TEXT NOT NULL,   -- JSON: every changed row, every column, typed, as it was
  after_rows      TEXT NOT NULL,   -- JSON: the same rows as the merge left them
  revoked_cards   TEXT NOT NULL DEFAULT '[]',
  undone_at       TEXT,
  undone_by       INTEGER REFERENCES users(id)
);
CREATE INDEX merges_by_survivor ON merges(survivor_id, id);
CREATE INDEX merges_by_absorbed ON merges(absorbed_id, id);

-- A merge (and its undo) moves referrals and the people cared for between records: the
-- statistics tables follow, so a child counts once after a merge and twice again after an undo.
CREATE TRIGGER stats_referrals_on_merge AFTER UPDATE OF young_carer_id ON referrals
BEGIN
  UPDATE stats_referrals SET young_carer_id = NEW.young_carer_id WHERE referral_id = NEW.id;
END;

CREATE TRIGGER stats_care_on_merge AFTER UPDATE OF young_carer_id ON cared_for_people
BEGIN
  DELETE FROM stats_care WHERE young_carer_id IN (OLD.young_carer_id, NEW.young_carer_id);
  INSERT OR IGNORE INTO stats_care(young_carer_id, relationship, condition)
  SELECT p.young_carer_id, p.relationship, v.column1
  FROM cared_for_people p
  JOIN (VALUES ('physical_illness_or_disability'), ('mental_ill_health'), ('sensory'), ('learning_disability'),
               ('alcohol'), ('drugs'), ('frailty'), ('long_term_illness'), ('other')) v
    ON instr(',' || p.conditions || ',', ',' || v.column1 || ',') > 0
  WHERE p.young_carer_id IN (OLD.young_carer_id, NEW.young_carer_id);
  INSERT OR IGNORE INTO stats_care(young_carer_id, relationship, condition)
  SELECT p.young_carer_id, p.relationship, 'not_recorded'
  FROM cared_for_people p
  WHERE p.young_carer_id IN (OLD.young_carer_id, NEW.young_carer_id) AND p.conditions = '';
END;

-- Imports: one row per (source, source reference), so re-running a file creates nothing new.
CREATE TABLE import_rows (
  source          TEXT NOT NULL,
  source_ref      TEXT NOT NULL,
  young_carer_id  INTEGER REFERENCES young_carers(id),
  outcome         TEXT NOT NULL,   -- new | linked | needs_review
  imported_at     TEXT NOT NULL,
  PRIMARY KEY (source, source_ref)
);
