/**
 * The privacy statement: what Hytekello stores about people, why, for how
 * long, and how to see or erase it. Kept next to the code so that it
 * changes with what the code stores.
 */
import type { Language } from '../shared/languages';
import { html } from 'hono/html';

interface Statement {
  title: string;
  intro: string;
  storedTitle: string;
  stored: [string, string][];
  visitorsTitle: string;
  visitors: string;
  whyTitle: string;
  why: string;
  rightsTitle: string;
  rights: string;
  hostingTitle: string;
  hosting: string;
  back: string;
}

const STATEMENTS: Record<Language, Statement> = {
  fi: {
    title: 'Tietosuoja',
    intro: 'Hytekello on hyvinvointiverkoston yhteinen kalenteri. Tällä sivulla kerrotaan, mitä tietoja palvelu tallentaa ihmisistä, miksi ja kuinka kauan.',
    storedTitle: 'Mitä tallennamme',
    stored: [
      ['Tapahtumat', 'Järjestäjien julkaisemat tapahtumat. Jos järjestäjä ilmoittaa yhteyshenkilön nimen, sähköpostin tai puhelinnumeron, ne näkyvät tapahtuman sivulla ja kalenterisyötteissä.'],
      ['Järjestäjien ja jäsenten tunnukset', 'Nimi, sähköposti, organisaatiot ja roolit sekä viimeisimmän kirjautumisen aika. Salasanasta tallennetaan vain PBKDF2-tiiviste, ei koskaan itse salasanaa.'],
      ['Kirjautumiset', 'Kirjautunut selain saa evästeen hyk_session (HttpOnly, Secure, SameSite=Lax). Palvelu tallentaa siitä vain tiivisteen sekä luonti-, vanhenemis- (7 vrk) ja uloskirjautumisajan.'],
      ['Avaimet', 'Rajapinta-avaimista, kutsulinkeistä ja henkilökohtaisten syötteiden avaimista tallennetaan vain tiivisteet ja käyttöajat.'],
      ['Muutoshistoria', 'Kuka muutti mitä ja milloin (tiedot ennen ja jälkeen). Se on julkaisujen kirjanpito; siinä ei ole salasanoja eikä avaimia.'],
      ['Epäonnistuneet kirjautumiset', 'Sähköpostiosoite ja IP-osoite 15 minuutin ajan salasanojen arvailun estämiseksi.'],
    ],
    visitorsTitle: 'Kalenterin lukijat',
    visitors: 'Kalenterin lukemiseen ei tarvita tunnusta, eikä lukijoista tallenneta mitään. Palvelussa ei ole analytiikkaa, seurantaa, mainoksia eikä kolmansien osapuolten skriptejä tai fontteja: kaikki sisältö tulee tältä sivustolta, ja selaimen sisällön suojauskäytäntö (CSP) estää muut lähteet.',
    whyTitle: 'Miksi',
    why: 'Tiedot tarvitaan verkoston yhteisen kalenterin ylläpitoon: tapahtumat julkaistaan, järjestäjät ylläpitävät omiaan ja julkaisuista jää jälki. Tietoja ei luovuteta eikä käytetä muuhun.',
    rightsTitle: 'Oikeutesi',
    rights: 'Voit pyytää nähdä kaikki itsestäsi tallennetut tiedot tai pyytää niiden poistamista. Palvelun ylläpitäjä voi viedä tietosi tiedostoon ja poistaa ne: tunnuksen, kirjautumiset, avaimet, yhteystietosi tapahtumista sekä nimesi ja sähköpostisi muutoshistoriasta. Ota yhteyttä hyvinvointialueen tietosuojavastaavaan tai palvelun ylläpitäjään.',
    hostingTitle: 'Palvelun ylläpito',
    hosting: 'Palvelu toimii Cloudflaren Workers-alustalla ja D1-tietokannassa. Cloudflare käsittelee pyyntöjen IP-osoitteita palvelun toimittamiseksi. Tietokannan muutoshistoria säilyy 30 päivää varmuuskopiona.',
    back: '← Takaisin kalenteriin',
  },
  sv: {
    title: 'Dataskydd',
    intro: 'Hytekello är välfärdsnätverkets gemensamma kalender. Här berättar vi vilka uppgifter om personer tjänsten sparar, varför och hur länge.',
    storedTitle: 'Vad vi sparar',
    stored: [
      ['Evenemang', 'Evenemang som arrangörer publicerar. Om arrangören anger en kontaktpersons namn, e-post eller telefon syns de på evenemangets sida och i kalenderflödena.'],
      ['Konton för arrangörer och medlemmar', 'Namn, e-post, organisationer och roller samt tiden för senaste inloggning. Av lösenordet sparas bara en PBKDF2-hash, aldrig själva lösenordet.'],
      ['Inloggningar', 'En inloggad webbläsare får kakan hyk_session (HttpOnly, Secure, SameSite=Lax). Tjänsten sparar bara dess hash samt tider för skapande, utgång (7 dygn) och utloggning.'],
      ['Nycklar', 'Av API-nycklar, inbjudningslänkar och nycklar till personliga flöden sparas bara hashar och tider för användning.'],
      ['Ändringshistorik', 'Vem ändrade vad och när (uppgifterna före och efter). Den är bokföringen över publiceringar; den innehåller inga lösenord eller nycklar.'],
      ['Misslyckade inloggningar', 'E-postadress och IP-adress i 15 minuter för att hindra gissning av lösenord.'],
    ],
    visitorsTitle: 'Kalenderns läsare',
    visitors: 'För att läsa kalendern behövs inget konto, och ingenting sparas om läsarna. Tjänsten har ingen analys, spårning, reklam eller skript och typsnitt från tredje part: allt innehåll kommer från denna webbplats, och webbläsarens innehållsskydd (CSP) blockerar andra källor.',
    whyTitle: 'Varför',
    why: 'Uppgifterna behövs för att upprätthålla nätverkets gemensamma kalender: evenemang publiceras, arrangörer sköter sina egna och publiceringarna lämnar spår. Uppgifterna lämnas inte ut och används inte till annat.',
    rightsTitle: 'Dina rättigheter',
    rights: 'Du kan be att få se alla uppgifter som sparats om dig eller be att de raderas. Tjänstens administratör kan exportera dina uppgifter till en fil och radera dem: kontot, inloggningar, nycklar, dina kontaktuppgifter i evenemang samt ditt namn och din e-post i ändringshistoriken. Kontakta välfärdsområdets dataskyddsombud eller tjänstens administratör.',
    hostingTitle: 'Drift',
    hosting: 'Tjänsten körs på Cloudflares Workers-plattform med databasen D1. Cloudflare behandlar förfrågningarnas IP-adresser för att leverera tjänsten. Databasens ändringshistorik sparas i 30 dagar som säkerhetskopia.',
    back: '← Tillbaka till kalendern',
  },
  en: {
    title: 'Privacy',
    intro: 'Hytekello is the shared calendar of the wellbeing network. This page tells what the service stores about people, why, and for how long.',
    storedTitle: 'What we store',
    stored: [
      ['Events', 'Events that organisers publish. If an organiser gives a contact person’s name, email or phone, they are shown on the event page and in the calendar feeds.'],
      ['Accounts of organisers and members', 'Name, email, organisations and roles, and the time of the last sign-in. Of the password only a PBKDF2 hash is kept, never the password itself.'],
      ['Sign-ins', 'A signed-in browser gets the cookie hyk_session (HttpOnly, Secure, SameSite=Lax). The service keeps only its hash, with the times it was made, expires (7 days) and was signed out.'],
      ['Keys', 'Of API tokens, invitation links and personal feed keys only hashes and times of use are kept.'],
      ['Change history', 'Who changed what, and when (the data before and after). It is the record of publications; it holds no passwords or keys.'],
      ['Failed sign-ins', 'Email and IP address for 15 minutes, to stop the guessing of passwords.'],
    ],
    visitorsTitle: 'Readers of the calendar',
    visitors: 'Reading the calendar needs no account, and nothing is stored about readers. The service has no analytics, tracking, advertising, or third-party scripts or fonts: everything comes from this site, and the browser’s Content Security Policy blocks other sources.',
    whyTitle: 'Why',
    why: 'The data is needed to run the network’s shared calendar: events are published, organisers keep their own up to date, and publications leave a record. The data is not given to others or used for anything else.',
    rightsTitle: 'Your rights',
    rights: 'You may ask to see everything stored about you, or ask for it to be erased. The service’s administrator can export your data to a file and erase it: the account, sign-ins, keys, your contact details on events, and your name and email in the change history. Contact the wellbeing county’s data protection officer or the service’s administrator.',
    hostingTitle: 'Hosting',
    hosting: 'The service runs on Cloudflare Workers with the D1 database. Cloudflare processes the IP addresses of requests to deliver the service. The database’s change history is kept for 30 days as a backup.',
    back: '← Back to the calendar',
  },
};

