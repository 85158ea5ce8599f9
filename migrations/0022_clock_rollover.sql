-- Migration 0022: rolling a clock over to the next year or council term.
-- A roll-over writes drafts: versions of items for one year (an annual
-- 'once' item in that year) or one council term (for_term_start), each
-- naming the item whose occurrence it replaces. Drafts are seen only by
-- the clock's editors; a published version takes its item's place in that
-- year or term only.
ALTER TABLE clock_items ADD COLUMN status TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'draft'));
ALTER TABLE clock_items ADD COLUMN replaces_item_id INTEGER REFERENCES clock_items (id);
ALTER TABLE clock_items ADD COLUMN for_term_start INTEGER CHECK (for_term_start BETWEEN 2000 AND 2100);
-- One version of an item per year and per term, whatever its status: a roll-over run twice creates nothing new.
CREATE UNIQUE INDEX clock_items_one_version_a_year ON clock_items (replaces_item_id, once_year) WHERE replaces_item_id IS NOT NULL AND kind = 'annual';
CREATE UNIQUE INDEX clock_items_one_version_a_term ON clock_items (replaces_item_id, for_term_start) WHERE replaces_item_id IS NOT NULL AND kind = 'term';
