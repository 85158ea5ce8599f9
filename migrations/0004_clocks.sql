-- Migration 0004: the annual clock and the council-term clock.
--
-- A clock (the network's regional one, or an organisation's own) has rings
-- (lanes) and items. Annual items recur on a span of months or dates, which
-- may cross New Year; term items belong to years of the four-year council
-- term. The statutory wellbeing cycle is kept as a template, with sources,
-- from which the regional clock is filled here and an organisation's clock
-- in one step later.

CREATE TABLE clocks (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*'),
  name_fi TEXT NOT NULL CHECK (name_fi <> ''),
  name_sv TEXT,
  name_en TEXT,
  -- NULL for the network's regional clock.
  organisation_id INTEGER REFERENCES organisations (id),
  -- The month at the top of the wheel (1 = January, 8 = a school year).
  start_month INTEGER NOT NULL DEFAULT 1 CHECK (start_month BETWEEN 1 AND 12),
  created_at TEXT NOT NULL
);

CREATE TABLE clock_rings (
  id INTEGER PRIMARY KEY,
  clock_id INTEGER NOT NULL REFERENCES clocks (id) ON DELETE CASCADE,
  slug TEXT NOT NULL CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*'),
  name_fi TEXT NOT NULL CHECK (name_fi <> ''),
  name_sv TEXT,
  name_en TEXT,
  -- 0 is the outermost ring.
  position INTEGER NOT NULL CHECK (position >= 0),
  UNIQUE (clock_id, slug)
);

-- The statutory wellbeing cycle, and the network's own yearly events.
CREATE TABLE clock_template_items (
  key TEXT PRIMARY KEY CHECK (key <> '' AND key NOT GLOB '*[^a-z0-9-]*'),
  ring TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('annual', 'term')),
  title_fi TEXT NOT NULL,
  title_sv TEXT,
  title_en TEXT,
  description_fi TEXT,
  start_month INTEGER CHECK (start_month BETWEEN 1 AND 12),
  end_month INTEGER CHECK (end_month BETWEEN 1 AND 12),
  repeat TEXT NOT NULL DEFAULT 'yearly' CHECK (repeat IN ('yearly', 'odd-years', 'even-years')),
  term_year_start INTEGER CHECK (term_year_start BETWEEN 1 AND 4),
  term_year_end INTEGER CHECK (term_year_end BETWEEN 1 AND 4),
  colour TEXT NOT NULL CHECK (length(colour) = 7 AND colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
  -- Where the duty or the practice is written down.
  source TEXT NOT NULL CHECK (source <> ''),
  position INTEGER NOT NULL,
  CHECK ((kind = 'annual') = (start_month IS NOT NULL AND end_month IS NOT NULL)),
  CHECK ((kind = 'term') = (term_year_start IS NOT NULL AND term_year_end IS NOT NULL))
);

ALTER TABLE clock_items ADD COLUMN clock_id INTEGER REFERENCES clocks (id);
ALTER TABLE clock_items ADD COLUMN ring_id INTEGER REFERENCES clock_rings (id);
ALTER TABLE clock_items ADD COLUMN kind TEXT NOT NULL DEFAULT 'annual' CHECK (kind IN ('annual', 'term'));
ALTER TABLE clock_items ADD COLUMN description_fi TEXT;
ALTER TABLE clock_items ADD COLUMN description_sv TEXT;
ALTER TABLE clock_items ADD COLUMN description_en TEXT;
-- Annual items: from start (month, day) to end (month, day); a missing day
-- means the whole month; an end before the start crosses New Year.
ALTER TABLE clock_items ADD COLUMN start_month INTEGER CHECK (start_month BETWEEN 1 AND 12);
ALTER TABLE clock_items ADD COLUMN start_day INTEGER CHECK (start_day BETWEEN 1 AND 31);
ALTER TABLE clock_items ADD COLUMN end_month INTEGER CHECK (end_month BETWEEN 1 AND 12);
ALTER TABLE clock_items ADD COLUMN end_day INTEGER CHECK (end_day BETWEEN 1 AND 31);
ALTER TABLE clock_items ADD COLUMN repeat TEXT NOT NULL DEFAULT 'yearly' CHECK (repeat IN ('yearly', 'odd-years', 'even-years', 'once'));
ALTER TABLE clock_items ADD COLUMN once_year INTEGER CHECK (once_year BETWEEN 2000 AND 2100);
-- Term items: years of the council term, 1–4.
ALTER TABLE clock_items ADD COLUMN term_year_start INTEGER CHECK (term_year_start BETWEEN 1 AND 4);
ALTER TABLE clock_items ADD COLUMN term_year_end INTEGER CHECK (term_year_end BETWEEN 1 AND 4);
ALTER TABLE clock_items ADD COLUMN colour TEXT NOT NULL DEFAULT '#00508c' CHECK (length(colour) = 7 AND colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]');
ALTER TABLE clock_items ADD COLUMN responsible_organisation_id INTEGER REFERENCES organisations (id);
ALTER TABLE clock_items ADD COLUMN source TEXT;
ALTER TABLE clock_items ADD COLUMN template_key TEXT;
-- Links to documents: a JSON array of {"title", "url"}.
ALTER TABLE clock_items ADD COLUMN links TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(links) AND json_type(links) = 'array');

