-- Tasks that reach the service they are addressed to (issue 21, "no wrong door, both ways"): the
-- organisation addressed (unset when none could be chosen: resolved when read), what it found and
-- its note, and every status change as history. The history is its own table, not case_events:
-- the pathway's indicators read each case event as a step of the case.
ALTER TABLE case_tasks ADD COLUMN organisation_id INTEGER REFERENCES organisations(id);
ALTER TABLE case_tasks ADD COLUMN outcome TEXT;
ALTER TABLE case_tasks ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE case_tasks ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE case_tasks SET updated_at = created_at;
-- 'done' was the old spelling of completed; no code path ever set it, but a hand-edited row may have.
UPDATE case_tasks SET status = 'completed' WHERE status = 'done';
CREATE INDEX case_tasks_by_organisation ON case_tasks(organisation_id, status, due);
CREATE INDEX case_tasks_unaddressed ON case_tasks(assigned_to, status, due) WHERE organisation_id IS NULL;

CREATE TABLE task_events (
  id                     INTEGER PRIMARY KEY,
  task_id                INTEGER NOT NULL REFERENCES case_tasks(id),
  case_id                INTEGER NOT NULL REFERENCES cases(id),
  at                     TEXT NOT NULL,
  actor_user_id          INTEGER REFERENCES users(id),
  actor_organisation_id  INTEGER REFERENCES organisations(id),
  from_status            TEXT NOT NULL,
  to_status              TEXT NOT NULL,
  outcome                TEXT,
  note                   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX task_events_by_case ON task_events(case_id, id);
