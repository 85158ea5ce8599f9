/**
 * The server's rule codes (`errors[].rule` of a problem+json answer) as
 * sentences in the page's language. The server's `message` is English for
 * integrations; people read these. `{field}` is the field's name, other
 * `{…}` are the issue's `values` (a limit, a day, a time). A rule without a
 * text here gets FALLBACK, still a sentence naming the field.
 * test/node/rule-texts.test.ts fails when a rule the worker can send has no
 * text in a language.
 */
import type { Language } from '.';
import { fill } from '.';
import { pageLanguageOf } from '../../worker/shared/languages';

/** The rules zod reports under its own issue codes (worker/middleware/http.ts writes `too_big` as `too-big`). */
export const ZOD_RULES = ['invalid-type', 'too-big', 'too-small', 'invalid-format', 'not-multiple-of', 'invalid-union', 'invalid-key', 'invalid-element', 'invalid-value', 'custom'] as const;

type Texts = Record<string, string>;

const fi: Texts = {
  fetch: 'Kalenteria ei saatu haettua osoitteesta (”{field}”); tarkista osoite ja yritä uudelleen.',
  fetchable: '”{field}”: osoitteesta ei voi hakea kalenteria (vain julkiset http- ja https-osoitteet).',
  json: 'Pyyntö ei ollut luettavaa JSONia.',
  reused: 'Sama pyyntö lähetettiin eri tiedoilla; lataa sivu ja yritä uudelleen.',
  'after-from': '”{field}” on oltava alun jälkeen.',
  'after-start': '”{field}” on oltava alun jälkeen.',
  'annual-only': '”{field}” kuuluu vain vuosittaisille kohdille.',
  'before-start': '”{field}” ei voi olla tapahtuman alun jälkeen.',
  characters: '”{field}” sisältää merkkejä, joita ei voi tallentaa (ohjausmerkkejä tai rikkinäisiä merkkejä).',
  column: 'Tiedoston sarakkeet eivät kelpaa ({field}).',
  custom: '”{field}” ei kelpaa.',
  exists: '”{field}”: valittua vaihtoehtoa ei ole olemassa.',
  format: '”{field}” on väärässä muodossa.',
  header: 'Tiedoston ensimmäisen rivin pitää nimetä sarakkeet.',
  icalendar: '”{field}” ei ole luettava iCalendar-kalenteri.',
  'in-month': 'Päivää {day} ei ole kuukaudessa {month}.',
  'in-use': '”{field}”: renkaassa on kohtia; siirrä ne ensin toiseen renkaaseen.',
  'year-or-term': 'Anna joko vuosi tai valtuustokausi, ei molempia.',
  'term-start': '”{field}”: anna valtuustokauden ensimmäinen vuosi (2025, 2029, …).',
  'one-version': '”{field}”: kohdalla on jo versio vuodelle {year}; muokkaa sitä.',
  invalid: '”{field}” ei ole käyttökelpoinen toistosääntö.',
  'invalid-element': '”{field}” sisältää kelpaamattoman arvon.',
  'invalid-format': '”{field}” on väärässä muodossa.',
  'invalid-key': '”{field}” sisältää kelpaamattoman avaimen.',
  'invalid-type': '”{field}” puuttuu tai on väärää tyyppiä.',
  'invalid-union': '”{field}” ei kelpaa.',
  'invalid-value': '”{field}”: arvo ei ole mikään sallituista.',
  'is-occurrence': '”{field}” ei ole toistosäännön mukainen kerta.',
  'line-separator': '”{field}” sisältää rivierottimen (U+2028, U+2029 tai U+0085), jonka kalenteriohjelmat lukevat väärin; käytä tavallista rivinvaihtoa.',
  'matches-rule': 'Alun pitää olla toistosäännön ensimmäinen kerta: valitse alkupäiväksi jokin toistopäivistä.',
  'max-length': 'Tapahtuma voi kestää enintään 366 päivää.',
  'max-occurrences': 'Toistosääntö voi tuottaa enintään {max} kertaa; päätä sarja aiemmin.',
  'max-span': 'Päättymättömän sarjan poikkeusten on oltava enintään {max} päivän sisällä toisistaan; päätä sarja ja aloita uusi.',
  'max-rows': 'Tiedostossa on liian monta riviä.',
  'max-window': 'Aikaväli voi olla enintään {max} päivää.',
  'min-rows': 'Tiedostossa ei ole rivejä otsikkorivin jälkeen.',
  'moved-only': 'Vain siirretyllä kerralla on oma alku, loppu tai paikka.',
  'needs-url': '”{field}” vaatii kalenterin osoitteen.',
  'no-occurrences': 'Toistosääntö ei tuota yhtään kertaa.',
  'no-unpublish': 'Julkaistua tapahtumaa ei voi palauttaa luonnokseksi; peru se sen sijaan.',
  'nonexistent-time': 'Kellonaikaa {time} ei ole sinä yönä aikavyöhykkeellä {zone}: kellot siirtyvät klo {from} → {to}. Aloita klo {to} tai myöhemmin, tai päätä myöhemmin.',
  'not-multiple-of': '”{field}” ei kelpaa.',
  'one-of': 'Anna joko tiedosto tai osoite, ei molempia.',
  range: '”{field}” on oltava pidempi kuin nolla ja enintään neljä viikkoa.',
  required: '”{field}” on pakollinen tieto.',
  'single-line': '”{field}” saa olla vain yksi rivi.',
  syntax: 'Toistosääntö ei ole oikein kirjoitettu.',
  'term-only': '”{field}” kuuluu vain valtuustokauden kohdille.',
  'time-zone': 'Aikavyöhykkeen pitää olla IANA-nimi, kuten Europe/Helsinki (ei UTC-siirtymä).',
  'too-big': '”{field}” on liian pitkä tai suuri: enintään {max}.',
  'too-small': '”{field}” on liian lyhyt tai pieni: vähintään {min}.',
  unique: '”{field}” sisältää saman arvon kahdesti.',
  'unknown-field': '”{field}” ei ole tunnettu kenttä.',
  'url-characters': '”{field}” ei saa sisältää välilyöntejä, rivinvaihtoja tai ohjausmerkkejä.',
};

