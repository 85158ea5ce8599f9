-- Migration 0002: reference data of the North Ostrobothnia wellbeing network.
-- Slugs are part of the public API (filters, feed URLs): never change them.

INSERT INTO areas (id, slug, name_fi, name_sv, name_en) VALUES
  (1, 'oulu', 'Oulu', 'Uleåborg', 'Oulu'),
  (2, 'oulun-etelainen', 'Oulun eteläinen', 'Södra Uleåborg', 'Southern Oulu region'),
  (3, 'lakeus', 'Lakeus', 'Lakeus', 'Lakeus'),
  (4, 'oulunkaari', 'Oulunkaari', 'Oulunkaari', 'Oulunkaari'),
  (5, 'koillismaa', 'Koillismaa', 'Koillismaa', 'Koillismaa'),
  (6, 'rannikkoseutu', 'Rannikkoseutu', 'Kustregionen', 'Coastal region');

-- The 30 municipalities of North Ostrobothnia, with Statistics Finland codes.
INSERT INTO municipalities (id, slug, code, name_fi, name_sv, name_en, area_id) VALUES
  (1, 'alavieska', '009', 'Alavieska', 'Alavieska', 'Alavieska', 2),
  (2, 'haapajarvi', '069', 'Haapajärvi', 'Haapajärvi', 'Haapajärvi', 2),
  (3, 'haapavesi', '071', 'Haapavesi', 'Haapavesi', 'Haapavesi', 2),
  (4, 'hailuoto', '072', 'Hailuoto', 'Karlö', 'Hailuoto', 3),
  (5, 'ii', '139', 'Ii', 'Ijo', 'Ii', 4),
  (6, 'kalajoki', '208', 'Kalajoki', 'Kalajoki', 'Kalajoki', 2),
  (7, 'kempele', '244', 'Kempele', 'Kempele', 'Kempele', 3),
  (8, 'kuusamo', '305', 'Kuusamo', 'Kuusamo', 'Kuusamo', 5),
  (9, 'karsamaki', '317', 'Kärsämäki', 'Kärsämäki', 'Kärsämäki', 2),
  (10, 'liminka', '425', 'Liminka', 'Limingo', 'Liminka', 3),
  (11, 'lumijoki', '436', 'Lumijoki', 'Lumijoki', 'Lumijoki', 3),
  (12, 'merijarvi', '483', 'Merijärvi', 'Merijärvi', 'Merijärvi', 2),
  (13, 'muhos', '494', 'Muhos', 'Muhos', 'Muhos', 3),
  (14, 'nivala', '535', 'Nivala', 'Nivala', 'Nivala', 2),
  (15, 'oulainen', '563', 'Oulainen', 'Oulainen', 'Oulainen', 2),
  (16, 'oulu', '564', 'Oulu', 'Uleåborg', 'Oulu', 1),
  (17, 'pudasjarvi', '615', 'Pudasjärvi', 'Pudasjärvi', 'Pudasjärvi', 4),
  (18, 'pyhajoki', '625', 'Pyhäjoki', 'Pyhäjoki', 'Pyhäjoki', 6),
  (19, 'pyhajarvi', '626', 'Pyhäjärvi', 'Pyhäjärvi', 'Pyhäjärvi', 2),
  (20, 'pyhanta', '630', 'Pyhäntä', 'Pyhäntä', 'Pyhäntä', 2),
  (21, 'raahe', '678', 'Raahe', 'Brahestad', 'Raahe', 6),
  (22, 'reisjarvi', '691', 'Reisjärvi', 'Reisjärvi', 'Reisjärvi', 2),
  (23, 'sievi', '746', 'Sievi', 'Sievi', 'Sievi', 2),
  (24, 'siikajoki', '748', 'Siikajoki', 'Siikajoki', 'Siikajoki', 6),
  (25, 'siikalatva', '791', 'Siikalatva', 'Siikalatva', 'Siikalatva', 2),
  (26, 'taivalkoski', '832', 'Taivalkoski', 'Taivalkoski', 'Taivalkoski', 5),
  (27, 'tyrnava', '859', 'Tyrnävä', 'Tyrnävä', 'Tyrnävä', 3),
  (28, 'utajarvi', '889', 'Utajärvi', 'Utajärvi', 'Utajärvi', 4),
  (29, 'vaala', '785', 'Vaala', 'Vaala', 'Vaala', 4),
  (30, 'ylivieska', '977', 'Ylivieska', 'Ylivieska', 'Ylivieska', 2);