const NATIVE: Record<Language, string> = { fi: 'Suomeksi', sv: 'På svenska', en: 'In English' };

/** The statement in a language, as a page; `html` escapes every value put in. */
export function privacyPage(language: Language): ReturnType<typeof html> {
  const s = STATEMENTS[language];
  const suffix = (lang: Language) => (lang === 'fi' ? '' : `?lang=${lang}`);
  const others = (Object.keys(NATIVE) as Language[])
    .filter((lang) => lang !== language)
    .map((lang) => html`<li><a href="/privacy${suffix(lang)}" hreflang="${lang}" lang="${lang}">${NATIVE[lang]}</a></li>`);
  const stored = s.stored.map(([term, text]) => html`<dt>${term}</dt><dd>${text}</dd>`);
  const section = (title: string, text: string) => html`<h2>${title}</h2><p>${text}</p>`;
  return html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${s.title} – Hytekello</title>
<link rel="stylesheet" href="/plain.css">
</head>
<body>
<main id="content">
<nav aria-label="${language === 'fi' ? 'Kieli' : language === 'sv' ? 'Språk' : 'Language'}"><ul class="languages">${others}</ul></nav>
<p><a href="/${suffix(language)}">${s.back}</a></p>
<h1>${s.title}</h1>
<p>${s.intro}</p>
<h2>${s.storedTitle}</h2>
<dl>${stored}</dl>
${section(s.visitorsTitle, s.visitors)}
${section(s.whyTitle, s.why)}
${section(s.rightsTitle, s.rights)}
${section(s.hostingTitle, s.hosting)}
</main>
</body>
</html>`;
}
