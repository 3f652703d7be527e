-- No query looks young carers up by postcode (search reads search_key; exact identity reads
-- identity_key, which includes the postcode; matching keeps postcodes in memory), yet every new or
-- corrected record wrote a page of this index at a random place: at a million records, a third of
-- what an import's commit wrote.
DROP INDEX IF EXISTS young_carers_by_postcode;
