-- Young carers' own voice (issue 27 item 3): surveys sent to a young carer as a single-use link, and the
-- answers given. The survey's questions are data (core/data/surveys/*.json); these tables hold who was
-- asked, and what was said, apart.
--
-- An invitation names the young carer, the survey and version, why it was sent (the occasion and its
-- day), who sent it and when, when the link stops working, and when it was used. The token in the link is
-- stored only as its SHA-256 hash: the database cannot open a survey by itself.
CREATE TABLE survey_invitations (
  id              INTEGER PRIMARY KEY,
  young_carer_id  INTEGER NOT NULL REFERENCES young_carers(id),
  survey_id       TEXT NOT NULL,
  survey_version  INTEGER NOT NULL,
  occasion        TEXT NOT NULL,   -- card_issued, review_completed, handed_over, asked
  occasion_on     TEXT,            -- the day of the card, review or hand-over
  created_by      INTEGER REFERENCES users(id),
  created_at      TEXT NOT NULL,
  expires_at      TEXT NOT NULL,
  token_hash      TEXT NOT NULL UNIQUE,
  used_at         TEXT
);
CREATE INDEX survey_invitations_by_young_carer ON survey_invitations(young_carer_id, id);

-- An answered survey holds no young carer, no invitation and no time finer than the financial year it
-- was answered in, so no output can tie it to a young person. One row per question answered.
CREATE TABLE survey_responses (
  id              INTEGER PRIMARY KEY,
  survey_id       TEXT NOT NULL,
  survey_version  INTEGER NOT NULL,
  financial_year  TEXT NOT NULL    -- "2026/27"
);
CREATE INDEX survey_responses_by_year ON survey_responses(survey_id, financial_year, survey_version);
CREATE TABLE survey_answers (
  response_id  INTEGER NOT NULL REFERENCES survey_responses(id),
  item         INTEGER NOT NULL CHECK (item >= 1),
  value        INTEGER NOT NULL,
  PRIMARY KEY (response_id, item)
);
