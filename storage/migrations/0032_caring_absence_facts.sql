-- The education indicator (absence_for_caring_reduced, issue 27 item 2) precomputed per young carer like the
-- other indicator inputs (0009; storage/src/indicator_facts.h), so the report reads a few summary rows, not
-- every term of every young carer: each term measured against the young carer's first recorded term
-- (ycr::caringAbsenceMeasures), and per term end day how many were measured and how many reduced.
CREATE TABLE kpi_caring_absence (
  young_carer_id  INTEGER NOT NULL,
  term_end        TEXT NOT NULL,
  reduced         INTEGER NOT NULL  -- 1 when the share missed for caring fell below the first term's
);
CREATE INDEX kpi_caring_absence_by_young_carer ON kpi_caring_absence(young_carer_id);
CREATE TABLE kpi_caring_absence_terms (
  term_end  TEXT PRIMARY KEY,
  measured  INTEGER NOT NULL,
  reduced   INTEGER NOT NULL
);

-- A term recorded (or corrected) marks its young carer; a merge moving the records marks both.
CREATE TRIGGER stats_pending_school_attendance_insert AFTER INSERT ON school_attendance
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) VALUES (NEW.young_carer_id);
END;
CREATE TRIGGER stats_pending_school_attendance_update AFTER UPDATE ON school_attendance
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) VALUES (NEW.young_carer_id), (OLD.young_carer_id);
END;
CREATE TRIGGER stats_pending_school_attendance_delete AFTER DELETE ON school_attendance
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) VALUES (OLD.young_carer_id);
END;

-- Existing records: the young carers with attendance recorded are counted by the settle that follows.
INSERT OR IGNORE INTO stats_pending(young_carer_id) SELECT DISTINCT young_carer_id FROM school_attendance;
