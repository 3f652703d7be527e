-- Whether a young carer wants an ID card (issue 27): the strategies count cards "issued ... if they
-- want one", and until now the register could not say, so its indicator counted every eligible young
-- carer. Each answer is kept, never changed; the latest recorded is in force. Nothing recorded still
-- counts as wanting one, as before.
CREATE TABLE id_card_wishes (
  id              INTEGER PRIMARY KEY,
  young_carer_id  INTEGER NOT NULL REFERENCES young_carers(id),
  wants_card      INTEGER NOT NULL CHECK (wants_card IN (0, 1)),
  recorded_by     INTEGER REFERENCES users(id),
  recorded_at     TEXT NOT NULL
);
CREATE INDEX id_card_wishes_by_young_carer ON id_card_wishes(young_carer_id, id);

-- An answer recorded, or moved by a merge or its undo, marks its young carer for the indicator's facts
-- (storage/src/indicator_facts.h: without_card).
CREATE TRIGGER stats_pending_id_card_wish_insert AFTER INSERT ON id_card_wishes
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) VALUES (NEW.young_carer_id);
END;
CREATE TRIGGER stats_pending_id_card_wish_update AFTER UPDATE OF young_carer_id, wants_card ON id_card_wishes
BEGIN
  INSERT OR IGNORE INTO stats_pending(young_carer_id) VALUES (NEW.young_carer_id), (OLD.young_carer_id);
END;
