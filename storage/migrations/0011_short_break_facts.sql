-- Short breaks for the indicator report, precomputed per young carer like the other indicator inputs
-- (0009; storage/src/indicator_facts.h): the days on which a short break in an agreed plan in force was
-- given while the case was open, as intervals, so that the report reads the intervals near its period
-- instead of joining every short break ever planned to its plan and its case's episodes.
CREATE TABLE kpi_short_breaks (
  young_carer_id  INTEGER NOT NULL,
  from_day        TEXT NOT NULL,
  until_day       TEXT NOT NULL   -- inclusive; '9999-12-31' while it has no end
);
CREATE INDEX kpi_short_breaks_by_young_carer ON kpi_short_breaks(young_carer_id);
CREATE INDEX kpi_short_breaks_by_until ON kpi_short_breaks(until_day, from_day, young_carer_id);

-- A plan recorded, agreed or superseded, and its items replaced, mark its case's young carer.
CREATE TRIGGER stats_pending_support_plan_insert AFTER INSERT ON support_plans
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) SELECT young_carer_id FROM cases WHERE id = NEW.case_id;
END;
CREATE TRIGGER stats_pending_support_plan_update AFTER UPDATE ON support_plans
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id)
  SELECT young_carer_id FROM cases WHERE id IN (NEW.case_id, OLD.case_id);
END;
CREATE TRIGGER stats_pending_support_plan_item_insert AFTER INSERT ON support_plan_items
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id)
  SELECT c.young_carer_id FROM support_plans p JOIN cases c ON c.id = p.case_id WHERE p.id = NEW.plan_id;
END;
CREATE TRIGGER stats_pending_support_plan_item_update AFTER UPDATE ON support_plan_items
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id)
  SELECT c.young_carer_id FROM support_plans p JOIN cases c ON c.id = p.case_id
  WHERE p.id IN (NEW.plan_id, OLD.plan_id);
END;
CREATE TRIGGER stats_pending_support_plan_item_delete AFTER DELETE ON support_plan_items
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id)
  SELECT c.young_carer_id FROM support_plans p JOIN cases c ON c.id = p.case_id WHERE p.id = OLD.plan_id;
END;

-- Existing records: the young carers with a short break in any plan are counted by the settle that follows.
INSERT OR IGNORE INTO stats_pending(young_carer_id)
  SELECT DISTINCT c.young_carer_id FROM support_plan_items i JOIN support_plans p ON p.id = i.plan_id
  JOIN cases c ON c.id = p.case_id WHERE i.type = 'short_break';
