-- A school's young carer champions as named people with a history (issue 27 item 2): who held it,
-- from the first day in post to the last (NULL while they hold it), and why they stepped down. The
-- indicator schools_with_active_champion counts schools with one in post on a period's last day, so a
-- champion who left still counts for the periods they were there.
CREATE TABLE school_champions (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL,
  post TEXT NOT NULL DEFAULT '',
  user_id INTEGER REFERENCES users(id),
  since TEXT NOT NULL,
  until TEXT,
  end_reason TEXT NOT NULL DEFAULT '',
  recorded_by INTEGER REFERENCES users(id),
  recorded_at TEXT NOT NULL,
  ended_by INTEGER REFERENCES users(id),
  ended_at TEXT,
  CHECK (until IS NULL OR until >= since)
);
CREATE INDEX school_champions_by_school ON school_champions(organisation_id, since);
CREATE INDEX school_champions_by_account ON school_champions(user_id) WHERE user_id IS NOT NULL;

-- Until now a school's champion was its active referrer account, counted from the day it was made:
-- those accounts become champions in post from that day (UTC), so every figure reported so far stands.
INSERT INTO school_champions(organisation_id, name, user_id, since, recorded_at)
SELECT u.organisation_id, u.display_name, u.id, substr(u.created_at, 1, 10), u.created_at
FROM users u JOIN organisations o ON o.id = u.organisation_id
WHERE o.kind = 'school' AND u.role = 'referrer' AND u.active = 1
ORDER BY u.id;
