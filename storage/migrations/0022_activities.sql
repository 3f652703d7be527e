-- Activities and breaks a young carers service runs (issue 27 item 1): groups, sessions, trips,
-- residentials and short breaks, each with the places offered to young carers and a register of who
-- attended. A register is finalised once and then locked: attendance is a fact the strategies count.
CREATE TABLE activities (
  id               INTEGER PRIMARY KEY,
  organisation_id  INTEGER NOT NULL REFERENCES organisations(id),
  kind             TEXT NOT NULL,
  title            TEXT NOT NULL,
  starts_on        TEXT NOT NULL,
  ends_on          TEXT NOT NULL,
  venue            TEXT NOT NULL DEFAULT '',
  capacity         INTEGER NOT NULL,
  transport_note   TEXT NOT NULL DEFAULT '',
  consent_note     TEXT NOT NULL DEFAULT '',
  created_by       INTEGER REFERENCES users(id),
  created_at       TEXT NOT NULL,
  finalised_at     TEXT,
  finalised_by     INTEGER REFERENCES users(id)
);
CREATE INDEX activities_by_organisation ON activities(organisation_id, starts_on);

CREATE TABLE activity_places (
  id              INTEGER PRIMARY KEY,
  activity_id     INTEGER NOT NULL REFERENCES activities(id),
  young_carer_id  INTEGER NOT NULL REFERENCES young_carers(id),
  offered_at      TEXT NOT NULL,
  offered_by      INTEGER REFERENCES users(id),
  attendance      TEXT,            -- attended, cancelled, did_not_attend; NULL until the register is taken
  reason          TEXT NOT NULL DEFAULT '',
  recorded_at     TEXT,
  recorded_by     INTEGER REFERENCES users(id),
  UNIQUE (activity_id, young_carer_id)
);
CREATE INDEX activity_places_by_young_carer ON activity_places(young_carer_id);
