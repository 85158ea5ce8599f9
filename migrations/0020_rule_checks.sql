-- Migration 0020: rules of the whole service that a batch must leave holding.
--
-- A check before a write cannot see a write made meanwhile (two
-- administrators demoting each other at once would both see the other).
-- So a batch that could break such a rule ends by inserting here whether the
-- rule holds, and deletes the row again; the CHECK refuses a false one, and
-- D1 rolls the whole batch back. The table is always empty between batches.
CREATE TABLE rule_checks (
  holds INTEGER NOT NULL CONSTRAINT rule_holds CHECK (holds = 1)
);
