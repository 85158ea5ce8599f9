/**
 * Demo events of the North Ostrobothnia wellbeing network, 2025–2027, drawn
 * from the source pages: the yearly situation-picture seminar and wellbeing
 * forum, HOP co-development workshops, the developer-client training with
 * Posken, the money-talk seminar with Takuusäätiö, network meetings,
 * webinars with slides and recordings, and meetings in the six areas.
 * Ids are fixed so that seeding twice changes nothing.
 */
import type { EventInput } from '../worker/shared/events';
import type { Localized } from '../worker/shared/text';

export interface DemoEvent {
  id: string;
  organisation: string;
  input: EventInput;
}

const events: DemoEvent[] = [];
const add = (id: string, organisation: string, input: EventInput) => events.push({ id, organisation, input });

const pohdeContact = { name: 'Hyvinvoinnin ja terveyden edistämisen yksikkö', email: 'hyte@pohde.fi', phone: null };
const teams = 'https://teams.microsoft.com/l/meetup-join/hytekello-demo';

// The yearly situation-picture seminar supports municipal budget planning (autumn).
for (const [year, date, place] of [
  [2025, '2025-09-25', 'Oulun kaupungintalo'],
  [2026, '2026-09-24', 'Pohjankartanon juhlasali, Oulu'],
  [2027, '2027-09-23', 'Oulun kaupungintalo'],
] as const) {
  add(`tilannekuvaseminaari-${year}`, 'pohde', {
    status: year === 2027 ? 'draft' : 'published',
    title: {
      fi: `Hyvinvoinnin tilannekuvaseminaari ${year}`,
      sv: `Seminarium om välfärdslägesbilden ${year}`,
      en: `Wellbeing situation-picture seminar ${year}`,
    },
    description: {
      fi: 'Vuosittainen seminaari, jossa käydään läpi pohjoispohjalaisten hyvinvoinnin tilannekuva kuntien talous- ja toimintasuunnittelun tueksi. Mukana kuntien hyvinvointikoordinaattorit, sivistys- ja sote-johtajat sekä hyvinvointialueen asiantuntijat.',
      sv: 'Årligt seminarium om välfärdslägesbilden i Norra Österbotten som stöd för kommunernas budget- och verksamhetsplanering.',
    },
    type: 'tilannekuvaseminaari',
    start: `${date}T09:00`,
    end: `${date}T15:30`,
    location: { place, address: 'Torikatu 10, 90100 Oulu', municipality: 'oulu' },
    onlineUrl: teams,
    organisations: ['pohde', 'pohjois-pohjanmaan-liitto'],
    contact: pohdeContact,
    networks: ['hyvinvointiyhdyshenkilot', 'sivistysjohtajat', 'sote-johtajat'],
    municipalities: [],
    audiences: ['kuntien-viranhaltijat', 'luottamushenkilot', 'johto'],
    languages: ['fi'],
    registration: { url: `https://pohde.fi/tapahtumat/tilannekuva-${year}`, deadline: `${year}-09-12` },
    clockItem: 1,
    materials:
      year === 2025
        ? [
            { kind: 'slides', title: 'Hyvinvoinnin tilannekuva 2025 (pdf)', url: 'https://pohde.fi/materiaalit/tilannekuva-2025.pdf' },
            { kind: 'recording', title: 'Seminaaritallenne', url: 'https://www.youtube.com/watch?v=tilannekuva2025' },
          ]
        : [],
  });
}

