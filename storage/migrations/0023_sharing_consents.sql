-- Consent to share (issue 26 item 1): what a young person, and where right a parent or carer, agreed
-- to share, with whom, when and how; and when they refused or withdrew it. Each decision is a row of
-- its own and none is ever changed or deleted: the history is the record, and the latest decision
-- about a partner is the one in force (services/consents.h says what each partner's answer governs).
CREATE TABLE sharing_consents (
  id              INTEGER PRIMARY KEY,
  young_carer_id  INTEGER NOT NULL REFERENCES young_carers(id),
  partner         TEXT NOT NULL,   -- school, health, adult_social_care, id_card_verifiers
  decision        TEXT NOT NULL,   -- agreed, refused, withdrawn
  given_by        TEXT NOT NULL,   -- young_person, parent_or_carer, young_person_and_parent
  method          TEXT NOT NULL,   -- in_person, phone, in_writing, online
  decided_on      TEXT NOT NULL,   -- the day it was said (YYYY-MM-DD), never after it was recorded
  note            TEXT NOT NULL DEFAULT '',
  recorded_by     INTEGER REFERENCES users(id),
  recorded_at     TEXT NOT NULL
);
CREATE INDEX sharing_consents_by_young_carer ON sharing_consents(young_carer_id, partner, decided_on, id);
