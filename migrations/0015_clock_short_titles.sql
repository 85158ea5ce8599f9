-- Migration 0015: short names of clock items, written on the wheel where
-- the full name does not fit its arc.
ALTER TABLE clock_template_items ADD COLUMN short_title_fi TEXT;
ALTER TABLE clock_template_items ADD COLUMN short_title_sv TEXT;
ALTER TABLE clock_template_items ADD COLUMN short_title_en TEXT;
ALTER TABLE clock_items ADD COLUMN short_title_fi TEXT;
ALTER TABLE clock_items ADD COLUMN short_title_sv TEXT;
ALTER TABLE clock_items ADD COLUMN short_title_en TEXT;

UPDATE clock_template_items SET
  short_title_fi = CASE key
    WHEN 'tilinpaatos' THEN 'Tilinpäätös'
    WHEN 'hyvinvointikertomus-vuosiraportti' THEN 'Hyvinvoinnin vuosiraportti'
    WHEN 'kouluterveyskysely' THEN 'Kouluterveyskysely'
    WHEN 'tea-tiedonkeruu' THEN 'TEA-tiedonkeruu'
    WHEN 'talousarvio' THEN 'Talousarvio'
    WHEN 'hyvinvointineuvottelut' THEN 'Hyvinvointineuvottelut'
    WHEN 'tilannekuvaseminaari' THEN 'Tilannekuvaseminaari'
    WHEN 'hyvinvointifoorumi' THEN 'Hyvinvointifoorumi'
    WHEN 'jarjestoavustukset' THEN 'Järjestöavustukset'
    WHEN 'kuntastrategia' THEN 'Kuntastrategia'
    WHEN 'laaja-hyvinvointikertomus' THEN 'Laaja hyvinvointikertomus'
    WHEN 'alueellinen-hyvinvointikertomus' THEN 'Alueellinen hyvinvointikertomus'
    WHEN 'valiarvio' THEN 'Väliarvio'
    WHEN 'kauden-arviointi' THEN 'Kauden arviointi' END,
  short_title_sv = CASE key
    WHEN 'tilinpaatos' THEN 'Bokslut'
    WHEN 'hyvinvointikertomus-vuosiraportti' THEN 'Årlig välfärdsrapport'
    WHEN 'kouluterveyskysely' THEN 'Skolhälsoenkäten'
    WHEN 'tea-tiedonkeruu' THEN 'TEA-datainsamling'
    WHEN 'talousarvio' THEN 'Budget'
    WHEN 'hyvinvointineuvottelut' THEN 'Välfärdsförhandlingar'
    WHEN 'tilannekuvaseminaari' THEN 'Lägesbildsseminarium'
    WHEN 'hyvinvointifoorumi' THEN 'Välfärdsforum'
    WHEN 'jarjestoavustukset' THEN 'Organisationsbidrag'
    WHEN 'kuntastrategia' THEN 'Kommunstrategi'
    WHEN 'laaja-hyvinvointikertomus' THEN 'Omfattande välfärdsberättelse'
    WHEN 'alueellinen-hyvinvointikertomus' THEN 'Regional välfärdsberättelse'
    WHEN 'valiarvio' THEN 'Halvtidsutvärdering'
    WHEN 'kauden-arviointi' THEN 'Periodens utvärdering' END,
  short_title_en = CASE key
    WHEN 'tilinpaatos' THEN 'Financial statements'
    WHEN 'hyvinvointikertomus-vuosiraportti' THEN 'Yearly wellbeing report'
    WHEN 'kouluterveyskysely' THEN 'School health survey'
    WHEN 'tea-tiedonkeruu' THEN 'TEA data collection'
    WHEN 'talousarvio' THEN 'Budget'
    WHEN 'hyvinvointineuvottelut' THEN 'Wellbeing negotiations'
    WHEN 'tilannekuvaseminaari' THEN 'Situation-picture seminar'
    WHEN 'hyvinvointifoorumi' THEN 'Wellbeing forum'
    WHEN 'jarjestoavustukset' THEN 'NGO grants'
    WHEN 'kuntastrategia' THEN 'Municipal strategy'
    WHEN 'laaja-hyvinvointikertomus' THEN 'Broad wellbeing report'
    WHEN 'alueellinen-hyvinvointikertomus' THEN 'Regional wellbeing report'
    WHEN 'valiarvio' THEN 'Mid-term review'
    WHEN 'kauden-arviointi' THEN 'Evaluation of the term' END;

-- Items made from the template get its short names, unless they have been renamed since.
UPDATE clock_items SET
  short_title_fi = (SELECT t.short_title_fi FROM clock_template_items t WHERE t.key = clock_items.template_key),
  short_title_sv = (SELECT t.short_title_sv FROM clock_template_items t WHERE t.key = clock_items.template_key),
  short_title_en = (SELECT t.short_title_en FROM clock_template_items t WHERE t.key = clock_items.template_key)
WHERE EXISTS (SELECT 1 FROM clock_template_items t WHERE t.key = clock_items.template_key AND t.title_fi = clock_items.title_fi);
