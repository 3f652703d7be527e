-- The short breaks indicator counts attendance, no longer plans (issue 27 item 1): a young carer counts
-- on the days of a short break, trip or residential (ycr::isBreak) they attended, once its register is
-- finalised (a finalised register is locked: the fact), while their case was open. Precomputed per young
-- carer like the other indicator inputs (0009; storage/src/indicator_facts.h), as intervals of days, so
-- the report reads the intervals near its period.
CREATE TABLE kpi_breaks_attended (
  young_carer_id  INTEGER NOT NULL,
  from_day        TEXT NOT NULL,
  until_day       TEXT NOT NULL   -- inclusive
);
CREATE INDEX kpi_breaks_attended_by_young_carer ON kpi_breaks_attended(young_carer_id);
CREATE INDEX kpi_breaks_attended_by_until ON kpi_breaks_attended(until_day, from_day, young_carer_id);

-- A place offered, its attendance recorded, or the place removed marks its young carer; a register
-- finalised, or an activity's kind or days corrected, marks everyone with a place on it.
CREATE TRIGGER stats_pending_activity_place_insert AFTER INSERT ON activity_places
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) VALUES (NEW.young_carer_id);
END;
CREATE TRIGGER stats_pending_activity_place_update
AFTER UPDATE OF attendance, young_carer_id, activity_id ON activity_places
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) VALUES (NEW.young_carer_id), (OLD.young_carer_id);
END;
CREATE TRIGGER stats_pending_activity_place_delete AFTER DELETE ON activity_places
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) VALUES (OLD.young_carer_id);
END;
CREATE TRIGGER stats_pending_activity_update AFTER UPDATE OF kind, starts_on, ends_on, finalised_at ON activities
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id)
  SELECT young_carer_id FROM activity_places WHERE activity_id IN (NEW.id, OLD.id);
END;

-- Plans no longer feed any figure: their short-break facts (0011) go, with the triggers that kept them.
DROP TRIGGER stats_pending_support_plan_insert;
DROP TRIGGER stats_pending_support_plan_update;
DROP TRIGGER stats_pending_support_plan_item_insert;
DROP TRIGGER stats_pending_support_plan_item_update;
DROP TRIGGER stats_pending_support_plan_item_delete;
DROP TABLE kpi_short_breaks;

-- Existing records: the young carers with a place on an activity are counted by the settle that follows.
INSERT OR IGNORE INTO stats_pending(young_carer_id) SELECT DISTINCT young_carer_id FROM activity_places;
