-- Migration 0018: the full statutory template of the annual and council-term
-- clock, and planning back from a decision date.
--
-- Every template item names its source: a document whose text was checked
-- (the North Ostrobothnia wellbeing agreement 2019–2025, the wellbeing
-- county's strategy 2023–2030, the county's page on wellbeing work), or
-- 'Vakiintunut käytäntö' (established practice) where no stored text could
-- be checked. Sections of acts that could not be checked are not cited.

-- A decision an annual item leads to every year and its preparation steps in
-- working days before it: {"title": {fi, sv, en}, "month", "day", "steps": [{"title", "workingDaysBefore"}]}.
-- The dates are computed (over Finnish holidays) when the clock is read.
ALTER TABLE clock_items ADD COLUMN decision TEXT CHECK (decision IS NULL OR (json_valid(decision) AND json_type(decision) = 'object'));
ALTER TABLE clock_template_items ADD COLUMN decision TEXT CHECK (decision IS NULL OR (json_valid(decision) AND json_type(decision) = 'object'));

-- Sources of the first template items, checked again.
UPDATE clock_items SET source = 'Vakiintunut käytäntö', updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
WHERE template_key IN ('tilinpaatos', 'hyvinvointikertomus-vuosiraportti', 'kouluterveyskysely', 'tea-tiedonkeruu', 'talousarvio', 'hyvinvointineuvottelut',
    'jarjestoavustukset', 'kuntastrategia', 'laaja-hyvinvointikertomus', 'alueellinen-hyvinvointikertomus', 'valiarvio', 'kauden-arviointi')
  AND source = (SELECT t.source FROM clock_template_items t WHERE t.key = clock_items.template_key);
UPDATE clock_template_items SET source = 'Vakiintunut käytäntö'
WHERE key IN ('tilinpaatos', 'hyvinvointikertomus-vuosiraportti', 'kouluterveyskysely', 'tea-tiedonkeruu', 'talousarvio', 'hyvinvointineuvottelut',
    'jarjestoavustukset', 'kuntastrategia', 'laaja-hyvinvointikertomus', 'alueellinen-hyvinvointikertomus', 'valiarvio', 'kauden-arviointi');