const sv: Texts = {
  fetch: 'Kalendern kunde inte hämtas från adressen (”{field}”); kontrollera adressen och försök igen.',
  fetchable: '”{field}”: från adressen kan ingen kalender hämtas (bara offentliga http- och https-adresser).',
  json: 'Begäran var inte läsbar JSON.',
  reused: 'Samma begäran skickades med andra uppgifter; ladda om sidan och försök igen.',
  'after-from': '”{field}” måste vara efter början.',
  'after-start': '”{field}” måste vara efter början.',
  'annual-only': '”{field}” hör bara till årliga punkter.',
  'before-start': '”{field}” får inte vara efter evenemangets början.',
  characters: '”{field}” innehåller tecken som inte kan sparas (styrtecken eller trasiga tecken).',
  column: 'Filens kolumner duger inte ({field}).',
  custom: '”{field}” duger inte.',
  exists: '”{field}”: det valda alternativet finns inte.',
  format: '”{field}” har fel format.',
  header: 'Filens första rad måste ange kolumnerna.',
  icalendar: '”{field}” är ingen läsbar iCalendar-kalender.',
  'in-month': 'Dag {day} finns inte i månad {month}.',
  'in-use': '”{field}”: ringen har punkter; flytta dem först till en annan ring.',
  'year-or-term': 'Ange antingen ett år eller en fullmäktigeperiod, inte båda.',
  'term-start': '”{field}”: ange fullmäktigeperiodens första år (2025, 2029, …).',
  'one-version': '”{field}”: punkten har redan en version för år {year}; redigera den.',
  invalid: '”{field}” är ingen användbar upprepningsregel.',
  'invalid-element': '”{field}” innehåller ett ogiltigt värde.',
  'invalid-format': '”{field}” har fel format.',
  'invalid-key': '”{field}” innehåller en ogiltig nyckel.',
  'invalid-type': '”{field}” saknas eller har fel typ.',
  'invalid-union': '”{field}” duger inte.',
  'invalid-value': '”{field}”: värdet är inte något av de tillåtna.',
  'is-occurrence': '”{field}” är inget tillfälle enligt upprepningsregeln.',
  'line-separator': '”{field}” innehåller en radavgränsare (U+2028, U+2029 eller U+0085) som kalenderprogram läser fel; använd en vanlig radbrytning.',
  'matches-rule': 'Början måste vara upprepningsregelns första tillfälle: välj en av upprepningsdagarna som startdag.',
  'max-length': 'Ett evenemang kan pågå högst 366 dagar.',
  'max-occurrences': 'Upprepningsregeln kan ge högst {max} tillfällen; avsluta serien tidigare.',
  'max-span': 'Undantagen i en serie utan slut måste ligga inom {max} dagar från varandra; avsluta serien och börja en ny.',
  'max-rows': 'Filen har för många rader.',
  'max-window': 'Tidsintervallet får vara högst {max} dagar.',
  'min-rows': 'Filen har inga rader efter rubrikraden.',
  'moved-only': 'Endast ett flyttat tillfälle har egen början, eget slut eller egen plats.',
  'needs-url': '”{field}” kräver kalenderns adress.',
  'no-occurrences': 'Upprepningsregeln ger inga tillfällen.',
  'no-unpublish': 'Ett publicerat evenemang kan inte bli ett utkast igen; ställ in det i stället.',
  'nonexistent-time': 'Klockslaget {time} finns inte den natten i tidszonen {zone}: klockan flyttas från {from} till {to}. Börja kl. {to} eller senare, eller sluta senare.',
  'not-multiple-of': '”{field}” duger inte.',
  'one-of': 'Ange antingen en fil eller en adress, inte båda.',
  range: '”{field}” måste vara längre än noll och högst fyra veckor.',
  required: '”{field}” är obligatoriskt.',
  'single-line': '”{field}” får bara vara en rad.',
  syntax: 'Upprepningsregeln är inte rätt skriven.',
  'term-only': '”{field}” hör bara till fullmäktigeperiodens punkter.',
  'time-zone': 'Tidszonen måste vara ett IANA-namn, till exempel Europe/Helsinki (ingen UTC-förskjutning).',
  'too-big': '”{field}” är för lång eller stor: högst {max}.',
  'too-small': '”{field}” är för kort eller liten: minst {min}.',
  unique: '”{field}” innehåller samma värde två gånger.',
  'unknown-field': '”{field}” är inget känt fält.',
  'url-characters': '”{field}” får inte innehålla mellanslag, radbrytningar eller styrtecken.',
};