CREATE INDEX clock_items_by_clock ON clock_items (clock_id, kind);
CREATE INDEX events_by_clock_item ON events (clock_item_id);

INSERT INTO clock_template_items (key, ring, kind, title_fi, title_sv, title_en, description_fi, start_month, end_month, repeat, term_year_start, term_year_end, colour, source, position) VALUES
  ('tilinpaatos', 'kunnat', 'annual', 'Tilinpäätös ja toimintakertomus', 'Bokslut och verksamhetsberättelse', 'Financial statements and annual report',
   'Kunnanhallitus laatii tilinpäätöksen maaliskuun loppuun mennessä; valtuusto käsittelee sen viimeistään kesäkuussa.', 2, 6, 'yearly', NULL, NULL, '#5b6770',
   'Kuntalaki 410/2015, 113 §', 1),
  ('hyvinvointikertomus-vuosiraportti', 'kunnat', 'annual', 'Hyvinvointikertomuksen vuosiraportointi valtuustolle', 'Årlig välfärdsrapport till fullmäktige', 'Yearly wellbeing report to the council',
   'Valtuustolle raportoidaan vuosittain asukkaiden hyvinvoinnista ja terveydestä sekä toteutetuista toimenpiteistä.', 3, 6, 'yearly', NULL, NULL, '#00508c',
   'Laki sosiaali- ja terveydenhuollon järjestämisestä 612/2021, 6 § (kunta) ja 7 § (hyvinvointialue)', 2),
  ('kouluterveyskysely', 'kunnat', 'annual', 'Kouluterveyskysely (parittomina vuosina)', 'Skolhälsoenkäten (udda år)', 'School health survey (odd years)',
   'THL:n kouluterveyskysely toteutetaan kouluissa parittomien vuosien keväällä; tulokset valmistuvat syksyllä hyvinvointikertomustyön tueksi.', 3, 4, 'odd-years', NULL, NULL, '#2e7d32',
   'THL, Kouluterveyskysely (thl.fi/kouluterveyskysely)', 3),
  ('tea-tiedonkeruu', 'kunnat', 'annual', 'TEA-tiedonkeruu: hyvinvoinnin ja terveyden edistämisen aktiivisuus', 'TEA-datainsamling', 'TEA data collection on health promotion activity',
   'THL:n TEAviisari-tiedonkeruu kuntien hyvinvoinnin ja terveyden edistämisen aktiivisuudesta; tarkista kierroksen ajankohta THL:n aikataulusta.', 3, 5, 'even-years', NULL, NULL, '#2e7d32',
   'THL, TEAviisari (teaviisari.fi)', 4),
  ('talousarvio', 'kunnat', 'annual', 'Talousarvion ja taloussuunnitelman valmistelu ja hyväksyminen', 'Budget och ekonomiplan', 'Budget and financial plan',
   'Valtuusto hyväksyy vuoden loppuun mennessä talousarvion seuraavalle vuodelle ja vähintään kolmen vuoden taloussuunnitelman; hyvinvoinnin tilannekuva tukee valmistelua.', 8, 12, 'yearly', NULL, NULL, '#5b6770',
   'Kuntalaki 410/2015, 110 §', 5),
  ('hyvinvointineuvottelut', 'hyvinvointialue', 'annual', 'Hyvinvointialueen ja kuntien hyvinvointineuvottelut', 'Välfärdsförhandlingar mellan välfärdsområdet och kommunerna', 'Wellbeing negotiations between county and municipalities',
   'Hyvinvointialue ja sen alueen kunnat neuvottelevat vuosittain hyvinvoinnin ja terveyden edistämisen tavoitteista, toimenpiteistä, yhteistyöstä ja seurannasta.', 4, 5, 'yearly', NULL, NULL, '#6a1b9a',
   'Laki sosiaali- ja terveydenhuollon järjestämisestä 612/2021, 7 §', 6),
  ('tilannekuvaseminaari', 'maakunta', 'annual', 'Hyvinvoinnin tilannekuvaseminaari talous- ja toimintasuunnittelun tueksi', 'Seminarium om välfärdslägesbilden', 'Situation-picture seminar for budget planning',
   'Vuosittain järjestettävä seminaari, joka tukee kuntien talous- ja toimintasuunnittelua.', 9, 9, 'yearly', NULL, NULL, '#b24400',
   'Pohjois-Pohjanmaan hyvinvointisopimus 2019–2025', 7),
  ('hyvinvointifoorumi', 'maakunta', 'annual', 'Pohjois-Pohjanmaan hyvinvointifoorumi', 'Välfärdsforum i Norra Österbotten', 'North Ostrobothnia wellbeing forum',
   'Foorumi välittää hyviä käytäntöjä, lisää yhteistyötä ja kumppanuutta sekä vahvistaa osaamista.', 11, 11, 'yearly', NULL, NULL, '#b24400',
   'Pohjois-Pohjanmaan hyvinvointisopimus 2019–2025', 8),
  ('jarjestoavustukset', 'jarjestot', 'annual', 'Järjestöjen avustushaut ja toimintasuunnitelmat', 'Organisationernas bidragsansökningar', 'Grant applications and plans of NGOs',
   'Kuntien ja hyvinvointialueen järjestöavustusten haut sekä järjestöjen seuraavan vuoden suunnittelu; sovi ajankohdat paikallisesti.', 10, 1, 'yearly', NULL, NULL, '#00695c',
   'Pohjois-Pohjanmaan hyvinvointisopimus 2019–2025: yhteistyö järjestöjen kanssa', 9),
  ('kuntastrategia', 'kunnat', 'term', 'Kuntastrategian laadinta tai tarkistus', 'Kommunstrategin', 'Municipal strategy',
   'Kuntastrategia tarkistetaan vähintään kerran valtuustokaudessa; hyvinvointikertomus on sen lähtötieto.', NULL, NULL, 'yearly', 1, 1, '#5b6770',
   'Kuntalaki 410/2015, 37 §', 10),
  ('laaja-hyvinvointikertomus', 'kunnat', 'term', 'Laaja hyvinvointikertomus ja -suunnitelma valtuustokaudelle', 'Omfattande välfärdsberättelse och välfärdsplan', 'Broad wellbeing report and plan for the term',
   'Valtuustolle valmistellaan kerran valtuustokaudessa laajempi hyvinvointikertomus ja -suunnitelma.', NULL, NULL, 'yearly', 1, 1, '#00508c',
   'Laki sosiaali- ja terveydenhuollon järjestämisestä 612/2021, 6 §', 11),
  ('alueellinen-hyvinvointikertomus', 'hyvinvointialue', 'term', 'Alueellinen hyvinvointikertomus ja -suunnitelma', 'Regional välfärdsberättelse och välfärdsplan', 'Regional wellbeing report and plan',
   'Hyvinvointialue laatii aluevaltuustolle kerran valtuustokaudessa alueellisen hyvinvointikertomuksen ja -suunnitelman yhteistyössä kuntien kanssa.', NULL, NULL, 'yearly', 1, 1, '#6a1b9a',
   'Laki sosiaali- ja terveydenhuollon järjestämisestä 612/2021, 7 §', 12),
  ('valiarvio', 'kunnat', 'term', 'Hyvinvointisuunnitelman väliarvio', 'Halvtidsutvärdering av välfärdsplanen', 'Mid-term review of the wellbeing plan',
   'Valtuustokauden puolivälissä arvioidaan, miten suunnitelma on toteutunut, ja tarkistetaan toimenpiteet.', NULL, NULL, 'yearly', 2, 3, '#00508c',
   'Vakiintunut käytäntö; THL:n hyvinvointikertomuksen ohjeistus', 13),
  ('kauden-arviointi', 'kunnat', 'term', 'Valtuustokauden hyvinvointityön arviointi ja seuraavan kauden valmistelu', 'Utvärdering av fullmäktigeperioden', 'Evaluation of the term and preparing the next',
   'Kauden viimeisenä vuonna arvioidaan tulokset ja valmistellaan tietopohja seuraavan valtuustokauden laajaan hyvinvointikertomukseen.', NULL, NULL, 'yearly', 4, 4, '#00508c',
   'Laki sosiaali- ja terveydenhuollon järjestämisestä 612/2021, 6 §', 14);

