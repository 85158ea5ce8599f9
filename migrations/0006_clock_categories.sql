-- Migration 0006: categories of clock items, for the wheel's colour legend.
ALTER TABLE clock_items ADD COLUMN category TEXT NOT NULL DEFAULT 'muu' CHECK (category IN ('talous', 'hyvinvointikertomus', 'tiedonkeruu', 'yhteistyo', 'verkosto', 'jarjestot', 'muu'));
ALTER TABLE clock_template_items ADD COLUMN category TEXT NOT NULL DEFAULT 'muu' CHECK (category IN ('talous', 'hyvinvointikertomus', 'tiedonkeruu', 'yhteistyo', 'verkosto', 'jarjestot', 'muu'));

UPDATE clock_template_items SET category = CASE
  WHEN key IN ('tilinpaatos', 'talousarvio', 'kuntastrategia') THEN 'talous'
  WHEN key IN ('hyvinvointikertomus-vuosiraportti', 'laaja-hyvinvointikertomus', 'valiarvio', 'kauden-arviointi', 'alueellinen-hyvinvointikertomus') THEN 'hyvinvointikertomus'
  WHEN key IN ('kouluterveyskysely', 'tea-tiedonkeruu') THEN 'tiedonkeruu'
  WHEN key IN ('hyvinvointineuvottelut') THEN 'yhteistyo'
  WHEN key IN ('tilannekuvaseminaari', 'hyvinvointifoorumi') THEN 'verkosto'
  WHEN key IN ('jarjestoavustukset') THEN 'jarjestot'
  ELSE 'muu' END;

UPDATE clock_items SET category = (SELECT category FROM clock_template_items WHERE key = clock_items.template_key)
WHERE template_key IN (SELECT key FROM clock_template_items);