const en: Texts = {
  fetch: 'The calendar could not be fetched from the address (“{field}”); check the address and try again.',
  fetchable: '“{field}”: no calendar can be fetched from this address (only public http and https addresses).',
  json: 'The request was not readable JSON.',
  reused: 'The same request was sent with different data; reload the page and try again.',
  'after-from': '“{field}” must be after the start.',
  'after-start': '“{field}” must be after the start.',
  'annual-only': '“{field}” belongs to annual items only.',
  'before-start': '“{field}” cannot be after the event starts.',
  characters: '“{field}” contains characters that cannot be saved (control characters or broken characters).',
  column: 'The file’s columns are not valid ({field}).',
  custom: '“{field}” is not valid.',
  exists: '“{field}”: the chosen option does not exist.',
  format: '“{field}” is in the wrong format.',
  header: 'The first row of the file must name the columns.',
  icalendar: '“{field}” is not a readable iCalendar calendar.',
  'in-month': 'Month {month} has no day {day}.',
  'in-use': '“{field}”: the ring has items; move them to another ring first.',
  'year-or-term': 'Give either a year or a council term, not both.',
  'term-start': '“{field}”: give the first year of a council term (2025, 2029, …).',
  'one-version': '“{field}”: the item already has a version for {year}; edit that one.',
  invalid: '“{field}” is not a usable recurrence rule.',
  'invalid-element': '“{field}” contains an invalid value.',
  'invalid-format': '“{field}” is in the wrong format.',
  'invalid-key': '“{field}” contains an invalid key.',
  'invalid-type': '“{field}” is missing or of the wrong type.',
  'invalid-union': '“{field}” is not valid.',
  'invalid-value': '“{field}”: the value is not one of those allowed.',
  'is-occurrence': '“{field}” is not an occurrence of the recurrence rule.',
  'line-separator': '“{field}” contains a line separator (U+2028, U+2029 or U+0085) that calendar programs misread; use an ordinary line break.',
  'matches-rule': 'The start must be the first occurrence of the recurrence rule: choose one of the recurring days as the start date.',
  'max-length': 'An event can last at most 366 days.',
  'max-occurrences': 'The recurrence rule may produce at most {max} occurrences; end the series earlier.',
  'max-span': 'The exceptions of a series without end must lie within {max} days of each other; end the series and start a new one.',
  'max-rows': 'The file has too many rows.',
  'max-window': 'The time range may be at most {max} days.',
  'min-rows': 'The file has no rows after the header row.',
  'moved-only': 'Only a moved occurrence has its own start, end or place.',
  'needs-url': '“{field}” needs the calendar’s address.',
  'no-occurrences': 'The recurrence rule produces no occurrences.',
  'no-unpublish': 'A published event cannot return to draft; cancel it instead.',
  'nonexistent-time': 'The time {time} does not exist that night in {zone}: the clocks go from {from} to {to}. Start at {to} or later, or end later.',
  'not-multiple-of': '“{field}” is not valid.',
  'one-of': 'Give either a file or an address, not both.',
  range: '“{field}” must be longer than zero and at most four weeks.',
  required: '“{field}” is required.',
  'single-line': '“{field}” must be a single line.',
  syntax: 'The recurrence rule is not written correctly.',
  'term-only': '“{field}” belongs to council-term items only.',
  'time-zone': 'The time zone must be an IANA name such as Europe/Helsinki (not a UTC offset).',
  'too-big': '“{field}” is too long or too large: at most {max}.',
  'too-small': '“{field}” is too short or too small: at least {min}.',
  unique: '“{field}” contains the same value twice.',
  'unknown-field': '“{field}” is not a known field.',
  'url-characters': '“{field}” must not contain spaces, line breaks or control characters.',
};