-- The network's regional clock, filled from the template.
INSERT INTO clocks (id, slug, name_fi, name_sv, name_en, organisation_id, start_month, created_at) VALUES
  (1, 'pohjois-pohjanmaa', 'Pohjois-Pohjanmaan hyvinvointityön vuosikello', 'Årsklockan för välfärdsarbetet i Norra Österbotten', 'Annual clock of wellbeing work in North Ostrobothnia', NULL, 1, '2026-01-01T00:00:00Z');

INSERT INTO clock_rings (clock_id, slug, name_fi, name_sv, name_en, position) VALUES
  (1, 'kunnat', 'Kunnat', 'Kommunerna', 'Municipalities', 0),
  (1, 'hyvinvointialue', 'Hyvinvointialue', 'Välfärdsområdet', 'Wellbeing county', 1),
  (1, 'maakunta', 'Maakunta ja verkosto', 'Landskapet och nätverket', 'Region and network', 2),
  (1, 'jarjestot', 'Järjestöt', 'Organisationerna', 'NGOs', 3);

-- Items 1–4 existed before (events may name them): they become the regional clock's items.
UPDATE clock_items SET template_key = CASE id WHEN 1 THEN 'tilannekuvaseminaari' WHEN 2 THEN 'hyvinvointifoorumi' WHEN 3 THEN 'hyvinvointikertomus-vuosiraportti' WHEN 4 THEN 'hyvinvointineuvottelut' END
WHERE id IN (1, 2, 3, 4);

