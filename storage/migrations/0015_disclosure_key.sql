-- The secret that fixes the noise of disclosure control (core/include/ycr/core/disclosure.h): made once
-- per register, from SQLite's ChaCha20-based generator seeded by the operating system, and kept with the
-- data so that every instance and every restored backup publishes the same figures. Changing it would
-- publish every figure again with fresh noise, which an attacker could average: never change it.
CREATE TABLE disclosure_key (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  key  BLOB NOT NULL CHECK (length(key) = 32)
);
INSERT INTO disclosure_key (id, key) VALUES (1, randomblob(32));
