-- Commissioners' counts by MACA-YC18 band, and the short-breaks indicator.

-- The band of a completed assessment's MACA-YC18 score ('' when none was taken). Rows written before
-- this migration are NULL until the service scores them at start (Assessments::recordMissingBands).
ALTER TABLE assessments ADD COLUMN maca_band TEXT;

-- A young carer's band is that of their latest completed assessment: mark them for the counts
-- (migration 0007's scheme) whenever an assessment of theirs is completed, changed or moved.
CREATE TRIGGER stats_pending_assessment_insert AFTER INSERT ON assessments
  WHEN NEW.status = 'completed'
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) VALUES (NEW.young_carer_id);
END;
CREATE TRIGGER stats_pending_assessment_update AFTER UPDATE OF status, maca_band, completed_at, young_carer_id
  ON assessments
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) VALUES (NEW.young_carer_id), (OLD.young_carer_id);
END;

-- Short breaks in support plans, found by type and start without reading every plan item.
CREATE INDEX support_plan_items_by_type ON support_plan_items(type, start_on, plan_id);

-- The transition indicator asks, for each open case of a 16-17 year old, whether it has entered
-- transition by a day: one index probe per case instead of reading every transition event.
CREATE INDEX case_events_by_case_to_state ON case_events(case_id, to_state, at);
