-- Young carer ID cards. Verifications are not stored here: each one is an audit event
-- ("id_card.verify") against the card's number, so the trail is hash-chained like the rest.

-- Card serials come from their own AUTOINCREMENT sequence, so a number is never issued twice,
-- even if a card row were ever removed; the number is "YC" + 9-digit serial + Damm check digit.
CREATE TABLE id_card_serials (
  serial     INTEGER PRIMARY KEY AUTOINCREMENT,
  taken_at   TEXT NOT NULL
);

CREATE TABLE id_cards (
  id                   INTEGER PRIMARY KEY,
  number               TEXT NOT NULL UNIQUE,
  serial               INTEGER NOT NULL UNIQUE REFERENCES id_card_serials(serial),
  young_carer_id       INTEGER NOT NULL REFERENCES young_carers(id),
  issued               TEXT NOT NULL,            -- date
  expires              TEXT NOT NULL,            -- last valid day
  renewed              TEXT,                     -- date of the latest renewal, if any
  status               TEXT NOT NULL,            -- active | expired | lost | revoked | replaced
  status_reason        TEXT NOT NULL DEFAULT '',
  sharing              TEXT NOT NULL DEFAULT '',  -- comma-separated SharingArea spellings
  young_carer_consent  INTEGER NOT NULL,
  parent_consent       TEXT NOT NULL,             -- given | not_given | not_sought
  parent_consent_note  TEXT NOT NULL DEFAULT '',
  replaced_by          TEXT REFERENCES id_cards(number),
  created_at           TEXT NOT NULL
);
CREATE INDEX id_cards_by_young_carer ON id_cards(young_carer_id, status);
CREATE INDEX id_cards_by_status_expires ON id_cards(status, expires);
CREATE INDEX id_cards_by_issued ON id_cards(issued);
