-- The only query that filters young carers by date of birth (ID cards: those under the upper age
-- with an open case) reads nearly every record through it, which a scan does as well; matching
-- keeps dates of birth in memory. Yet every new record wrote a page of this index at a random
-- place: with the identity index, one of the two the commit of a large import rewrites page by page.
DROP INDEX IF EXISTS young_carers_by_dob;