INSERT INTO clock_template_items (key, ring, kind, title_fi, title_sv, title_en, short_title_fi, short_title_sv, short_title_en, description_fi,
    start_month, end_month, repeat, term_year_start, term_year_end, colour, category, source, position) VALUES
  -- Annual items: municipalities.
  ('hyvinvointiryhman-vuosisuunnittelu', 'kunnat', 'annual',
   'Hyvinvointiryhmä arvioi edellisen vuoden ja suunnittelee alkavan', 'Välfärdsgruppen utvärderar föregående år och planerar det nya', 'The wellbeing group reviews the past year and plans the new one',
   'Hyvinvointiryhmän vuosisuunnittelu', 'Välfärdsgruppens årsplan', 'Wellbeing group planning',
   'Kunnan hyvinvointiryhmä tai johtoryhmä johtaa, ohjaa ja seuraa hyvinvointityötä; alkuvuonna kootaan edellisen vuoden tulokset vuosiraportin pohjaksi.',
   1, 2, 'yearly', NULL, NULL, '#00508c', 'hyvinvointikertomus', 'Pohjois-Pohjanmaan hyvinvointisopimus 2019–2025', 15),
  ('hyvinvointitiedon-paivitys', 'kunnat', 'annual',
   'Hyvinvointitiedon päivitys: tilastot ja yhteiset mittarit', 'Uppdatering av välfärdsdata: statistik och gemensamma mätare', 'Updating wellbeing data: statistics and shared indicators',
   'Hyvinvointitiedon päivitys', 'Välfärdsdata', 'Wellbeing data',
   'Vuosiraportin ja tilannekuvan tiedot päivitetään yhteisillä hyvinvoinnin mittareilla tiedolla johtamisen tueksi.',
   1, 3, 'yearly', NULL, NULL, '#2e7d32', 'tiedonkeruu', 'Pohjois-Pohjanmaan hyvinvointisopimus 2019–2025', 16),
  ('arviointikertomus', 'kunnat', 'annual',
   'Tarkastuslautakunnan arviointikertomus valtuustolle', 'Revisionsnämndens utvärderingsberättelse till fullmäktige', 'Audit committee evaluation report to the council',
   'Arviointikertomus', 'Utvärderingsberättelse', 'Evaluation report',
   'Tarkastuslautakunta arvioi, miten valtuuston asettamat tavoitteet, myös hyvinvointitavoitteet, ovat toteutuneet.',
   4, 6, 'yearly', NULL, NULL, '#5b6770', 'talous', 'Vakiintunut käytäntö', 17),
  ('hyvinvointitavoitteet-talousarvioon', 'kunnat', 'annual',
   'Hyvinvointitavoitteet ja -toimenpiteet talousarvioon', 'Välfärdsmål och åtgärder i budgeten', 'Wellbeing goals and measures in the budget',
   'Hyvinvointitavoitteet', 'Välfärdsmål', 'Wellbeing goals',
   'Hyvinvointisuunnitelman tavoitteet ja seuraavan vuoden toimenpiteet kirjataan talousarvioon ja toimintasuunnitelmaan.',
   8, 10, 'yearly', NULL, NULL, '#00508c', 'hyvinvointikertomus', 'Vakiintunut käytäntö', 18),
  ('vaikuttamistoimielinten-kuuleminen', 'kunnat', 'annual',
   'Vanhus- ja vammaisneuvoston sekä nuorisovaltuuston kuuleminen talousarviosta', 'Äldrerådet, rådet för personer med funktionsnedsättning och ungdomsfullmäktige hörs om budgeten', 'The older people''s, disability and youth councils are heard on the budget',
   'Vaikuttamistoimielinten kuuleminen', 'Påverkansorganen hörs', 'Councils heard on the budget',
   'Vaikuttamistoimielimille varataan mahdollisuus lausua talousarvioluonnoksesta ennen sen käsittelyä.',
   9, 10, 'yearly', NULL, NULL, '#455a64', 'muu', 'Vakiintunut käytäntö', 19),
  -- Annual items: the wellbeing county.
  ('alueen-hyvinvointiraportti', 'hyvinvointialue', 'annual',
   'Hyvinvointialueen vuosiraportti hyvinvoinnista aluevaltuustolle', 'Välfärdsområdets årliga välfärdsrapport till välfärdsområdesfullmäktige', 'The county''s yearly wellbeing report to the county council',
   'Alueen vuosiraportti', 'Områdets årsrapport', 'County yearly report',
   'Aluevaltuustolle raportoidaan vuosittain asukkaiden hyvinvoinnista ja terveydestä sekä toteutetuista toimenpiteistä.',
   3, 6, 'yearly', NULL, NULL, '#00508c', 'hyvinvointikertomus', 'Vakiintunut käytäntö', 20),
  ('alueen-tilinpaatos', 'hyvinvointialue', 'annual',
   'Hyvinvointialueen tilinpäätös ja toimintakertomus', 'Välfärdsområdets bokslut och verksamhetsberättelse', 'The county''s financial statements and annual report',
   'Alueen tilinpäätös', 'Områdets bokslut', 'County statements',
   'Aluehallitus laatii tilinpäätöksen ja toimintakertomuksen, jotka aluevaltuusto käsittelee.',
   2, 6, 'yearly', NULL, NULL, '#5b6770', 'talous', 'Vakiintunut käytäntö', 21),
  ('alueen-talousarvio', 'hyvinvointialue', 'annual',
   'Hyvinvointialueen talousarvio ja taloussuunnitelma', 'Välfärdsområdets budget och ekonomiplan', 'The county''s budget and financial plan',
   'Alueen talousarvio', 'Områdets budget', 'County budget',
   'Aluevaltuusto hyväksyy seuraavan vuoden talousarvion ja taloussuunnitelman loppuvuodesta.',
   8, 12, 'yearly', NULL, NULL, '#5b6770', 'talous', 'Vakiintunut käytäntö', 22),
  ('strategian-seuranta', 'hyvinvointialue', 'annual',
   'Hyvinvointialuestrategian toimenpiteiden ja mittareiden seuranta', 'Uppföljning av välfärdsområdesstrategins åtgärder och mätare', 'Following up the county strategy''s measures and indicators',
   'Strategian seuranta', 'Strategiuppföljning', 'Strategy follow-up',
   'Strategian toimenpiteet ja mittarit tekevät painopisteistä tekoja; niiden toteutuminen käydään läpi talousarvion valmistelun alla.',
   8, 9, 'yearly', NULL, NULL, '#5b6770', 'talous', 'Pohjois-Pohjanmaan hyvinvointialueen strategia 2023–2030', 23),
  ('vaikuttamistoimielinten-tilaisuudet', 'hyvinvointialue', 'annual',
   'Hyvinvointialueen yhteistyötilaisuudet kuntien vaikuttamistoimielimille', 'Välfärdsområdets möten med kommunernas påverkansorgan', 'County meetings with the municipalities'' advisory councils',
   'Vaikuttamistoimielinten tilaisuudet', 'Möten med påverkansorgan', 'Advisory council meetings',
   'Kuntien vanhus- ja vammaisneuvostot sekä nuorisovaltuustot kuullaan hyvinvointialueen suunnitelmista.',
   10, 11, 'yearly', NULL, NULL, '#6a1b9a', 'yhteistyo', 'Vakiintunut käytäntö', 24),
  -- Annual items: the region and the network.
  ('sopimuksen-seuranta', 'maakunta', 'annual',
   'Hyvinvoinnin yhteistyöryhmä seuraa hyvinvointisopimusta', 'Samarbetsgruppen för välfärd följer upp välfärdsavtalet', 'The wellbeing cooperation group follows up the agreement',
   'Sopimuksen seuranta', 'Avtalsuppföljning', 'Agreement follow-up',
   'Sopimuksen ohjauksesta ja seurannasta vastaa Pohjois-Pohjanmaan hyvinvoinnin yhteistyöryhmä; seurannassa käytetään yhteisiä mittareita.',
   2, 3, 'yearly', NULL, NULL, '#6a1b9a', 'yhteistyo', 'Pohjois-Pohjanmaan hyvinvointisopimus 2019–2025', 25),
  ('johtajaverkostot', 'maakunta', 'annual',
   'Sivistysjohtajien sekä sosiaali- ja terveysjohtajien verkostojen kokoontumiset', 'Möten för nätverken av bildningsdirektörer och social- och hälsovårdsdirektörer', 'Meetings of the education directors'' and social and health directors'' networks',
   'Johtajaverkostot', 'Direktörsnätverken', 'Directors'' networks',
   'Hyvinvointijohtajat ovat osa sivistys- sekä sosiaali- ja terveysjohtajien verkostoja, joiden toimintaa kehitetään yhdessä.',
   3, 4, 'yearly', NULL, NULL, '#b24400', 'verkosto', 'Pohjois-Pohjanmaan hyvinvointisopimus 2019–2025', 26),
  ('yhdyshenkiloverkosto', 'maakunta', 'annual',
   'Hyvinvointi- ja järjestöyhdyshenkilöiden verkostotapaaminen', 'Nätverksmöte för kontaktpersoner för välfärd och organisationer', 'Network meeting of wellbeing and NGO contact persons',
   'Yhdyshenkilöverkosto', 'Kontaktpersonsnätverket', 'Contact persons'' network',
   'Kuntien hyvinvointi- ja järjestöyhdyshenkilöiden yhteistyö on kiinteä osa hyvinvointiekosysteemiä.',
   5, 5, 'yearly', NULL, NULL, '#b24400', 'verkosto', 'Pohjois-Pohjanmaan hyvinvointisopimus 2019–2025', 27),
  ('tilannekuvan-kokoaminen', 'maakunta', 'annual',
   'Hyvinvoinnin tilannekuvan kokoaminen yhteisillä mittareilla', 'Välfärdslägesbilden sammanställs med gemensamma mätare', 'Compiling the wellbeing situation picture on shared indicators',
   'Tilannekuvan kokoaminen', 'Lägesbilden sammanställs', 'Situation picture',
   'Tilannekuvaseminaaria varten kootaan kuntien ja alueen hyvinvointitieto yhteisillä mittareilla.',
   6, 8, 'yearly', NULL, NULL, '#2e7d32', 'tiedonkeruu', 'Pohjois-Pohjanmaan hyvinvointisopimus 2019–2025', 28),
  ('kulttuurihyvinvointiverkosto', 'maakunta', 'annual',
   'Kulttuurihyvinvointiverkoston tapaaminen', 'Möte för nätverket för kulturell välfärd', 'Cultural wellbeing network meeting',
   'Kulttuurihyvinvointi', 'Kulturell välfärd', 'Cultural wellbeing',
   'Kulttuurihyvinvointiverkoston yhteistyö on osa maakunnan hyvinvointiekosysteemiä.',
   10, 10, 'yearly', NULL, NULL, '#b24400', 'verkosto', 'Pohjois-Pohjanmaan hyvinvointisopimus 2019–2025', 29),
  -- Annual items: NGOs.
  ('jarjestojen-kevatkokoukset', 'jarjestot', 'annual',
   'Järjestöjen kevätkokoukset: toimintakertomukset ja tilinpäätökset', 'Organisationernas vårmöten: verksamhetsberättelser och bokslut', 'NGOs'' spring meetings: annual reports and accounts',
   'Kevätkokoukset', 'Vårmöten', 'Spring meetings',
   'Yhdistykset käsittelevät edellisen vuoden toimintakertomuksen ja tilinpäätöksen; niistä saa tietoa kunnan hyvinvointikertomukseen.',
   3, 5, 'yearly', NULL, NULL, '#00695c', 'jarjestot', 'Vakiintunut käytäntö', 30),
  ('kumppanuustapaaminen', 'jarjestot', 'annual',
   'Järjestöjen ja seurakuntien kumppanuustapaaminen hyvinvointialueen kanssa', 'Partnerskapsmöte för organisationer och församlingar med välfärdsområdet', 'Partnership meeting of NGOs and parishes with the county',
   'Kumppanuustapaaminen', 'Partnerskapsmöte', 'Partnership meeting',
   'Järjestöt ja seurakunnat toimivat hyvinvointialueen kumppaneina hyvinvoinnin, terveyden ja turvallisuuden edistämisessä.',
   8, 9, 'yearly', NULL, NULL, '#00695c', 'jarjestot', 'Pohjois-Pohjanmaan hyvinvointialue: Hyvinvointityö', 31),
  -- Council-term items.
  ('lasten-ja-nuorten-suunnitelma', 'kunnat', 'term',
   'Lasten ja nuorten hyvinvointisuunnitelma', 'Välfärdsplan för barn och unga', 'Child and youth wellbeing plan',
   'Lasten ja nuorten suunnitelma', 'Plan för barn och unga', 'Child and youth plan',
   'Suunnitelma lasten ja nuorten hyvinvoinnin edistämiseksi ja lastensuojelun järjestämiseksi ja kehittämiseksi; valtuusto hyväksyy sen.',
   NULL, NULL, 'yearly', 1, 1, '#00508c', 'hyvinvointikertomus', 'Vakiintunut käytäntö', 32),
  ('ikaantyneen-vaeston-suunnitelma', 'kunnat', 'term',
   'Suunnitelma ikääntyneen väestön tukemiseksi', 'Plan för att stödja den äldre befolkningen', 'Plan to support the older population',
   'Ikääntyneen väestön suunnitelma', 'Plan för äldre', 'Older population plan',
   'Suunnitelma ikääntyneen väestön hyvinvoinnin, terveyden ja itsenäisen suoriutumisen tukemiseksi; vanhusneuvosto osallistuu valmisteluun.',
   NULL, NULL, 'yearly', 1, 1, '#00508c', 'hyvinvointikertomus', 'Vakiintunut käytäntö', 33),
  ('kotoutumisohjelma', 'kunnat', 'term',
   'Kotoutumisen edistämisen ohjelma', 'Program för främjande av integration', 'Integration programme',
   'Kotoutumisohjelma', 'Integrationsprogram', 'Integration programme',
   'Kunnan ohjelma kotoutumisen edistämiseksi laaditaan yhteistyössä hyvinvointialueen ja muiden toimijoiden kanssa.',
   NULL, NULL, 'yearly', 1, 2, '#00508c', 'hyvinvointikertomus', 'Vakiintunut käytäntö', 34),
  ('vaikuttamistoimielinten-asettaminen', 'kunnat', 'term',
   'Vanhusneuvoston, vammaisneuvoston ja nuorisovaltuuston asettaminen', 'Äldrerådet, rådet för personer med funktionsnedsättning och ungdomsfullmäktige tillsätts', 'Setting up the older people''s, disability and youth councils',
   'Vaikuttamistoimielimet', 'Påverkansorganen', 'Advisory councils',
   'Kunnanhallitus asettaa vaikuttamistoimielimet valtuustokauden alussa ja huolehtii niiden toimintaedellytyksistä.',
   NULL, NULL, 'yearly', 1, 1, '#455a64', 'muu', 'Vakiintunut käytäntö', 35),
  ('hyvinvointialuestrategia', 'hyvinvointialue', 'term',
   'Hyvinvointialuestrategian laadinta tai tarkistus', 'Välfärdsområdesstrategin utarbetas eller ses över', 'Drafting or reviewing the county strategy',
   'Hyvinvointialuestrategia', 'Välfärdsområdesstrategi', 'County strategy',
   'Hyvinvointialueen strategia on lain edellyttämä asiakirja; sitä täydentävät ohjelmat ja suunnitelmat, kuten sosiaali- ja terveyspalveluiden järjestämissuunnitelma.',
   NULL, NULL, 'yearly', 1, 1, '#5b6770', 'talous', 'Pohjois-Pohjanmaan hyvinvointialueen strategia 2023–2030', 36),
  ('alueen-vaikuttamistoimielimet', 'hyvinvointialue', 'term',
   'Hyvinvointialueen vaikuttamistoimielinten asettaminen', 'Välfärdsområdets påverkansorgan tillsätts', 'Setting up the county''s advisory councils',
   'Alueen vaikuttamistoimielimet', 'Områdets påverkansorgan', 'County advisory councils',
   'Aluehallitus asettaa hyvinvointialueen vanhus- ja vammaisneuvoston sekä nuorisovaltuuston valtuustokauden alussa.',
   NULL, NULL, 'yearly', 1, 1, '#6a1b9a', 'yhteistyo', 'Vakiintunut käytäntö', 37),
  ('hyvinvointisopimuksen-uudistaminen', 'maakunta', 'term',
   'Maakunnallisen hyvinvointisopimuksen uudistaminen', 'Det regionala välfärdsavtalet förnyas', 'Renewing the regional wellbeing agreement',
   'Hyvinvointisopimus', 'Välfärdsavtal', 'Wellbeing agreement',
   'Hyvinvointisopimus on voimassa valtuustokauden loppuun; uusi sopimus valmistellaan kauden alussa kuntien ja kumppaneiden kanssa.',
   NULL, NULL, 'yearly', 1, 1, '#6a1b9a', 'yhteistyo', 'Pohjois-Pohjanmaan hyvinvointisopimus 2019–2025', 38),
  ('kumppanuusmalli', 'jarjestot', 'term',
   'Kunnan hyvinvointikumppanuuden ja yhteistyötapojen sopiminen järjestöjen kanssa', 'Kommunens välfärdspartnerskap och samarbetsformer med organisationerna', 'Agreeing the municipality''s wellbeing partnership with NGOs',
   'Hyvinvointikumppanuus', 'Välfärdspartnerskap', 'Wellbeing partnership',
   'Jokainen kunta määrittelee itse yhdessä tekemisen ja kehittämisen tavat sekä hyvinvointikumppanuuden.',
   NULL, NULL, 'yearly', 1, 2, '#00695c', 'jarjestot', 'Pohjois-Pohjanmaan hyvinvointisopimus 2019–2025', 39);

