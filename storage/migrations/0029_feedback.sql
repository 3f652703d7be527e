-- Compliments and complaints a service received, with complaints' outcomes (issue 27 item 3;
-- core/include/ycr/core/feedback.h). The young carer it concerns, if any, makes it part of their record.
CREATE TABLE feedback (
  id               INTEGER PRIMARY KEY,
  organisation_id  INTEGER NOT NULL REFERENCES organisations(id),
  kind             TEXT NOT NULL,                 -- complaint | compliment
  from_whom        TEXT NOT NULL,                 -- young_carer | parent_or_carer | professional | other
  young_carer_id   INTEGER REFERENCES young_carers(id),
  received_on      TEXT NOT NULL,
  summary          TEXT NOT NULL,
  recorded_by      INTEGER REFERENCES users(id),
  recorded_at      TEXT NOT NULL,
  response_due     TEXT,                          -- complaints: received_on + the configured working days
  outcome          TEXT,                          -- complaints, once answered
  responded_on     TEXT,
  response         TEXT NOT NULL DEFAULT '',
  responded_by     INTEGER REFERENCES users(id)
);
CREATE INDEX feedback_by_organisation ON feedback(organisation_id, received_on);
CREATE INDEX feedback_by_young_carer ON feedback(young_carer_id);
CREATE INDEX feedback_by_due ON feedback(response_due) WHERE kind = 'complaint';
