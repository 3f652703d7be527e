-- Tasks for adult social care for the indicator adult_social_care_tasks_on_time (issue 21 item 1;
-- core/src/indicators.cpp has the definition), precomputed per young carer like the other indicator
-- inputs (0009; storage/src/indicator_facts.h), so the report reads one summary row per due day and
-- day taken up instead of every task and its history.

-- Each task of the kinds adult social care is asked for (the cared-for adult's needs assessment, a
-- young adult carer's carer's assessment), not cancelled: its due day and the UK day it was first
-- taken up (its first history row accepting or completing it; for a task moved without history, the
-- day of its last change), NULL while it is open.
CREATE TABLE kpi_tasks (
  task_id         INTEGER PRIMARY KEY,
  young_carer_id  INTEGER NOT NULL,
  due_day         TEXT NOT NULL,
  taken_up_day    TEXT
);
CREATE INDEX kpi_tasks_by_young_carer ON kpi_tasks(young_carer_id);
-- The same, counted per (due, taken up) day: what the report reads. '' stands for NULL.
CREATE TABLE kpi_task_days (
  due_day       TEXT NOT NULL,
  taken_up_day  TEXT NOT NULL,
  n             INTEGER NOT NULL,
  PRIMARY KEY (due_day, taken_up_day)
) WITHOUT ROWID;

-- A task made, moved, cancelled, re-dated or removed, and its history written, mark its case's young carer.
CREATE TRIGGER stats_pending_task_insert AFTER INSERT ON case_tasks
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) SELECT young_carer_id FROM cases WHERE id = NEW.case_id;
END;
CREATE TRIGGER stats_pending_task_update AFTER UPDATE ON case_tasks
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id)
  SELECT young_carer_id FROM cases WHERE id IN (NEW.case_id, OLD.case_id);
END;
CREATE TRIGGER stats_pending_task_delete AFTER DELETE ON case_tasks
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) SELECT young_carer_id FROM cases WHERE id = OLD.case_id;
END;
CREATE TRIGGER stats_pending_task_event_insert AFTER INSERT ON task_events
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) SELECT young_carer_id FROM cases WHERE id = NEW.case_id;
END;
CREATE TRIGGER stats_pending_task_event_update AFTER UPDATE ON task_events
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id)
  SELECT young_carer_id FROM cases WHERE id IN (NEW.case_id, OLD.case_id);
END;
CREATE TRIGGER stats_pending_task_event_delete AFTER DELETE ON task_events
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) SELECT young_carer_id FROM cases WHERE id = OLD.case_id;
END;

-- Existing records: the young carers with a task are counted by the settle that follows.
INSERT OR IGNORE INTO stats_pending(young_carer_id)
  SELECT DISTINCT c.young_carer_id FROM case_tasks t JOIN cases c ON c.id = t.case_id;
