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

/**
 * The wheel's colour of each category. An item's colour is its category's,
 * never chosen on its own: a new item in a category cannot break the legend.
 */
export const CATEGORY_COLOURS: Record<ClockCategory, string> = {
  talous: '#5b6770',
  hyvinvointikertomus: '#00508c',
  tiedonkeruu: '#2e7d32',
  yhteistyo: '#6a1b9a',
  verkosto: '#b24400',
  jarjestot: '#00695c',
  muu: '#4a4a4a',
};