INSERT INTO event_types (id, slug, name_fi, name_sv, name_en) VALUES
  (1, 'tilannekuvaseminaari', 'Hyvinvoinnin tilannekuvaseminaari', 'Seminarium om välfärdslägesbilden', 'Wellbeing situation-picture seminar'),
  (2, 'hyvinvointifoorumi', 'Hyvinvointifoorumi', 'Välfärdsforum', 'Wellbeing forum'),
  (3, 'tyopaja', 'Työpaja', 'Workshop', 'Workshop'),
  (4, 'koulutus', 'Koulutus tai valmennus', 'Utbildning', 'Training'),
  (5, 'verkostotapaaminen', 'Verkostotapaaminen', 'Nätverksmöte', 'Network meeting'),
  (6, 'webinaari', 'Webinaari', 'Webbinarium', 'Webinar'),
  (7, 'muu', 'Muu tapahtuma', 'Annat evenemang', 'Other event');

-- Networks named in the wellbeing agreement and the wellbeing cooperation pages.
INSERT INTO networks (id, slug, name_fi, name_sv, name_en, description_fi) VALUES
  (1, 'sivistysjohtajat', 'Sivistysjohtajien verkosto', 'Nätverket för bildningsdirektörer', 'Network of education directors', 'Pohjois-Pohjanmaan kuntien sivistysjohtajat; hyvinvointijohtajat ovat osa verkostoa.'),
  (2, 'sote-johtajat', 'Sosiaali- ja terveysjohtajien verkosto', 'Nätverket för social- och hälsovårdsdirektörer', 'Network of social and health directors', 'Sosiaali- ja terveysjohtajien alueellinen verkosto.'),
  (3, 'hyvinvointiyhdyshenkilot', 'Kuntien hyvinvointiyhdyshenkilöiden verkosto', 'Nätverket för kommunernas välfärdskontaktpersoner', 'Network of municipal wellbeing contacts', 'Kuntien hyvinvointikoordinaattorit ja -yhdyshenkilöt.'),
  (4, 'jarjestoyhdyshenkilot', 'Kuntien järjestöyhdyshenkilöiden verkosto', 'Nätverket för kommunernas organisationskontaktpersoner', 'Network of municipal NGO contacts', 'Kuntien järjestöyhdyshenkilöt ja järjestöyhteistyön toimijat.'),
  (5, 'kulttuurihyvinvointi', 'Kulttuurihyvinvointiverkosto', 'Nätverket för kulturell välfärd', 'Cultural wellbeing network', 'Kulttuurin ja taiteen hyvinvointivaikutuksia edistävä verkosto.'),
  (6, 'mielen-hyvinvointi', 'Mielen hyvinvoinnin verkosto', 'Nätverket för psykiskt välbefinnande', 'Mental wellbeing network', 'Mielen hyvinvoinnin edistämisen toimijat.'),
  (7, 'elintapaohjaus', 'Elintapaohjauksen verkosto', 'Nätverket för levnadsvanehandledning', 'Lifestyle guidance network', 'Elintapaohjauksen kehittäjät sote-keskuksissa ja kunnissa.'),
  (8, 'taloudellinen-hyvinvointi', 'Taloudellisen hyvinvoinnin verkosto', 'Nätverket för ekonomiskt välbefinnande', 'Economic wellbeing network', 'Taloudellisen hyvinvoinnin ja toimeentulon puheeksi ottamisen toimijat.'),
  (9, 'osallisuus', 'Osallisuuden ja kehittäjäasiakkaiden verkosto', 'Nätverket för delaktighet', 'Participation and developer-client network', 'Osallisuuden edistäjät, kokemustoimijat ja kehittäjäasiakkaat.'),
  (10, 'hyvinvoinnin-yhteistyoryhma', 'Pohjois-Pohjanmaan hyvinvoinnin yhteistyöryhmä', 'Samarbetsgruppen för välfärd i Norra Österbotten', 'North Ostrobothnia wellbeing cooperation group', 'Hyvinvointisopimuksen ohjauksesta ja seurannasta vastaava ryhmä.');

