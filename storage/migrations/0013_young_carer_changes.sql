-- Every new, changed or removed young carer record in order, so that each instance sharing the
-- database keeps its in-memory match index in step with the register (services/identity.h): before
-- this, an instance saw only records created elsewhere, and a correction, merge or undo made by
-- another instance reached its index only when it restarted. Each instance reads the log after its
-- own mark; the oldest entries are pruned (an instance whose mark falls behind what is kept reads
-- the whole register again).
CREATE TABLE young_carer_changes (
  seq            INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, even after pruning
  young_carer_id INTEGER NOT NULL
);
CREATE TRIGGER young_carer_changes_insert AFTER INSERT ON young_carers
BEGIN
  INSERT INTO young_carer_changes(young_carer_id) VALUES (NEW.id);
END;
CREATE TRIGGER young_carer_changes_update
  AFTER UPDATE OF given_name, family_name, date_of_birth, postcode, school_urn, address, merged_into ON young_carers
BEGIN
  INSERT INTO young_carer_changes(young_carer_id) VALUES (NEW.id);
END;
CREATE TRIGGER young_carer_changes_delete AFTER DELETE ON young_carers
BEGIN
  INSERT INTO young_carer_changes(young_carer_id) VALUES (OLD.id);
END;
