/**
 * Translations of the i18n-lang namespace (`readerLanguage`: the language switch, a person's profile
 * language, a community's default language), for the integrator to move into the language catalogues.
 * Same keys and placeholders as English. Hebrew addresses people in the plural (gender-neutral),
 * Russian with the formal «вы», Polish impersonally, Finnish in standard product Finnish.
 */
export const pending = {
  he: {
    readerLanguage: {
      label: 'שפה',
      change: 'החלפה',
      profile: 'הפרופיל שלכם',
      profileHint: 'מה שבראונבאג יודע עליכם, ובאיזו שפה הוא פונה אליכם.',
      yours: 'שפת הדפים והדואר',
      automatic: 'אוטומטי: שפת הדפדפן, ואם אין – שפת הקהילה',
      saved: 'נשמר.',
      save: 'שמירה',
      settings: 'הגדרות',
      settingsTitle: 'הגדרות {community}',
      communityDefault: 'שפת ברירת המחדל',
      communityDefaultHint:
        'הדפים והדואר של הקהילה יוצגו בשפה זו למי שלא בחרו שפה ושהדפדפן שלהם אינו מבקש שפה שבראונבאג תומך בה.',
    },
  },
  ru: {
    readerLanguage: {
      label: 'Язык',
      change: 'Сменить',
      profile: 'Ваш профиль',
      profileHint: 'Что Brownbag знает о вас и на каком языке к вам обращается.',
      yours: 'Язык страниц и писем',
      automatic: 'Автоматически: язык браузера, а если его нет — язык сообщества',
      saved: 'Сохранено.',
      save: 'Сохранить',
      settings: 'Настройки',
      settingsTitle: 'Настройки сообщества «{community}»',
      communityDefault: 'Язык по умолчанию',
      communityDefaultHint:
        'Страницы и письма этого сообщества будут на этом языке для тех, кто не выбрал язык и чей браузер не запрашивает ни один из языков Brownbag.',
    },
  },
  pl: {
    readerLanguage: {
      label: 'Język',
      change: 'Zmień',
      profile: 'Profil',
      profileHint: 'Dane konta i język, w którym Brownbag się komunikuje.',
      yours: 'Język stron i wiadomości e-mail',
      automatic: 'Automatycznie: język przeglądarki, a w przeciwnym razie język społeczności',
      saved: 'Zapisano.',
      save: 'Zapisz',
      settings: 'Ustawienia',
      settingsTitle: 'Ustawienia: {community}',
      communityDefault: 'Język domyślny',
      communityDefaultHint:
        'Strony i wiadomości tej społeczności są w tym języku dla osób, które nie wybrały języka i których przeglądarka nie prosi o żaden język obsługiwany przez Brownbag.',
    },
  },
  fi: {
    readerLanguage: {
      label: 'Kieli',
      change: 'Vaihda',
      profile: 'Oma profiili',
      profileHint: 'Mitä Brownbag tietää sinusta ja millä kielellä se puhuu sinulle.',
      yours: 'Sivujen ja sähköpostien kieli',
      automatic: 'Automaattinen: selaimen kieli, muuten yhteisön kieli',
      saved: 'Tallennettu.',
      save: 'Tallenna',
      settings: 'Asetukset',
      settingsTitle: 'Yhteisön {community} asetukset',
      communityDefault: 'Oletuskieli',
      communityDefaultHint:
        'Yhteisön sivut ja sähköpostit näytetään tällä kielellä niille, jotka eivät ole valinneet kieltä ja joiden selain ei pyydä mitään Brownbagin kieltä.',
    },
  },
};
