/**
 * Test-only catalogues, so the language switch and right-to-left pages can be tested before the real
 * translations land: a few Hebrew texts (the rest falls back to English, as compile() does), and empty
 * catalogues for the other languages. A language that has its real catalogue keeps it (`??=`), so
 * these tests run unchanged the day TRANSLATIONS is filled.
 */
import type { Catalogue } from '../src/core/i18n/catalogue';
import { TRANSLATIONS, type English, type Language } from '../src/core/i18n/locale';

const TEST_HE = {
  brand: 'בראונבאג',
  signOut: 'יציאה',
  myCommunities: 'הקהילות שלי',
  lessons: 'לקחים',
  calendar: 'יומן',
  home: 'בית',
  skipToContent: 'דילוג לתוכן',
  readerLanguage: {
    label: 'שפה',
    change: 'החלפה',
    profile: 'הפרופיל שלכם',
    yours: 'שפת הדפים והדואר',
    save: 'שמירה',
    saved: 'נשמר.',
    settings: 'הגדרות',
  },
  upcoming: 'בקרוב',
  nothingUpcoming: 'עוד לא נקבע דבר.',
  openCall: 'קול קורא להרצאות',
  callRolling: 'פתוח, ללא מועד אחרון',
  proposeTalk: 'הצעת הרצאה',
  pastTalks: 'הרצאות שהיו',
  noPastTalks: 'עוד לא ניתנו הרצאות.',
  subscribe: 'הוספה ליומן',
  subscribeHint: 'נרשמים פעם אחת; היומן עוקב אחרי כל שינוי.',
  subscribeButton: 'הרשמה (webcal)',
  proposals: 'הצעות',
  myProposals: 'ההצעות שלי',
  reviewQueue: 'תור סקירה',
  join: 'הצטרפות לקהילה',
  title: 'כותרת',
  abstract: 'תקציר',
  format: 'פורמט',
  track: 'מסלול',
  noTrack: 'ללא מסלול',
  level: 'רמה',
  language: 'שפת ההרצאה',
  notes: 'הערות למארגנים',
  saveDraft: 'שמירת טיוטה',
  submit: 'הגשה',
  save: 'שמירה',
  speakers: 'מרצים',
  startsAt: 'מתחיל ב־',
  place: 'מקום',
  addToCalendar: 'הוספת האירוע ליומן',
  nominate: 'המלצה על עמית',
};

/** Makes `langs` offered: their real catalogue if there is one, else the test one (Hebrew) or English. */
export function offerTestLanguages(...langs: Language[]) {
  for (const l of langs) TRANSLATIONS[l] ??= (l === 'he' ? TEST_HE : {}) as unknown as Catalogue<English>;
}
