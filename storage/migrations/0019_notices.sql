-- Notices that reach people outside the service (issue 21 item 4): written to this outbox in the same
-- transaction as the change they tell of, and sent afterwards by a worker, so a crash loses none.
-- An organisation's notices address is where its notices go; without one it gets no email (the notice
-- row says why) and still sees status in the service.
ALTER TABLE organisations ADD COLUMN notices_email TEXT NOT NULL DEFAULT '';

CREATE TABLE notices (
  id                       INTEGER PRIMARY KEY,
  kind                     TEXT NOT NULL,
  recipient_organisation_id INTEGER REFERENCES organisations(id),
  address                  TEXT NOT NULL DEFAULT '',
  subject                  TEXT NOT NULL,
  body                     TEXT NOT NULL,
  created_at               TEXT NOT NULL,
  status                   TEXT NOT NULL DEFAULT 'pending',
  attempts                 INTEGER NOT NULL DEFAULT 0,
  next_attempt_at          TEXT,
  sent_at                  TEXT,
  last_error               TEXT NOT NULL DEFAULT '',
  case_id                  INTEGER REFERENCES cases(id)
);
CREATE INDEX notices_due ON notices(status, next_attempt_at);
