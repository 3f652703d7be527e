-- Households (issue 21 item 2): a person cared for is one record that every young carer caring for
-- them links to. cared_for_people stays each child's relationship to that person, as the child's
-- referral described it (mum to one, grandmother to another), and is what the commissioners' figures
-- count (0004, 0005, 0007 read it, unchanged); household_members is the person: person_id on every
-- child's row describing them. What is known of the person (conditions, adult social care) is read
-- from all of those rows together, so no second copy can disagree with them.
--
-- A person's row is never deleted: a merge's undo may write back a person_id that a later unlink
-- left unused, and it must still name a person.
CREATE TABLE household_members (
  id  INTEGER PRIMARY KEY
);

ALTER TABLE cared_for_people ADD COLUMN person_id INTEGER REFERENCES household_members(id);

-- Existing records: one person for each row, as nobody said two rows are the same person (links are
-- made by people, never guessed).
INSERT INTO household_members(id) SELECT id FROM cared_for_people;
UPDATE cared_for_people SET person_id = id;
CREATE INDEX cared_for_by_person ON cared_for_people(person_id);

-- A row written without a person (bulk imports, demo data) is a person of its own.
CREATE TRIGGER household_member_for_new_cared_for AFTER INSERT ON cared_for_people
  WHEN NEW.person_id IS NULL
BEGIN
  INSERT INTO household_members(id) VALUES (NULL);
  UPDATE cared_for_people SET person_id = last_insert_rowid() WHERE id = NEW.id;
END;
