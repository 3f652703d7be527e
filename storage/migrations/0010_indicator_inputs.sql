-- The transition indicator counts 16-17 year olds who have had a transition assessment (a completed
-- transition_assessment), no longer those whose case has entered the transition state.

-- A young carer's completed assessments, read by the settle from the index alone: the transition
-- assessments for the indicator, and the latest MACA-YC18 band for the counts (0008), without walking
-- each assessment's document.
CREATE INDEX assessments_completed_by_young_carer
  ON assessments(young_carer_id, status, kind, completed_at, maca_band);

-- Existing records: the young carers whose figures the new definition can change are recounted by the
-- settle that follows the migration.
INSERT OR IGNORE INTO stats_pending(young_carer_id)
  SELECT young_carer_id FROM assessments WHERE kind = 'transition_assessment' AND status = 'completed'
  UNION
  SELECT c.young_carer_id FROM cases c JOIN case_events e ON e.case_id = c.id WHERE e.to_state = 'transition';

-- The indicator report at 1,000,000 young carers: completed reviews' wellbeing and short-break items'
-- end dates are read from the indexes, not from rows whose documents and notes spill over several pages.
DROP INDEX assessments_by_kind_status;
CREATE INDEX assessments_by_kind_status ON assessments(kind, status, completed_at, wellbeing_improved);
DROP INDEX support_plan_items_by_type;
CREATE INDEX support_plan_items_by_type ON support_plan_items(type, start_on, end_on, plan_id);