INSERT INTO audiences (id, slug, name_fi, name_sv, name_en) VALUES
  (1, 'kuntien-viranhaltijat', 'Kuntien viranhaltijat', 'Kommunernas tjänsteinnehavare', 'Municipal officials'),
  (2, 'luottamushenkilot', 'Luottamushenkilöt', 'Förtroendevalda', 'Elected officials'),
  (3, 'hyvinvointialueen-ammattilaiset', 'Hyvinvointialueen ammattilaiset', 'Välfärdsområdets yrkesverksamma', 'Wellbeing county professionals'),
  (4, 'jarjestot', 'Järjestöt ja yhdistykset', 'Organisationer och föreningar', 'NGOs and associations'),
  (5, 'seurakunnat', 'Seurakunnat', 'Församlingar', 'Parishes'),
  (6, 'asukkaat', 'Asukkaat', 'Invånare', 'Residents'),
  (7, 'kokemustoimijat', 'Kokemustoimijat ja kehittäjäasiakkaat', 'Erfarenhetsaktörer och utvecklingsklienter', 'Experts by experience and developer clients'),
  (8, 'johto', 'Johto ja päättäjät', 'Ledning och beslutsfattare', 'Directors and decision-makers');

-- The organisations named in the sources: the wellbeing county and its
-- project, the regional council, the state regional agency, partners, and
-- every municipality (ids 101–130 mirror the municipality ids 1–30).
INSERT INTO organisations (id, slug, name_fi, name_sv, name_en, kind, municipality_id, website) VALUES
  (1, 'pohde', 'Pohjois-Pohjanmaan hyvinvointialue (Pohde)', 'Välfärdsområdet Norra Österbotten', 'North Ostrobothnia Wellbeing Services County', 'wellbeing-county', NULL, 'https://pohde.fi'),
  (2, 'pohjois-pohjanmaan-liitto', 'Pohjois-Pohjanmaan liitto', 'Förbundet för Norra Österbotten', 'Council of Oulu Region', 'regional-council', NULL, 'https://www.pohjois-pohjanmaa.fi'),
  (3, 'aluehallintovirasto', 'Pohjois-Suomen aluehallintovirasto', 'Regionförvaltningsverket i Norra Finland', 'Regional State Administrative Agency for Northern Finland', 'state', NULL, 'https://avi.fi'),
  (4, 'posken', 'Pohjois-Suomen sosiaalialan osaamiskeskus (Posken)', 'Kompetenscentret inom det sociala området i Norra Finland', 'Northern Finland Centre of Expertise on Social Welfare', 'partner', NULL, 'https://www.posken.fi'),
  (5, 'takuusaatio', 'Takuusäätiö', 'Garantistiftelsen', 'The Guarantee Foundation', 'ngo', NULL, 'https://www.takuusaatio.fi'),
  (6, 'hop-hanke', 'HOP – hyvinvointia, osallisuutta ja pärjäämistä -hanke', 'HOP-projektet', 'HOP project (wellbeing, participation, coping)', 'project', NULL, NULL),
  (101, 'alavieskan-kunta', 'Alavieskan kunta', 'Alavieska kommun', 'Municipality of Alavieska', 'municipality', 1, NULL),
  (102, 'haapajarven-kaupunki', 'Haapajärven kaupunki', 'Haapajärvi stad', 'City of Haapajärvi', 'municipality', 2, NULL),
  (103, 'haapaveden-kaupunki', 'Haapaveden kaupunki', 'Haapavesi stad', 'City of Haapavesi', 'municipality', 3, NULL),
  (104, 'hailuodon-kunta', 'Hailuodon kunta', 'Karlö kommun', 'Municipality of Hailuoto', 'municipality', 4, NULL),
  (105, 'iin-kunta', 'Iin kunta', 'Ijo kommun', 'Municipality of Ii', 'municipality', 5, NULL),
  (106, 'kalajoen-kaupunki', 'Kalajoen kaupunki', 'Kalajoki stad', 'City of Kalajoki', 'municipality', 6, NULL),
  (107, 'kempeleen-kunta', 'Kempeleen kunta', 'Kempele kommun', 'Municipality of Kempele', 'municipality', 7, NULL),
  (108, 'kuusamon-kaupunki', 'Kuusamon kaupunki', 'Kuusamo stad', 'City of Kuusamo', 'municipality', 8, NULL),
  (109, 'karsamaen-kunta', 'Kärsämäen kunta', 'Kärsämäki kommun', 'Municipality of Kärsämäki', 'municipality', 9, NULL),
  (110, 'limingan-kunta', 'Limingan kunta', 'Limingo kommun', 'Municipality of Liminka', 'municipality', 10, NULL),
  (111, 'lumijoen-kunta', 'Lumijoen kunta', 'Lumijoki kommun', 'Municipality of Lumijoki', 'municipality', 11, NULL),
  (112, 'merijarven-kunta', 'Merijärven kunta', 'Merijärvi kommun', 'Municipality of Merijärvi', 'municipality', 12, NULL),
  (113, 'muhoksen-kunta', 'Muhoksen kunta', 'Muhos kommun', 'Municipality of Muhos', 'municipality', 13, NULL),
  (114, 'nivalan-kaupunki', 'Nivalan kaupunki', 'Nivala stad', 'City of Nivala', 'municipality', 14, NULL),
  (115, 'oulaisten-kaupunki', 'Oulaisten kaupunki', 'Oulainen stad', 'City of Oulainen', 'municipality', 15, NULL),
  (116, 'oulun-kaupunki', 'Oulun kaupunki', 'Uleåborgs stad', 'City of Oulu', 'municipality', 16, NULL),
  (117, 'pudasjarven-kaupunki', 'Pudasjärven kaupunki', 'Pudasjärvi stad', 'City of Pudasjärvi', 'municipality', 17, NULL),
  (118, 'pyhajoen-kunta', 'Pyhäjoen kunta', 'Pyhäjoki kommun', 'Municipality of Pyhäjoki', 'municipality', 18, NULL),
  (119, 'pyhajarven-kaupunki', 'Pyhäjärven kaupunki', 'Pyhäjärvi stad', 'City of Pyhäjärvi', 'municipality', 19, NULL),
  (120, 'pyhannan-kunta', 'Pyhännän kunta', 'Pyhäntä kommun', 'Municipality of Pyhäntä', 'municipality', 20, NULL),
  (121, 'raahen-kaupunki', 'Raahen kaupunki', 'Brahestad stad', 'City of Raahe', 'municipality', 21, NULL),
  (122, 'reisjarven-kunta', 'Reisjärven kunta', 'Reisjärvi kommun', 'Municipality of Reisjärvi', 'municipality', 22, NULL),
  (123, 'sievin-kunta', 'Sievin kunta', 'Sievi kommun', 'Municipality of Sievi', 'municipality', 23, NULL),
  (124, 'siikajoen-kunta', 'Siikajoen kunta', 'Siikajoki kommun', 'Municipality of Siikajoki', 'municipality', 24, NULL),
  (125, 'siikalatvan-kunta', 'Siikalatvan kunta', 'Siikalatva kommun', 'Municipality of Siikalatva', 'municipality', 25, NULL),
  (126, 'taivalkosken-kunta', 'Taivalkosken kunta', 'Taivalkoski kommun', 'Municipality of Taivalkoski', 'municipality', 26, NULL),
  (127, 'tyrnavan-kunta', 'Tyrnävän kunta', 'Tyrnävä kommun', 'Municipality of Tyrnävä', 'municipality', 27, NULL),
  (128, 'utajarven-kunta', 'Utajärven kunta', 'Utajärvi kommun', 'Municipality of Utajärvi', 'municipality', 28, NULL),
  (129, 'vaalan-kunta', 'Vaalan kunta', 'Vaala kommun', 'Municipality of Vaala', 'municipality', 29, NULL),
  (130, 'ylivieskan-kaupunki', 'Ylivieskan kaupunki', 'Ylivieska stad', 'City of Ylivieska', 'municipality', 30, NULL);

-- Annual-clock items the demo events and templates refer to; the annual
-- clock itself grows out of these.
INSERT INTO clock_items (id, title_fi, title_sv, title_en) VALUES
  (1, 'Hyvinvoinnin tilannekuvaseminaari talous- ja toimintasuunnittelun tueksi', 'Seminarium om välfärdslägesbilden', 'Situation-picture seminar for budget planning'),
  (2, 'Pohjois-Pohjanmaan hyvinvointifoorumi', 'Välfärdsforum i Norra Österbotten', 'North Ostrobothnia wellbeing forum'),
  (3, 'Hyvinvointikertomuksen vuosiraportointi valtuustolle', 'Årlig välfärdsberättelse till fullmäktige', 'Yearly wellbeing report to the council'),
  (4, 'Hyvinvointialueen ja kuntien hyvinvointineuvottelut', 'Välfärdsförhandlingar', 'Wellbeing negotiations between county and municipalities');
