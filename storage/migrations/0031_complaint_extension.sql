-- A complaint's answer may be given more time once, by a team manager, with the reason recorded
-- (issue 27: the Children Act 1989 representations procedure's local resolution is 10 working days,
-- extendable to 20 for a complex complaint). response_due then holds the extended day.
ALTER TABLE feedback ADD COLUMN extended_on TEXT;
ALTER TABLE feedback ADD COLUMN extension_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN extended_by INTEGER REFERENCES users(id);
