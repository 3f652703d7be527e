-- Commissioners' counts gain a measure of breaks attended (issue 27 item 1: "a counts measure of
-- attendance"): each place attended at a short break, trip or residential whose register is finalised,
-- in the month of the activity's first day. Places and registers already mark their young carers (0024);
-- the young carers who attended one before this migration are counted by the settle that follows.
INSERT OR IGNORE INTO stats_pending(young_carer_id)
SELECT DISTINCT young_carer_id FROM activity_places WHERE attendance = 'attended';
