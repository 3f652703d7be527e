-- Commissioners' counts by the young carers service that owns the child's case (issue 21: a region of
-- several councils on one register sees each council's share). A case's owner is its owner_team, the
-- name of its service's organisation; a transfer changes it and so moves the child's counts.
CREATE TRIGGER stats_pending_case_insert AFTER INSERT ON cases
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) VALUES (NEW.young_carer_id);
END;
CREATE TRIGGER stats_pending_case_owner_update AFTER UPDATE OF owner_team ON cases
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) VALUES (NEW.young_carer_id), (OLD.young_carer_id);
END;

-- Every child already counted is counted again by the settle that follows, this time under their service
-- too (their stored facts predate it and added nothing to its cells: stats_cube.h, ChildFacts::service).
INSERT OR IGNORE INTO stats_pending(young_carer_id) SELECT young_carer_id FROM cases;