// The North Ostrobothnia wellbeing forum: two days, yearly; 2026 is all-day.
add('hyvinvointifoorumi-2025', 'pohjois-pohjanmaan-liitto', {
  status: 'published',
  title: { fi: 'Pohjois-Pohjanmaan hyvinvointifoorumi 2025', sv: 'Välfärdsforum i Norra Österbotten 2025', en: 'North Ostrobothnia Wellbeing Forum 2025' },
  description: { fi: 'Foorumi välittää hyviä käytäntöjä, lisää yhteistyötä ja kumppanuutta sekä vahvistaa osaamista. Teemana oppiminen ja kasvu hyvinvointina.' },
  type: 'hyvinvointifoorumi',
  start: '2025-11-12T09:00',
  end: '2025-11-13T15:00',
  location: { place: 'Ylivieskan kulttuuritalo Akusti', address: 'Kauppatori 1, 84100 Ylivieska', municipality: 'ylivieska' },
  organisations: ['pohjois-pohjanmaan-liitto', 'pohde'],
  contact: { name: 'Pohjois-Pohjanmaan liitto', email: 'kirjaamo@pohjois-pohjanmaa.fi', phone: null },
  networks: ['hyvinvoinnin-yhteistyoryhma', 'hyvinvointiyhdyshenkilot', 'jarjestoyhdyshenkilot'],
  audiences: ['kuntien-viranhaltijat', 'jarjestot', 'seurakunnat', 'luottamushenkilot'],
  languages: ['fi', 'sv'],
  registration: { url: 'https://www.pohjois-pohjanmaa.fi/hyvinvointifoorumi', deadline: '2025-10-31' },
  clockItem: 2,
  materials: [{ kind: 'recording', title: 'Foorumin avauspuheenvuorot', url: 'https://www.youtube.com/watch?v=foorumi2025' }],
});
add('hyvinvointifoorumi-2026', 'pohjois-pohjanmaan-liitto', {
  status: 'published',
  title: { fi: 'Pohjois-Pohjanmaan hyvinvointifoorumi 2026', sv: 'Välfärdsforum i Norra Österbotten 2026', en: 'North Ostrobothnia Wellbeing Forum 2026' },
  description: { fi: 'Kaksipäiväinen foorumi Raahessa: valtuustokauden hyvinvointisuunnitelmat käytäntöön.' },
  type: 'hyvinvointifoorumi',
  allDay: true,
  start: '2026-11-25',
  end: '2026-11-26',
  location: { place: 'Raahen kaupungintalo', address: 'Rantakatu 50, 92100 Raahe', municipality: 'raahe' },
  organisations: ['pohjois-pohjanmaan-liitto', 'pohde'],
  networks: ['hyvinvoinnin-yhteistyoryhma', 'hyvinvointiyhdyshenkilot'],
  audiences: ['kuntien-viranhaltijat', 'jarjestot', 'luottamushenkilot'],
  languages: ['fi'],
  registration: { url: 'https://www.pohjois-pohjanmaa.fi/hyvinvointifoorumi', deadline: '2026-11-13' },
  clockItem: 2,
});
add('hyvinvointifoorumi-2027', 'pohjois-pohjanmaan-liitto', {
  status: 'draft',
  title: { fi: 'Pohjois-Pohjanmaan hyvinvointifoorumi 2027' },
  description: { fi: 'Alustava ajankohta; ohjelma tarkentuu keväällä.' },
  type: 'hyvinvointifoorumi',
  allDay: true,
  start: '2027-11-24',
  end: '2027-11-25',
  location: { place: 'Kuusamotalo', address: 'Kaarlo Hännisen katu 2, 93600 Kuusamo', municipality: 'kuusamo' },
  organisations: ['pohjois-pohjanmaan-liitto', 'pohde'],
  networks: ['hyvinvoinnin-yhteistyoryhma'],
  clockItem: 2,
});

