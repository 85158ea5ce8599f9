import { describe, expect, it } from 'vitest';
import { describeRule, nextDates } from '../../web/recurrence-text';

describe('the recurrence shows a sentence in the page language instead of FREQ=WEEKLY;BYDAY=WE', () => {
  it('says weekly, monthly, daily and yearly rules in Finnish, Swedish and English', () => {
    const say = (rule: string) => (['fi', 'sv', 'en'] as const).map((language) => describeRule(rule, language, '2026-09-02'));
    expect(say('FREQ=WEEKLY;BYDAY=WE')).toEqual(['Joka viikko keskiviikkoisin', 'Varje vecka på onsdagar', 'Every week on Wednesdays']);
    expect(say('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE')).toEqual(['Joka toinen viikko maanantaisin ja keskiviikkoisin', 'Varannan vecka på måndagar och onsdagar', 'Every other week on Mondays and Wednesdays']);
    expect(say('FREQ=MONTHLY;BYDAY=-1TU;COUNT=6')).toEqual(['Joka kuukauden viimeinen tiistai, 6 kertaa', 'Den sista tisdagen varje månad, 6 gånger', 'On the last Tuesday of every month, 6 times']);
    expect(say('FREQ=MONTHLY;BYMONTHDAY=15;INTERVAL=3;UNTIL=20271231')).toEqual(['Joka 3. kuukauden 15. päivä, 31.12.2027 asti', 'Den 15 var 3:e månad, till och med 31.12.2027', 'On day 15 of every 3 months, until 31 Dec 2027']);
    expect(say('FREQ=DAILY;COUNT=1')).toEqual(['Joka päivä, kerran', 'Varje dag, en gång', 'Every day, once']);
    expect(say('FREQ=WEEKLY')).toEqual(['Joka viikko keskiviikkoisin', 'Varje vecka på onsdagar', 'Every week on Wednesdays']);
  });

  it('gives null for a rule with parts it cannot say, so that the rule itself is shown', () => {
    expect(describeRule('FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=1', 'fi', '2026-09-01')).toBeNull();
    expect(describeRule('FREQ=HOURLY', 'fi', '2026-09-01')).toBeNull();
    expect(describeRule('not a rule', 'en', '2026-09-01')).toBeNull();
  });

  it('lists the next dates, without removed ones, within the count and the end date', () => {
    expect(nextDates('FREQ=WEEKLY;BYDAY=WE', '2026-09-02', '2026-09-01', ['2026-09-09'], 3)).toEqual(['2026-09-02', '2026-09-16', '2026-09-23']);
    expect(nextDates('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE', '2026-09-02', '2026-09-01', [], 4)).toEqual(['2026-09-02', '2026-09-14', '2026-09-16', '2026-09-28']);
    expect(nextDates('FREQ=MONTHLY;BYDAY=-1TU', '2026-09-29', '2026-10-01', [], 3)).toEqual(['2026-10-27', '2026-11-24', '2026-12-29']);
    expect(nextDates('FREQ=MONTHLY;BYDAY=2TU;COUNT=3', '2026-09-08', '2026-10-01', [], 5)).toEqual(['2026-10-13', '2026-11-10']);
    expect(nextDates('FREQ=MONTHLY;BYMONTHDAY=31', '2026-10-31', '2026-10-01', [], 3)).toEqual(['2026-10-31', '2026-12-31', '2027-01-31']);
    expect(nextDates('FREQ=DAILY;UNTIL=20260903', '2026-09-01', '2026-09-01', [], 5)).toEqual(['2026-09-01', '2026-09-02', '2026-09-03']);
  });
});
