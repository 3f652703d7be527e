-- A complaint climbs the stages of the Children Act 1989 representations procedure (issue 27;
-- core/include/ycr/core/feedback.h): local resolution, investigation, review panel. The feedback row
-- holds the stage now open (or last answered); each answered stage before it is kept here, with its own
-- due day, answer and extension, so the record shows the whole journey and every answer's timeliness is
-- counted.
ALTER TABLE feedback ADD COLUMN stage INTEGER NOT NULL DEFAULT 1;
ALTER TABLE feedback ADD COLUMN stage_asked_on TEXT;
CREATE TABLE complaint_stages (
  feedback_id      INTEGER NOT NULL REFERENCES feedback(id),
  stage            INTEGER NOT NULL,
  asked_on         TEXT,
  response_due     TEXT NOT NULL,
  outcome          TEXT NOT NULL,
  responded_on     TEXT NOT NULL,
  response         TEXT NOT NULL DEFAULT '',
  responded_by     INTEGER REFERENCES users(id),
  extended_on      TEXT,
  extension_reason TEXT NOT NULL DEFAULT '',
  extended_by      INTEGER REFERENCES users(id),
  PRIMARY KEY (feedback_id, stage)
);
CREATE INDEX complaint_stages_by_due ON complaint_stages(response_due);