// HOP co-development workshops in the partner municipalities, spring and autumn.
const hopMunicipalities = [
  ['vaala', 'Vaala', 'Vaalan kunnantalo', 'Vaalantie 12, 91700 Vaala'],
  ['nivala', 'Nivala', 'Nivalan kaupungintalo', 'Kalliontie 7, 85500 Nivala'],
  ['ii', 'Ii', 'Iin Huttu-Ukko, Wirkkula', 'Jokisuuntie 2, 91100 Ii'],
  ['pudasjarvi', 'Pudasjärvi', 'Pudasjärven kaupungintalo', 'Varsitie 7, 93100 Pudasjärvi'],
] as const;
const hopRounds = [
  ['2025-03', 'Nykytilan kartoitus', 11],
  ['2025-05', 'Pärjääminen ja toimiva arki -kyselyn tulokset', 13],
  ['2025-09', 'Yhteiskehittämisen kokeilut', 16],
  ['2026-02', 'Kokeilujen arviointi', 10],
  ['2027-02', 'Hyvät käytännöt pysyviksi', 9],
] as const;
hopRounds.forEach(([month, theme, firstDay], round) => {
  hopMunicipalities.forEach(([slug, name, place, address], index) => {
    const day = String(firstDay + index * 2).padStart(2, '0');
    add(`hop-tyopaja-${slug}-${month}`, 'hop-hanke', {
      status: round === 4 && index > 1 ? 'draft' : 'published',
      title: { fi: `HOP-yhteiskehittämisen työpaja, ${name}: ${theme}` },
      description: {
        fi: `Kumppanikunnan yhteiskehittämisen työpaja, jossa asukkaat, kunnan ja hyvinvointialueen ammattilaiset sekä järjestöt kehittävät yhdessä paikallista yhteistyötä systeemisellä työotteella. Teema: ${theme.toLowerCase()}.`,
      },
      type: 'tyopaja',
      start: `${month}-${day}T12:30`,
      end: `${month}-${day}T15:30`,
      location: { place, address, municipality: slug },
      organisations: ['hop-hanke', 'pohde'],
      contact: { name: 'HOP-tiimi', email: 'hop@pohde.fi', phone: null },
      networks: ['osallisuus'],
      municipalities: [slug],
      audiences: ['asukkaat', 'kuntien-viranhaltijat', 'jarjestot', 'hyvinvointialueen-ammattilaiset'],
    });
  });
});

