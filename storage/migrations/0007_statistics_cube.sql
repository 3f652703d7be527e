-- Precomputed counts for commissioners (storage/src/stats_cube.h explains the scheme). Triggers only
-- mark the young carer whose records changed; the writing transaction recomputes that young carer's
-- contribution to stats_cells before it commits, so the counts never lag the records.

-- Young carers whose records changed in the current transaction.
CREATE TABLE stats_pending (
  young_carer_id  INTEGER PRIMARY KEY
);

-- What each young carer currently adds to stats_cells, so a change can take exactly that away.
CREATE TABLE stats_children (
  young_carer_id  INTEGER PRIMARY KEY,
  facts           TEXT NOT NULL
);

-- measure: Measure index; d1 < d2: Dimension index + 1 (0: none); month: year * 12 + month - 1, or
-- 60000 + year for the same figures summed over the year.
CREATE TABLE stats_cells (
  measure  INTEGER NOT NULL,
  d1       INTEGER NOT NULL,
  d2       INTEGER NOT NULL,
  month    INTEGER NOT NULL,
  v1       TEXT NOT NULL,
  v2       TEXT NOT NULL,
  n        INTEGER NOT NULL,
  PRIMARY KEY (measure, d1, d2, month, v1, v2)
) WITHOUT ROWID;

CREATE TRIGGER stats_pending_young_carer_insert AFTER INSERT ON young_carers
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) VALUES (NEW.id);
END;
CREATE TRIGGER stats_pending_young_carer_update AFTER UPDATE ON young_carers
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) VALUES (NEW.id);
END;
CREATE TRIGGER stats_pending_referral_insert AFTER INSERT ON referrals
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) VALUES (NEW.young_carer_id);
END;
CREATE TRIGGER stats_pending_referral_update AFTER UPDATE ON referrals
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) VALUES (NEW.young_carer_id), (OLD.young_carer_id);
END;
CREATE TRIGGER stats_pending_cared_for_insert AFTER INSERT ON cared_for_people
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) VALUES (NEW.young_carer_id);
END;
CREATE TRIGGER stats_pending_cared_for_update AFTER UPDATE ON cared_for_people
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) VALUES (NEW.young_carer_id), (OLD.young_carer_id);
END;
CREATE TRIGGER stats_pending_case_event_insert AFTER INSERT ON case_events
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) SELECT young_carer_id FROM cases WHERE id = NEW.case_id;
END;
CREATE TRIGGER stats_pending_case_event_update AFTER UPDATE ON case_events
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id)
  SELECT young_carer_id FROM cases WHERE id IN (NEW.case_id, OLD.case_id);
END;
CREATE TRIGGER stats_pending_case_update AFTER UPDATE OF young_carer_id ON cases
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) VALUES (NEW.young_carer_id), (OLD.young_carer_id);
END;
CREATE TRIGGER stats_pending_id_card_insert AFTER INSERT ON id_cards
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) VALUES (NEW.young_carer_id);
END;
CREATE TRIGGER stats_pending_id_card_update AFTER UPDATE OF issued, young_carer_id ON id_cards
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) VALUES (NEW.young_carer_id), (OLD.young_carer_id);
END;

-- A register that already has records: the first write after the migration counts them all.
INSERT INTO stats_pending(young_carer_id) SELECT id FROM young_carers;
