/** Categories of clock items: the meaning of the wheel's colours, in three languages. */

export const CLOCK_CATEGORIES = ['talous', 'hyvinvointikertomus', 'tiedonkeruu', 'yhteistyo', 'verkosto', 'jarjestot', 'muu'] as const;
export type ClockCategory = (typeof CLOCK_CATEGORIES)[number];

export const CATEGORY_NAMES: Record<ClockCategory, { fi: string; sv: string; en: string }> = {
  talous: { fi: 'Talous ja strategia', sv: 'Ekonomi och strategi', en: 'Finance and strategy' },
  hyvinvointikertomus: { fi: 'Hyvinvointikertomus ja -suunnitelma', sv: 'Välfärdsberättelse och välfärdsplan', en: 'Wellbeing report and plan' },
  tiedonkeruu: { fi: 'Tiedonkeruut', sv: 'Datainsamlingar', en: 'Data collection' },
  yhteistyo: { fi: 'Kuntien ja hyvinvointialueen yhteistyö', sv: 'Samarbete mellan kommunerna och välfärdsområdet', en: 'Municipalities and county together' },
  verkosto: { fi: 'Verkoston tilaisuudet', sv: 'Nätverkets evenemang', en: 'Network events' },
  jarjestot: { fi: 'Järjestöyhteistyö', sv: 'Samarbete med organisationer', en: 'Cooperation with NGOs' },
  muu: { fi: 'Muu', sv: 'Övrigt', en: 'Other' },
};