// Developer-client training with Posken: five weekly sessions, one moved.
add('kehittajaasiakasvalmennus-2025', 'posken', {
  status: 'published',
  title: { fi: 'Kehittäjäasiakasvalmennus', sv: 'Utbildning för utvecklingsklienter', en: 'Developer-client training' },
  description: {
    fi: 'Valmennus uusille kehittäjäasiakkaille Pohjois-Pohjanmaan ja Lapin alueelle. Kehittäjäasiakkaat tuovat oman kokemuksensa kautta asiakkaan näkökulman palvelujen kehittämiseen.',
  },
  type: 'koulutus',
  start: '2025-10-07T13:00',
  end: '2025-10-07T16:00',
  recurrence: {
    rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=5',
    exceptions: [{ occurrence: '2025-10-28T13:00', kind: 'moved', start: '2025-10-30T13:00', end: '2025-10-30T16:00', place: 'Posken, Oulun yliopisto' }],
  },
  location: { place: 'Oulun pääkirjasto, Pakkala-sali', address: 'Kaarlenväylä 3, 90100 Oulu', municipality: 'oulu' },
  onlineUrl: teams,
  organisations: ['posken', 'hop-hanke'],
  contact: { name: 'Posken', email: 'info@posken.fi', phone: null },
  networks: ['osallisuus'],
  audiences: ['kokemustoimijat', 'hyvinvointialueen-ammattilaiset'],
  registration: { url: 'https://www.posken.fi/kehittajaasiakasvalmennus', deadline: '2025-09-26' },
});
add('kehittajaasiakasvalmennus-2027', 'posken', {
  status: 'published',
  title: { fi: 'Kehittäjäasiakasvalmennus, kevät 2027' },
  description: { fi: 'Kevään 2027 valmennusryhmä: neljä etätapaamista.' },
  type: 'koulutus',
  start: '2027-02-03T13:00',
  end: '2027-02-03T15:30',
  recurrence: { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=4', exceptions: [] },
  onlineUrl: teams,
  organisations: ['posken'],
  networks: ['osallisuus'],
  audiences: ['kokemustoimijat'],
});

// Talking about money, with Takuusäätiö.
add('rahapuhe-seminaari-2025', 'takuusaatio', {
  status: 'published',
  title: { fi: 'Puhutaan rahasta – taloudellinen hyvinvointi puheeksi palveluissa', sv: 'Vi pratar om pengar', en: "Let's talk about money" },
  description: {
    fi: 'Seminaari ammattilaisille taloudellisen hyvinvoinnin ja pärjäämisen puheeksi ottamisesta. Takuusäätiö esittelee työvälineitä rahasta puhumiseen.',
  },
  type: 'koulutus',
  start: '2025-11-04T09:00',
  end: '2025-11-04T12:00',
  location: { place: 'Oulun kaupungintalo', address: 'Torikatu 10, 90100 Oulu', municipality: 'oulu' },
  onlineUrl: teams,
  organisations: ['takuusaatio', 'hop-hanke', 'pohde'],
  contact: { name: 'Takuusäätiö', email: 'info@takuusaatio.fi', phone: null },
  networks: ['taloudellinen-hyvinvointi'],
  audiences: ['hyvinvointialueen-ammattilaiset', 'kuntien-viranhaltijat', 'jarjestot'],
  materials: [{ kind: 'slides', title: 'Rahapuheen työvälineet (pdf)', url: 'https://www.takuusaatio.fi/materiaalit/rahapuhe.pdf' }],
});
add('rahapuhe-webinaari-2026', 'takuusaatio', {
  status: 'published',
  title: { fi: 'Rahapuhe arjessa – webinaari', en: 'Money talk in everyday work – webinar' },
  description: { fi: 'Jatkowebinaari syksyn 2025 seminaarille: kokemuksia työvälineiden käytöstä sote-keskuksissa.' },
  type: 'webinaari',
  start: '2026-12-10T14:00',
  end: '2026-12-10T15:30',
  onlineUrl: teams,
  organisations: ['takuusaatio'],
  networks: ['taloudellinen-hyvinvointi'],
  audiences: ['hyvinvointialueen-ammattilaiset', 'jarjestot'],
  languages: ['fi', 'en'],
});

// Network meetings that recur.
add('hyvinvointiyhdyshenkilot-kuukausitapaaminen', 'pohde', {
  status: 'published',
  title: { fi: 'Kuntien hyvinvointiyhdyshenkilöiden kuukausitapaaminen', sv: 'Månadsmöte för kommunernas välfärdskontaktpersoner' },
  description: { fi: 'Verkoston säännöllinen etätapaaminen: ajankohtaiset asiat, hyvinvointikertomustyö ja alueen kuulumiset.' },
  type: 'verkostotapaaminen',
  start: '2025-01-07T13:00',
  end: '2025-01-07T14:30',
  recurrence: {
    rrule: 'FREQ=MONTHLY;BYDAY=1TU;UNTIL=20271231T220000Z',
    exceptions: [
      { occurrence: '2025-07-01T13:00', kind: 'removed' },
      { occurrence: '2026-07-07T13:00', kind: 'removed' },
      { occurrence: '2026-04-07T13:00', kind: 'moved', start: '2026-04-14T13:00', end: '2026-04-14T14:30' },
      { occurrence: '2026-12-01T13:00', kind: 'cancelled' },
    ],
  },
  onlineUrl: teams,
  organisations: ['pohde'],
  contact: pohdeContact,
  networks: ['hyvinvointiyhdyshenkilot'],
  audiences: ['kuntien-viranhaltijat'],
  clockItem: 3,
});
add('sivistysjohtajat-verkosto', 'pohde', {
  status: 'published',
  title: { fi: 'Sivistysjohtajien verkostokokous' },
  description: { fi: 'Neljännesvuosittainen kokous: oppiminen ja kasvu hyvinvointina, kouluterveyskyselyn tulokset, yhteiset kehittämisteemat.' },
  type: 'verkostotapaaminen',
  start: '2025-02-13T09:00',
  end: '2025-02-13T12:00',
  recurrence: { rrule: 'FREQ=MONTHLY;INTERVAL=3;BYDAY=2TH;COUNT=12', exceptions: [] },
  location: { place: 'Pohde, Kontinkankaan kampus', address: 'Kajaanintie 50, 90220 Oulu', municipality: 'oulu' },
  onlineUrl: teams,
  organisations: ['pohde'],
  networks: ['sivistysjohtajat'],
  audiences: ['johto'],
});
add('sote-johtajat-verkosto', 'pohde', {
  status: 'published',
  title: { fi: 'Sosiaali- ja terveysjohtajien verkostotapaaminen' },
  type: 'verkostotapaaminen',
  start: '2025-01-29T14:00',
  end: '2025-01-29T16:00',
  recurrence: { rrule: 'FREQ=MONTHLY;BYDAY=-1WE;COUNT=30', exceptions: [{ occurrence: '2025-12-31T14:00', kind: 'removed' }] },
  onlineUrl: teams,
  organisations: ['pohde'],
  networks: ['sote-johtajat'],
  audiences: ['johto'],
});
add('jarjestoyhdyshenkilot-verkosto', 'pohde', {
  status: 'published',
  title: { fi: 'Järjestöyhdyshenkilöiden verkostotapaaminen', sv: 'Nätverksmöte för organisationskontaktpersoner' },
  description: { fi: 'Kuntien järjestöyhdyshenkilöiden ja järjestöjen yhteinen tapaaminen joka toinen kuukausi.' },
  type: 'verkostotapaaminen',
  start: '2025-02-18T10:00',
  end: '2025-02-18T11:30',
  recurrence: { rrule: 'FREQ=MONTHLY;INTERVAL=2;BYDAY=3TU', exceptions: [{ occurrence: '2026-06-16T10:00', kind: 'cancelled' }] },
  onlineUrl: teams,
  organisations: ['pohde'],
  networks: ['jarjestoyhdyshenkilot'],
  audiences: ['jarjestot', 'kuntien-viranhaltijat'],
});
add('kulttuurihyvinvointi-verkosto', 'pohde', {
  status: 'published',
  title: { fi: 'Kulttuurihyvinvointiverkoston tapaaminen', sv: 'Nätverket för kulturell välfärd', en: 'Cultural wellbeing network meeting' },
  type: 'verkostotapaaminen',
  start: '2025-03-05T13:00',
  end: '2025-03-05T15:00',
  recurrence: { rrule: 'FREQ=MONTHLY;INTERVAL=2;BYDAY=1WE;COUNT=15', exceptions: [] },
  onlineUrl: teams,
  organisations: ['pohde'],
  networks: ['kulttuurihyvinvointi'],
  audiences: ['kuntien-viranhaltijat', 'jarjestot'],
  languages: ['fi', 'sv'],
});
add('hyvinvoinnin-yhteistyoryhma', 'pohjois-pohjanmaan-liitto', {
  status: 'published',
  title: { fi: 'Pohjois-Pohjanmaan hyvinvoinnin yhteistyöryhmän kokous' },
  type: 'verkostotapaaminen',
  start: '2025-03-20T12:00',
  end: '2025-03-20T14:00',
  recurrence: { rrule: 'FREQ=YEARLY;BYMONTH=3,6,10;BYDAY=3TH;COUNT=8', exceptions: [] },
  location: { place: 'Pohjois-Pohjanmaan liitto', address: 'Kirkkokatu 19, 90100 Oulu', municipality: 'oulu' },
  organisations: ['pohjois-pohjanmaan-liitto'],
  networks: ['hyvinvoinnin-yhteistyoryhma'],
  audiences: ['johto'],
});

// Webinars of the themes of wellbeing promotion, with slides and recordings afterwards.
const webinars = [
  ['mielen-hyvinvointi', 'Mielen hyvinvointi ja nostoja Oulun eteläiseltä', 'mielen-hyvinvointi', '2025-02-11'],
  ['elintapaohjaus', 'Elintapaohjaus ja nostoja Lakeudesta ja Oulunkaaresta', 'elintapaohjaus', '2025-03-18'],
  ['taloudellinen-toimeentulo', 'Osallisuus ja taloudellinen toimeentulo – poimintoja Oulusta', 'taloudellinen-hyvinvointi', '2025-04-15'],
  ['kulttuurihyvinvointi', 'Kulttuurihyvinvointi ja nostoja Koillismaalta ja Rannikkoseudulta', 'kulttuurihyvinvointi', '2025-05-13'],
  ['jarjestoyhteistyo', 'Järjestöyhteistyö sote-keskuksissa', 'jarjestoyhdyshenkilot', '2025-09-09'],
  ['hyvinvointikertomus', 'Laaja hyvinvointikertomus valtuustokaudelle 2025–2029', 'hyvinvointiyhdyshenkilot', '2025-10-14'],
  ['hyte-palvelupolut', 'Hyte asiakkaan palvelupoluilla', 'hyvinvointiyhdyshenkilot', '2026-01-20'],
  ['kouluterveyskysely', 'Kouluterveyskyselyn 2025 tulokset kunnille', 'sivistysjohtajat', '2026-02-17'],
  ['tea-viisari', 'TEAviisari: kuntien hyte-aktiivisuus', 'hyvinvointiyhdyshenkilot', '2026-03-24'],
  ['ikaihmisten-hyvinvointi', 'Ikäihmisten hyvinvointi ja kotona pärjääminen', 'osallisuus', '2026-04-21'],
  ['nuorten-mielenterveys', 'Nuorten mielenterveyden tukeminen kunnissa', 'mielen-hyvinvointi', '2026-12-08'],
  ['liikkumisen-edistaminen', 'Liikkumisen edistäminen kuntien strategioissa', 'elintapaohjaus', '2027-01-19'],
  ['hyvinvointisuunnitelma-seuranta', 'Hyvinvointisuunnitelman seuranta ja mittarit', 'hyvinvointiyhdyshenkilot', '2027-03-16'],
] as const;
for (const [slug, title, network, date] of webinars) {
  const past = date < '2026-11-23';
  add(`webinaari-${slug}-${date.slice(0, 4)}`, 'pohde', {
    status: 'published',
    title: { fi: `Webinaari: ${title}` },
    description: { fi: `Hyvinvoinnin ja terveyden edistämisen webinaari. ${past ? 'Esitysdiat ja tallenne ovat saatavilla alla.' : 'Tallenne julkaistaan tilaisuuden jälkeen.'}` },
    type: 'webinaari',
    start: `${date}T14:00`,
    end: `${date}T15:30`,
    onlineUrl: teams,
    organisations: ['pohde'],
    contact: pohdeContact,
    networks: [network],
    audiences: ['kuntien-viranhaltijat', 'hyvinvointialueen-ammattilaiset', 'jarjestot'],
    materials: past
      ? [
          { kind: 'slides', title: `${title} (pdf)`, url: `https://pohde.fi/materiaalit/${slug}.pdf` },
          { kind: 'recording', title: 'Webinaaritallenne', url: `https://www.youtube.com/watch?v=${slug}` },
        ]
      : [],
  });
}

// Meetings of the wellbeing network in each of the six areas, spring and autumn.
const areas = [
  ['oulu', 'Oulu', 'oulu', 'Oulun kaupungintalo', ['oulu']],
  ['oulun-etelainen', 'Oulun eteläinen', 'ylivieska', 'Ylivieskan kaupungintalo', ['ylivieska', 'nivala', 'haapajarvi', 'haapavesi', 'kalajoki', 'oulainen', 'sievi', 'alavieska', 'karsamaki', 'merijarvi', 'pyhajarvi', 'pyhanta', 'reisjarvi', 'siikalatva']],
  ['lakeus', 'Lakeus', 'kempele', 'Kempeleen kunnantalo', ['kempele', 'liminka', 'lumijoki', 'muhos', 'tyrnava', 'hailuoto']],
  ['oulunkaari', 'Oulunkaari', 'ii', 'Iin kunnantalo', ['ii', 'pudasjarvi', 'utajarvi', 'vaala']],
  ['koillismaa', 'Koillismaa', 'kuusamo', 'Kuusamon kaupungintalo', ['kuusamo', 'taivalkoski']],
  ['rannikkoseutu', 'Rannikkoseutu', 'raahe', 'Raahen kaupungintalo', ['raahe', 'pyhajoki', 'siikajoki']],
] as const;
const areaRounds = [
  ['2025-04-08', 'kevät 2025'],
  ['2025-10-07', 'syksy 2025'],
  ['2026-04-14', 'kevät 2026'],
  ['2026-10-06', 'syksy 2026'],
  ['2027-04-13', 'kevät 2027'],
] as const;
areaRounds.forEach(([firstDate, season], round) => {
  areas.forEach(([slug, name, town, place, municipalities], index) => {
    const date = new Date(`${firstDate}T12:00:00Z`);
    date.setUTCDate(date.getUTCDate() + index);
    const day = date.toISOString().slice(0, 10);
    add(`alueverkosto-${slug}-${firstDate.slice(0, 7)}`, 'pohde', {
      status: round === 1 && index === 4 ? 'draft' : 'published',
      title: { fi: `Alueellinen hyvinvointiverkosto, ${name} (${season})` },
      description: { fi: `${name}n alueen kuntien, hyvinvointialueen, järjestöjen ja seurakuntien yhteinen verkostotapaaminen: alueen hyvinvoinnin tilannekuva ja yhteiset toimenpiteet.` },
      type: 'verkostotapaaminen',
      start: `${day}T09:00`,
      end: `${day}T12:00`,
      location: { place, address: null, municipality: town },
      organisations: ['pohde'],
      networks: ['hyvinvointiyhdyshenkilot', 'jarjestoyhdyshenkilot'],
      municipalities: [...municipalities],
      audiences: ['kuntien-viranhaltijat', 'jarjestot', 'seurakunnat', 'hyvinvointialueen-ammattilaiset'],
    });
  });
});

// Statutory negotiations, a training of the state agency, and events in Swedish or English.
add('hyvinvointineuvottelut-2026', 'pohde', {
  status: 'published',
  title: { fi: 'Hyvinvointialueen ja kuntien hyvinvointineuvottelut 2026' },
  description: { fi: 'Vuosittaiset neuvottelut hyvinvointialueen ja kuntien yhteisistä hyvinvoinnin edistämisen tavoitteista.' },
  type: 'muu',
  allDay: true,
  start: '2026-05-19',
  end: '2026-05-21',
  location: { place: 'Kunnat vuorollaan', address: null, municipality: null },
  organisations: ['pohde'],
  networks: ['hyvinvoinnin-yhteistyoryhma'],
  audiences: ['johto', 'luottamushenkilot'],
  clockItem: 4,
  // The negotiations end with the shared goals agreed; the municipalities prepare their proposals before.
  decision: {
    title: { fi: 'Yhteiset hyvinvoinnin edistämisen tavoitteet sovitaan', sv: 'De gemensamma målen för främjande av välfärd avtalas', en: 'The shared wellbeing goals are agreed' },
    steps: [
      { title: { fi: 'Kuntien tavoite-ehdotukset', sv: 'Kommunernas förslag till mål', en: "The municipalities' proposed goals" }, workingDaysBefore: 20 },
      { title: { fi: 'Neuvotteluaineisto osallistujille', sv: 'Förhandlingsmaterialet till deltagarna', en: 'Negotiation papers to the participants' }, workingDaysBefore: 5 },
    ],
  },
});
add('avi-valvontaseminaari-2026', 'aluehallintovirasto', {
  status: 'published',
  title: { fi: 'Hyvinvoinnin edistäminen ja lakisääteinen raportointi', sv: 'Främjande av välfärd och lagstadgad rapportering', en: 'Wellbeing promotion and statutory reporting' },
  description: { fi: 'Pohjois-Suomen aluehallintoviraston koulutus kuntien hyvinvointikertomustyöstä.', sv: 'Utbildning om kommunernas välfärdsberättelse.' },
  type: 'koulutus',
  start: '2026-03-12T09:00',
  end: '2026-03-12T12:00',
  onlineUrl: 'https://avi.fi/tapahtumat/hyvinvointiraportointi',
  organisations: ['aluehallintovirasto'],
  networks: ['hyvinvointiyhdyshenkilot'],
  audiences: ['kuntien-viranhaltijat'],
  languages: ['fi', 'sv'],
});
add('wellbeing-network-english-2027', 'pohde', {
  status: 'published',
  title: { fi: 'Kansainvälinen hyte-verkostopäivä', en: 'International wellbeing promotion network day', sv: 'Internationell nätverksdag' },
  description: { fi: 'Pohjoismaiset kumppanit esittelevät kuntien hyvinvoinnin edistämisen malleja.', en: 'Nordic partners present municipal wellbeing promotion models.' },
  type: 'muu',
  start: '2027-05-26T09:00',
  end: '2027-05-26T16:00',
  location: { place: 'Oulun yliopisto, Saalastinsali', address: 'Pentti Kaiteran katu 1, 90570 Oulu', municipality: 'oulu' },
  organisations: ['pohde'],
  networks: ['hyvinvointiyhdyshenkilot', 'kulttuurihyvinvointi'],
  languages: ['en', 'fi'],
});
add('liikuntapaivat-kalajoki-2026', 'kalajoen-kaupunki', {
  status: 'published',
  title: { fi: 'Liikkuva kunta -päivät Kalajoella' },
  description: { fi: 'Kaksipäiväinen tapahtuma liikkumisen edistämisestä kunnissa.' },
  type: 'muu',
  allDay: true,
  start: '2026-08-20',
  end: '2026-08-21',
  location: { place: 'Kalajoen Hiekkasärkät', address: null, municipality: 'kalajoki' },
  organisations: ['kalajoen-kaupunki'],
  networks: ['elintapaohjaus'],
  municipalities: ['kalajoki'],
  audiences: ['kuntien-viranhaltijat', 'asukkaat'],
});

/** Events to cancel after creating them, with the reason shown to subscribers. */
/** Why the demo's cancelled events were cancelled; one in Finnish only, as organisers often write. */
export const demoCancellations: Record<string, Localized> = {
  'alueverkosto-koillismaa-2026-04': {
    fi: 'Siirretään syksyyn vähäisen ilmoittautumismäärän vuoksi.',
    sv: 'Flyttas till hösten på grund av få anmälningar.',
    en: 'Moved to the autumn because few people registered.',
  },
  'webinaari-ikaihmisten-hyvinvointi-2026': { fi: 'Puhuja sairastui; uusi ajankohta ilmoitetaan myöhemmin.', sv: null, en: null },
};

export const demoEvents: readonly DemoEvent[] = events;

/**
 * Demo people, one of each kind of right. Locally they sign in with the
 * development sign-in, or with the password below (never used elsewhere).
 */
export const DEMO_PASSWORD = 'hytekello-demo-salasana';

export const demoPeople: { name: string; email: string; memberships: { organisation: string; role: 'administrator' | 'organiser' | 'viewer' }[] }[] = [
  { name: 'Aino Ylläpitäjä', email: 'aino.yllapitaja@pohde.example', memberships: [{ organisation: 'pohde', role: 'administrator' }] },
  { name: 'Olli Järjestäjä', email: 'olli.jarjestaja@pohde.example', memberships: [{ organisation: 'pohde', role: 'organiser' }, { organisation: 'hop-hanke', role: 'organiser' }] },
  { name: 'Pirjo Posken', email: 'pirjo@posken.example', memberships: [{ organisation: 'posken', role: 'organiser' }] },
  { name: 'Ville Katsoja', email: 'ville.katsoja@oulu.example', memberships: [{ organisation: 'oulun-kaupunki', role: 'viewer' }] },
];
