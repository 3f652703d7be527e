-- Support beyond breaks counted from agreed plans (issue 27 item 4): young carers with sport and leisure,
-- advice on money and benefits, a personal budget or an emergency plan in the agreed plan in force on a day,
-- while their case is open. They are kept as the other stocks are, as +1/-1 points in kpi_points (kinds 5 to
-- 8; storage/src/indicator_facts.h), so a plan recorded, agreed or superseded, or its items replaced, marks
-- the case's young carer again (0024 dropped 0011's triggers when short breaks moved to attendance).
CREATE TRIGGER stats_pending_plan_insert AFTER INSERT ON support_plans
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) SELECT young_carer_id FROM cases WHERE id = NEW.case_id;
END;
CREATE TRIGGER stats_pending_plan_update AFTER UPDATE ON support_plans
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id)
  SELECT young_carer_id FROM cases WHERE id IN (NEW.case_id, OLD.case_id);
END;
CREATE TRIGGER stats_pending_plan_item_insert AFTER INSERT ON support_plan_items
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id)
  SELECT c.young_carer_id FROM support_plans p JOIN cases c ON c.id = p.case_id WHERE p.id = NEW.plan_id;
END;
CREATE TRIGGER stats_pending_plan_item_update AFTER UPDATE ON support_plan_items
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id)
  SELECT c.young_carer_id FROM support_plans p JOIN cases c ON c.id = p.case_id
  WHERE p.id IN (NEW.plan_id, OLD.plan_id);
END;
CREATE TRIGGER stats_pending_plan_item_delete AFTER DELETE ON support_plan_items
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id)
  SELECT c.young_carer_id FROM support_plans p JOIN cases c ON c.id = p.case_id WHERE p.id = OLD.plan_id;
END;