-- Two template items come with a decision to plan back from (a municipality moves the day to its own council's meeting).
UPDATE clock_template_items SET decision = json('{"title":{"fi":"Valtuusto käsittelee hyvinvointikertomuksen vuosiraportin","sv":"Fullmäktige behandlar den årliga välfärdsrapporten","en":"The council considers the yearly wellbeing report"},"month":6,"day":15,"steps":[{"title":{"fi":"Lautakunta","sv":"Nämnden","en":"Committee"},"workingDaysBefore":25},{"title":{"fi":"Kunnanhallitus","sv":"Kommunstyrelsen","en":"Municipal board"},"workingDaysBefore":15},{"title":{"fi":"Esityslistan määräaika","sv":"Föredragningslistans sista dag","en":"Agenda deadline"},"workingDaysBefore":10}]}')
WHERE key = 'hyvinvointikertomus-vuosiraportti';
UPDATE clock_template_items SET decision = json('{"title":{"fi":"Valtuusto hyväksyy talousarvion ja taloussuunnitelman","sv":"Fullmäktige godkänner budgeten och ekonomiplanen","en":"The council approves the budget and financial plan"},"month":12,"day":10,"steps":[{"title":{"fi":"Lautakunnat","sv":"Nämnderna","en":"Committees"},"workingDaysBefore":25},{"title":{"fi":"Kunnanhallitus","sv":"Kommunstyrelsen","en":"Municipal board"},"workingDaysBefore":15},{"title":{"fi":"Esityslistan määräaika","sv":"Föredragningslistans sista dag","en":"Agenda deadline"},"workingDaysBefore":10}]}')
WHERE key = 'talousarvio';
UPDATE clock_items SET decision = (SELECT t.decision FROM clock_template_items t WHERE t.key = clock_items.template_key), updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
WHERE template_key IN ('hyvinvointikertomus-vuosiraportti', 'talousarvio') AND decision IS NULL
  AND clock_id = (SELECT min(id) FROM clocks WHERE organisation_id IS NULL);

-- The regional clock gets the new template items.
INSERT INTO clock_items (clock_id, ring_id, kind, title_fi, title_sv, title_en, short_title_fi, short_title_sv, short_title_en, description_fi,
    start_month, end_month, repeat, term_year_start, term_year_end, colour, category, source, template_key, updated_at)
SELECT c.id, (SELECT r.id FROM clock_rings r WHERE r.clock_id = c.id AND r.slug = t.ring), t.kind, t.title_fi, t.title_sv, t.title_en,
       t.short_title_fi, t.short_title_sv, t.short_title_en, t.description_fi, t.start_month, t.end_month, t.repeat, t.term_year_start, t.term_year_end,
       t.colour, t.category, t.source, t.key, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM clock_template_items t JOIN clocks c ON c.organisation_id IS NULL
WHERE c.id = (SELECT min(id) FROM clocks WHERE organisation_id IS NULL)
  AND EXISTS (SELECT 1 FROM clock_rings r WHERE r.clock_id = c.id AND r.slug = t.ring)
  AND t.key NOT IN (SELECT template_key FROM clock_items WHERE clock_id = c.id AND template_key IS NOT NULL)
ORDER BY t.position;

-- The clock changed: its feed gets a new ETag.
INSERT INTO audit_log (at, via, action, entity, entity_id, before_json, after_json)
SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'system', 'update', 'clock', slug, NULL, json_object('template', 'statutory', 'migration', '0018')
FROM clocks WHERE id = (SELECT min(id) FROM clocks WHERE organisation_id IS NULL);
