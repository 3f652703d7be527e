-- School and education (issue 27 item 2): what a young carer's school said of their attendance each term,
-- in sessions (a morning or an afternoon), and how many of the absences were put down to caring. Entered
-- by case staff or by the school's own staff, or imported from a school's CSV. A second record for the
-- same term corrects the first and names it (`corrects`); nothing is changed or deleted, so the history
-- says who said what and when. The record in force for a term is its latest.
CREATE TABLE school_attendance (
  id                        INTEGER PRIMARY KEY,
  young_carer_id            INTEGER NOT NULL REFERENCES young_carers(id),
  academic_year             TEXT NOT NULL,   -- "2026/27"
  term                      TEXT NOT NULL,   -- autumn, spring, summer
  sessions_possible         INTEGER NOT NULL CHECK (sessions_possible >= 0),
  sessions_missed           INTEGER NOT NULL CHECK (sessions_missed >= 0 AND sessions_missed <= sessions_possible),
  missed_for_caring         INTEGER NOT NULL CHECK (missed_for_caring >= 0 AND missed_for_caring <= sessions_missed),
  source                    TEXT NOT NULL,   -- entered, imported
  recorded_by               INTEGER REFERENCES users(id),
  recorded_by_organisation  INTEGER REFERENCES organisations(id),
  recorded_at               TEXT NOT NULL,
  corrects                  INTEGER REFERENCES school_attendance(id)
);
CREATE INDEX school_attendance_by_young_carer ON school_attendance(young_carer_id, academic_year, term, id);