export const RULE_TEXTS: Record<Language, Texts> = { fi, sv, en };

/** For a rule this version of the UI does not know yet. */
export const FALLBACK: Record<Language, string> = {
  fi: '”{field}” ei kelpaa palvelimelle.',
  sv: '”{field}” godkänns inte av servern.',
  en: '“{field}” is not accepted by the server.',
};

/** The language of the page (app.tsx keeps `<html lang>` in step with the URL), for code outside components. */
export function pageLanguage(): Language {
  return pageLanguageOf(typeof document === 'undefined' ? 'fi' : document.documentElement.lang);
}

export interface RuleIssue {
  field: string;
  rule: string;
  values?: Record<string, string | number>;
}

/**
 * A server issue as a sentence in `language`, naming the field by `names`
 * (its first segment: 'title.fi' → names.title) or by its path.
 */
export function ruleText(issue: RuleIssue, language: Language, names: Record<string, string> = {}): string {
  const path = issue.field.replace(/\[(\d+)\]/g, '.$1');
  // 'decision.steps.2.workingDaysBefore' is named as every step's field is, then as its first part.
  const field = names[path] ?? names[path.replace(/\.\d+(?=\.|$)/g, '')] ?? names[path.split('.')[0]!] ?? path;
  const template = Object.hasOwn(RULE_TEXTS[language], issue.rule) ? RULE_TEXTS[language][issue.rule]! : FALLBACK[language];
  const text = fill(template, { ...issue.values, field });
  // A text whose values the server did not send (an older server) says the rule without them.
  return /\{\w+\}/.test(text) ? fill(FALLBACK[language], { field }) : text;
}