INSERT INTO clock_items (title_fi, title_sv, title_en, template_key)
SELECT title_fi, title_sv, title_en, key FROM clock_template_items
WHERE key NOT IN (SELECT template_key FROM clock_items WHERE template_key IS NOT NULL)
ORDER BY position;

UPDATE clock_items SET
  clock_id = 1,
  ring_id = (SELECT r.id FROM clock_rings r JOIN clock_template_items t ON t.ring = r.slug WHERE r.clock_id = 1 AND t.key = clock_items.template_key),
  kind = (SELECT kind FROM clock_template_items WHERE key = clock_items.template_key),
  title_fi = (SELECT title_fi FROM clock_template_items WHERE key = clock_items.template_key),
  title_sv = (SELECT title_sv FROM clock_template_items WHERE key = clock_items.template_key),
  title_en = (SELECT title_en FROM clock_template_items WHERE key = clock_items.template_key),
  description_fi = (SELECT description_fi FROM clock_template_items WHERE key = clock_items.template_key),
  start_month = (SELECT start_month FROM clock_template_items WHERE key = clock_items.template_key),
  end_month = (SELECT end_month FROM clock_template_items WHERE key = clock_items.template_key),
  repeat = (SELECT repeat FROM clock_template_items WHERE key = clock_items.template_key),
  term_year_start = (SELECT term_year_start FROM clock_template_items WHERE key = clock_items.template_key),
  term_year_end = (SELECT term_year_end FROM clock_template_items WHERE key = clock_items.template_key),
  colour = (SELECT colour FROM clock_template_items WHERE key = clock_items.template_key),
  source = (SELECT source FROM clock_template_items WHERE key = clock_items.template_key),
  responsible_organisation_id = CASE WHEN template_key IN ('tilannekuvaseminaari', 'hyvinvointineuvottelut') THEN 1 WHEN template_key = 'hyvinvointifoorumi' THEN 2 ELSE NULL END
WHERE template_key IS NOT NULL;
