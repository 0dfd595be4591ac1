/**
 * Translations of the `mail` and `calendarText` namespaces (en.ts), waiting for the integrator to
 * move them into the language catalogues. Same keys and placeholders as English, ICU MessageFormat.
 * Hebrew addresses the reader in the plural or impersonally; Russian uses the formal «вы»; Polish
 * stays neutral and polite; Finnish is plain product Finnish. Quotation marks follow each language
 * (Hebrew "…", Russian «…», Polish „…”, Finnish ”…”).
 */
export const pending = {
  he: {
    mail: {
      footer: 'Brownbag — הרצאות ומפגשים פנימיים',
      hi: 'שלום {name},',
      hiNoName: 'שלום,',
      colleague: 'עמית/ה',
      yourColleague: 'העמית/ה',
      noAnswer: 'אין תשובה',
      toBeAnnounced: 'יפורסם בהמשך',
      when: 'מתי: {when}',
      where: 'איפה: {where}',
      bullet: '• {text}',

      proposalReceivedSubject: 'ההצעה שלכם התקבלה: {title}',
      proposalReceived:
        'תודה על ההצעה "{title}" ({format}) ל־{community}. הסוקרים יקראו אותה בקרוב; אפשר עדיין לערוך אותה כל עוד היא בבדיקה.',
      proposalReceivedNext: 'מה שלא יקרה, נעדכן אתכם. ההצעה והסטטוס שלה נמצאים כאן:',
      acceptedSubject: 'התקבלה: {title} — נא לאשר',
      accepted: 'חדשות טובות: "{title}" התקבלה ל־{community}!',
      acceptedConfirm:
        'נא לאשר שתעבירו את ההרצאה (להעביר את ההצעה למצב "אושרה"). אנחנו נדאג לחדר, להודעה ולכל השאר, כדי שתוכלו להתרכז בהרצאה. אפשר לאשר כאן:',
      waitlistedSubject: 'ברשימת ההמתנה: {title}',
      waitlisted: '"{title}" נמצאת ברשימת ההמתנה של {community}: היא מצאה חן בעינינו, ונחזור אליכם ברגע שיתפנה מקום.',
      waitlistedLink: 'בינתיים ההצעה שלכם נמצאת כאן:',
      rejectedSubject: 'לגבי ההצעה שלכם: {title}',
      rejected: 'תודה על ההצעה "{title}" ל־{community}. הפעם היא לא נכנסה לתוכנית.',
      rejectedEncourage:
        'אל תוותרו: רוב המרצים קיבלו "לא" לפני ה"כן" הראשון, והמארגנים ישמחו לעזור לעצב את הרעיון הבא. ההצעה שלכם נמצאת כאן:',

      coSpeakerAddedSubject: 'להציג יחד את "{title}"?',
      coSpeakerAdded: 'קיבלתם הזמנה מ־{by} להציג יחד את "{title}" ({format}) ב־{community}.',
      coSpeakerAddedNext:
        'שום דבר לא משתנה עד שתסכימו. אפשר לקרוא את ההצעה ולאשר או לסרב כאן; הקישור מכניס אתכם למערכת (פעם אחת, תוך שבוע):',
      coSpeakerAcceptedSubject: '{by} מצטרף/ת להצגה של "{title}"',
      coSpeakerAccepted: 'ההזמנה שלכם התקבלה: {by} נמנה/ית עכשיו עם המרצים של "{title}" ({community}).',
      coSpeakerDeclinedSubject: 'ההזמנה להציג יחד את "{title}" נדחתה על ידי {by}',
      coSpeakerDeclined: 'ההזמנה שלכם להציג יחד את "{title}" ({community}) נדחתה על ידי {by}. ההצעה ממשיכה כמו שהיא.',

      signInSubject: 'קישור הכניסה שלכם ל־Brownbag',
      signIn:
        'הנה הקישור שביקשתם. אפשר להיכנס איתו פעם אחת, תוך {minutes, plural, one {דקה אחת} two {שתי דקות} other {# דקות}}:',
      signInIgnore: 'אם לא ביקשתם אותו, אפשר להתעלם מהמייל הזה: שום דבר לא קורה אם לא פותחים את הקישור.',
      noAccountSubject: 'לגבי הכניסה ל־Brownbag',
      noAccount:
        'מישהו (כנראה אתם) ביקש להיכנס ל־Brownbag בכתובת {publicUrl} בתור {email}. אין חשבון לכתובת הזאת, והיא לא יכולה ליצור חשבון בעצמה.',
      noAccountNext: 'נסו את כתובת המייל של החברה, או בקשו ממארגני הקהילה להוסיף אתכם; ואז היכנסו שוב כאן:',
      noAccountIgnore: 'אם לא ביקשתם, אפשר להתעלם מהמייל הזה.',

      invitationSubject: 'הזמנה: {title} — {when}',
      eventIn: '{title} ({community})',
      invitationAttached: 'ההזמנה מצורפת; הוסיפו אותה ליומן. היא תתעדכן מעצמה אם משהו יזוז.',
      answerRead: 'אפשר לאשר או לסרב ביומן או בדף שלמטה; בכל מקרה המקום שלכם נקבע לפי התשובה.',
      answerNotRead: 'אף אחד לא קורא את התשובה ביומן: כדי לומר אם תגיעו או לא, השתמשו בדף שלמטה.',
      updateSubject: 'עדכון: {title} — {when}',
      updated: 'חל שינוי ב־{title} ({community}).',
      whatChanged: 'מה השתנה:',
      changedTime: 'מועד: {before} ← {after}',
      changedPlace: 'מקום: {before} ← {after}',
      changedOnline: 'קישור מקוון: {before} ← {after}',
      changedTitle: 'כותרת: {before} ← {after}',
      changedNone: 'אין',
      updateAttached: 'הרשומה ביומן תתעדכן לפי ההזמנה המצורפת.',
      cancellationSubject: 'בוטל: {title} — {when}',
      cancellation: 'ההשתתפות שלכם ב־{title} ({community}) ב־{when} בוטלה.',
      organizersSay: 'דברי המארגנים: {reason}',
      cancellationAttached: 'הביטול המצורף מסיר את האירוע מהיומן. דף האירוע:',
      promotedSubject: 'יש לכם מקום: {title}',
      promoted: 'התפנה מקום: אתם רשומים עכשיו ל־{title} ({community}).',
      promotedGiveBack: 'אם בכל זאת לא תוכלו להגיע, נא לוותר על המקום כדי שהבאים בתור יוכלו לבוא, בדף האירוע:',
      reminderSubject: 'מחר: {title} — {when}',
      reminder: 'תזכורת: {title} ({community}) — {when}.',
      talkTitle: 'ההרצאה שלכם "{title}"',
      talkTitleAt: 'ההרצאה שלכם "{title}" ב־{event}',

      lessonPromptSubject: 'מה למדתם? "{title}"',
      lessonReminderSubject: 'תזכורת עדינה — מה למדתם? "{title}"',
      lessonPrompt: 'תודה שהעברתם את "{title}" ב־{community}! כל עוד זה טרי: מה למדתם?',
      lessonReminder:
        'לפני כמה ימים שאלנו מה למדתם מהעברת "{title}" ב־{community}. אם יש לכם עשר דקות, הרשימות שלכם יעזרו למרצה הבא יותר מכל דבר אחר.',
      lessonHow:
        'שלוש תובנות, מה עבד טוב, מה הייתם משנים, וקישורים לשקפים או להקלטה — זה מספיק. אפשר לשמור כטיוטה ולפרסם כשמרוצים; שיעורים שפורסמו נכנסים למאגר הידע שבו עמיתים מחפשים.',

      nominatedSubject: 'המלצה מ־{nominator}: כדאי לכם להרצות',
      nominated: 'קיבלתם המלצה מ־{nominator} להרצות ב־{community} על "{topic}".',
      nominatedWhy: 'למה, במילים שלהם:\n{reason}',
      nominatedHelp:
        'אתם יודעים יותר ממה שנדמה לכם, והמארגנים יעזרו בכל השאר: המבנה, השקפים, החדר וההודעה. אם תסכימו תקבלו טיוטת הצעה לעבוד עליה בקצב שלכם; ואם תסרבו — גם זה בסדר. אפשר לענות כאן:',
      nominationAcceptedSubject: 'ההמלצה שלכם על {nominee}: התקבלה',
      nominationDeclinedSubject: 'ההמלצה שלכם על {nominee}: נדחתה',
      nominationAccepted:
        'ההמלצה שלכם התקבלה על ידי {nominee}: ההצעה להרצאה על "{topic}" ב־{community} כבר נפתחה. תודה שזיהיתם מרצה!',
      nominationDeclined: 'ההמלצה שלכם להרצות על "{topic}" ב־{community} נדחתה על ידי {nominee}.',
      nominationDeclinedBecause: 'ההמלצה שלכם להרצות על "{topic}" ב־{community} נדחתה על ידי {nominee}: {reason}',
      nominationThanks: 'תודה שחשבתם עליהם: עצם הפנייה מעודדת, גם כשהעיתוי לא מתאים.',
      nominationLink: 'ההמלצה:',

      speakUpSubject: 'ב־{community} ישמחו לשמוע מכם',
      speakUp:
        'הגעתם לכמה הרצאות ב־{community}: תודה שבאתם! חשבתם להעביר הרצאה בעצמכם? מה שאתם עושים כל יום ונראה לכם מובן מאליו הוא לעתים קרובות בדיוק מה שעמיתים ישמחו ללמוד.',
      speakUpWishes: 'נושאים שעמיתים מבקשים:',
      speakUpWish: '• {title} ({votes, plural, one {קול אחד} two {שני קולות} other {# קולות}})',
      speakUpFirstTalks: 'גם בשבילם זו הייתה ההרצאה הראשונה:',
      speakUpLesson: '• {speaker}, "{title}"',
      speakUpLessonLearned: '• {speaker}, "{title}" — מה למדו: {takeaway}',
      speakUpPropose:
        'הרצאת בזק של חמש דקות היא התחלה מצוינת, והמארגנים יעזרו עם המבנה, השקפים והחדר. אפשר להציע הרצאה כאן:',
      speakUpNotNow: 'לא עכשיו? ספרו לנו ולא נשאל שוב במשך חצי שנה: {url}',
      speakUpNever: 'לא לשאול אותי יותר: {url}',

      destinationPausedSubject: 'ההודעות הושהו: {destination}',
      destinationPaused:
        'שלוש ההודעות האחרונות מ־{community} אל {destination} לא נמסרו, ולכן Brownbag השהה את היעד. התשובה האחרונה הייתה: {error}',
      destinationPausedNext: 'בדקו את ה־webhook בצ׳אט (ייתכן שהוסר), ואז חדשו את היעד ושלחו שוב את מה שלא הגיע:',

      wishOfferSubject: 'הצעה מ־{offerer} להרצות על "{title}"',
      wishOffer: 'ביקשתם לשמוע על "{title}" ב־{community}, ויש הצעה מ־{offerer} להרצות על כך: ההצעה כבר נפתחה.',
      wishOfferNext: 'המארגנים יראו אותה אחרי שתוגש. הבקשה שלכם, הקולות שלה ומי שהציע נמצאים כאן:',

      digestDueSubject:
        'תמיכה במרצים: {overdue, plural, =0 {} other {# באיחור, }}{soon, plural, one {משימה אחת} two {שתי משימות} other {# משימות}} בשלושת הימים הקרובים',
      digestEmptySubject:
        'תמיכה במרצים: {n, plural, one {מפגש אחד קרוב} two {שני מפגשים קרובים} other {# מפגשים קרובים}} בלי סדר יום',
      digestHealthSubject:
        'בריאות הקהילה: {n, plural, one {{community}: נדרש טיפול: {indicator}} two {שני מדדים דורשים טיפול} other {# מדדים דורשים טיפול}}',
      healthAlert: 'בריאות הקהילה — {community}: נדרש טיפול: {indicator}.',
      healthNextStep: 'הצעד הבא: {step}',
      healthOnce: 'על כל אחד מאלה תשמעו פעם אחת; זה לא יחזור אלא אם המצב ישתפר ויידרדר שוב.',
      overdue: 'באיחור:',
      overdueTask: '• {title} — {talk} (מועד היעד היה {due})',
      dueSoon: 'בשלושת הימים הקרובים:',
      dueTask: '• {title} — {talk} (עד {due})',
      taskBoard: 'לוח המשימות של {community}: {url}',
      talkChecklist: 'רשימת המשימות של "{talk}": {url}',
      emptyAgenda: 'מפגשים בשבועיים הקרובים שעדיין אין להם סדר יום:',
      emptyEvent: '• {title} ({community}), {when}: {url}',
      digestThanks: 'תודה שאתם דואגים לזה, כדי שהמרצים יוכלו להתרכז בהרצאות.',
    },
    calendarText: {
      cancelled: 'בוטל: {title}',
      agenda: 'סדר היום:',
      agendaTalk: '{times}  {title}',
      agendaTalkBy: '{times}  {title} — {speakers}',
      joinOnline: 'הצטרפות מקוונת: {url}',
      talkLanguage: 'ב{language}',
      partOf: 'חלק מ־{event} ({when})',
      rsvp: 'אישור הגעה: {url}',
      task: '{title} — {talk}',
      taskDone: '✓ {title} — {talk}',
      taskDue: 'משימת תמיכה במרצים עבור "{talk}", עד {due}.',
      personalFeed: '{name} — Brownbag',
    },
  },

  ru: {
    mail: {
      footer: 'Brownbag — внутренние доклады и митапы',
      hi: 'Здравствуйте, {name}!',
      hiNoName: 'Здравствуйте!',
      colleague: 'Коллега',
      yourColleague: 'Ваш коллега',
      noAnswer: 'ответа нет',
      toBeAnnounced: 'будет объявлено',
      when: 'Когда: {when}',
      where: 'Где: {where}',
      bullet: '• {text}',

      proposalReceivedSubject: 'Мы получили вашу заявку: {title}',
      proposalReceived:
        'Спасибо за заявку «{title}» ({format}) в {community}. Рецензенты скоро её прочитают; пока она на рассмотрении, её ещё можно редактировать.',
      proposalReceivedNext: 'Что бы ни было дальше, мы вам сообщим. Заявка и её статус — здесь:',
      acceptedSubject: 'Принято: {title} — подтвердите, пожалуйста',
      accepted: 'Хорошие новости: «{title}» принят в {community}!',
      acceptedConfirm:
        'Подтвердите, пожалуйста, что выступите (переведите заявку в статус «подтверждено»). Зал, анонс и всё остальное мы берём на себя, чтобы вы могли сосредоточиться на докладе. Подтвердить можно здесь:',
      waitlistedSubject: 'В листе ожидания: {title}',
      waitlisted:
        '«{title}» в листе ожидания {community}: доклад нам понравился, и мы вернёмся к вам, как только освободится слот.',
      waitlistedLink: 'Пока заявка остаётся здесь:',
      rejectedSubject: 'О вашей заявке: {title}',
      rejected: 'Спасибо за заявку «{title}» в {community}. На этот раз она не вошла в программу.',
      rejectedEncourage:
        'Пожалуйста, не останавливайтесь: большинство докладчиков слышали «нет» перед первым «да», а организаторы с радостью помогут с вашей следующей идеей. Ваша заявка — здесь:',

      coSpeakerAddedSubject: 'Выступите вместе с докладом «{title}»?',
      coSpeakerAdded: '{by} предлагает вам выступить вместе с докладом «{title}» ({format}) в {community}.',
      coSpeakerAddedNext:
        'Ничего не изменится, пока вы не согласитесь. Прочитайте заявку и примите или отклоните приглашение здесь; ссылка выполнит вход (один раз, в течение недели):',
      coSpeakerAcceptedSubject: '{by} выступит с вами: «{title}»',
      coSpeakerAccepted: '{by} принимает приглашение и теперь среди докладчиков «{title}» ({community}).',
      coSpeakerDeclinedSubject: '{by} не сможет выступить с вами: «{title}»',
      coSpeakerDeclined:
        '{by} отклоняет приглашение выступить вместе с докладом «{title}» ({community}). Заявка остаётся как есть.',

      signInSubject: 'Ваша ссылка для входа в Brownbag',
      signIn:
        'Вот ссылка, которую вы запросили. По ней можно войти один раз в течение {minutes, plural, one {# минуты} few {# минут} many {# минут} other {# минуты}}:',
      signInIgnore:
        'Если вы её не запрашивали, просто проигнорируйте это письмо: без перехода по ссылке ничего не произойдёт.',
      noAccountSubject: 'О входе в Brownbag',
      noAccount:
        'Кто-то (надеемся, вы) попросил войти в Brownbag на {publicUrl} как {email}. Учётной записи с этим адресом нет, и сам по себе адрес её не создаёт.',
      noAccountNext:
        'Попробуйте рабочий адрес или попросите организатора вашего сообщества добавить вас, а затем войдите снова здесь:',
      noAccountIgnore: 'Если вы не запрашивали вход, просто проигнорируйте это письмо.',

      invitationSubject: 'Приглашение: {title} — {when}',
      eventIn: '{title} ({community})',
      invitationAttached:
        'Приглашение во вложении — добавьте его в календарь. Оно обновится само, если что-то изменится.',
      answerRead:
        'Примите или отклоните приглашение в календаре или на странице ниже: ваше место в любом случае зависит от ответа.',
      answerNotRead:
        'Ответ в календаре никто не читает: чтобы сообщить, придёте вы или нет, воспользуйтесь страницей ниже.',
      updateSubject: 'Изменено: {title} — {when}',
      updated: 'В событии {title} ({community}) есть изменения.',
      whatChanged: 'Что изменилось:',
      changedTime: 'Время: {before} → {after}',
      changedPlace: 'Место: {before} → {after}',
      changedOnline: 'Онлайн: {before} → {after}',
      changedTitle: 'Название: {before} → {after}',
      changedNone: 'нет',
      updateAttached: 'Запись в календаре обновится по приложенному приглашению.',
      cancellationSubject: 'Отменено: {title} — {when}',
      cancellation: '{title} ({community}), {when}, для вас отменено.',
      organizersSay: 'Организаторы сообщают: {reason}',
      cancellationAttached: 'Приложенная отмена уберёт событие из календаря. Страница события:',
      promotedSubject: 'Место за вами: {title}',
      promoted: 'Освободилось место: теперь вы идёте на {title} ({community}).',
      promotedGiveBack:
        'Если всё-таки не сможете прийти, пожалуйста, освободите место для следующего в очереди на странице события:',
      reminderSubject: 'Завтра: {title} — {when}',
      reminder: 'Напоминание: {title} ({community}) начинается {when}.',
      talkTitle: 'Ваш доклад «{title}»',
      talkTitleAt: 'Ваш доклад «{title}» на {event}',

      lessonPromptSubject: 'Чему вы научились? «{title}»',
      lessonReminderSubject: 'Мягкое напоминание — чему вы научились? «{title}»',
      lessonPrompt: 'Спасибо за доклад «{title}» в {community}! Пока впечатления свежи: чему вы научились?',
      lessonReminder:
        'Несколько дней назад мы спрашивали, чему вас научил доклад «{title}» в {community}. Если найдётся десять минут, ваши заметки помогут следующему докладчику больше всего.',
      lessonHow:
        'Трёх выводов, того, что получилось, что бы вы изменили, и ссылок на слайды или запись вполне достаточно. Сохраните черновик и опубликуйте, когда будете довольны; опубликованные уроки попадают в базу знаний, где их ищут коллеги.',

      nominatedSubject: '{nominator} считает, что вам стоит выступить',
      nominated: '{nominator} предлагает вам выступить в {community} на тему «{topic}».',
      nominatedWhy: 'Почему — своими словами:\n{reason}',
      nominatedHelp:
        'Вы знаете больше, чем вам кажется, а с остальным помогут организаторы: план, слайды, зал и анонс. Согласитесь — и получите черновик заявки, над которым можно работать в своём темпе; откажетесь — тоже ничего страшного. Ответить можно здесь:',
      nominationAcceptedSubject: 'Ваша номинация {nominee}: принята',
      nominationDeclinedSubject: 'Ваша номинация {nominee}: отклонена',
      nominationAccepted:
        '{nominee} принимает вашу номинацию выступить на тему «{topic}» в {community} и уже начинает заявку. Спасибо, что нашли докладчика!',
      nominationDeclined: '{nominee} отклоняет вашу номинацию выступить на тему «{topic}» в {community}.',
      nominationDeclinedBecause:
        '{nominee} отклоняет вашу номинацию выступить на тему «{topic}» в {community}: {reason}',
      nominationThanks: 'Спасибо, что подумали о коллеге: само предложение вдохновляет, даже если сейчас не время.',
      nominationLink: 'Номинация:',

      speakUpSubject: 'В {community} будут рады вас услышать',
      speakUp:
        'Вы побывали на нескольких докладах в {community} — спасибо, что приходите! Не думали выступить сами? То, что вы делаете каждый день и считаете само собой разумеющимся, часто и есть то, чему коллеги хотели бы научиться.',
      speakUpWishes: 'Темы, о которых просят коллеги:',
      speakUpWish: '• {title} ({votes, plural, one {# голос} few {# голоса} many {# голосов} other {# голоса}})',
      speakUpFirstTalks: 'Для них это тоже был первый доклад:',
      speakUpLesson: '• {speaker}, «{title}»',
      speakUpLessonLearned: '• {speaker}, «{title}» — вывод: {takeaway}',
      speakUpPropose:
        'Пятиминутный блиц-доклад — отличное начало, а организаторы помогут с планом, слайдами и залом. Предложить доклад можно здесь:',
      speakUpNotNow: 'Не сейчас? Сообщите нам, и мы не будем спрашивать полгода: {url}',
      speakUpNever: 'Больше не спрашивать: {url}',

      destinationPausedSubject: 'Анонсы приостановлены: {destination}',
      destinationPaused:
        'Последние три анонса из {community} в {destination} не удалось доставить, поэтому Brownbag приостановил отправку. Последний ответ: {error}',
      destinationPausedNext:
        'Проверьте вебхук в чате (возможно, его удалили), затем возобновите отправку и отправьте пропущенное заново:',

      wishOfferSubject: '{offerer} может рассказать о «{title}»',
      wishOffer:
        'Вы хотели услышать о «{title}» в {community}, и {offerer} предлагает об этом рассказать: заявка уже начата.',
      wishOfferNext: 'Организаторы увидят её после отправки. Ваше пожелание, голоса за него и кто откликнулся — здесь:',

      digestDueSubject:
        'Поддержка докладчиков: {overdue, plural, =0 {} other {просрочено: #, }}в ближайшие 3 дня: {soon, plural, other {#}}',
      digestEmptySubject:
        'Поддержка докладчиков: {n, plural, one {# встреча} few {# встречи} many {# встреч} other {# встречи}} скоро, а программы нет',
      digestHealthSubject:
        'Здоровье сообщества: {n, plural, one {{community}, показатель «{indicator}» требует действий} few {# показателя требуют действий} many {# показателей требуют действий} other {# показателя требуют действий}}',
      healthAlert: 'Здоровье сообщества — {community}: показатель «{indicator}» требует действий.',
      healthNextStep: 'Следующий шаг: {step}',
      healthOnce:
        'О каждом из них вы услышите один раз; сообщение не повторится, если показатель не восстановится и не упадёт снова.',
      overdue: 'Просрочено:',
      overdueTask: '• {title} — {talk} (срок был {due})',
      dueSoon: 'Срок в ближайшие 3 дня:',
      dueTask: '• {title} — {talk} (срок {due})',
      taskBoard: 'Доска задач {community}: {url}',
      talkChecklist: 'Чек-лист доклада «{talk}»: {url}',
      emptyAgenda: 'Встречи в ближайшие две недели, на которых пока нет ни одного доклада:',
      emptyEvent: '• {title} ({community}), {when}: {url}',
      digestThanks: 'Спасибо, что берёте это на себя: так докладчики могут сосредоточиться на выступлениях.',
    },
    calendarText: {
      cancelled: 'Отменено: {title}',
      agenda: 'Программа:',
      agendaTalk: '{times}  {title}',
      agendaTalkBy: '{times}  {title} — {speakers}',
      joinOnline: 'Подключиться онлайн: {url}',
      talkLanguage: 'Язык: {language}',
      partOf: 'В рамках {event} ({when})',
      rsvp: 'Ответить: {url}',
      task: '{title} — {talk}',
      taskDone: '✓ {title} — {talk}',
      taskDue: 'Задача поддержки докладчика для «{talk}», срок {due}.',
      personalFeed: '{name} — Brownbag',
    },
  },

  pl: {
    mail: {
      footer: 'Brownbag — wewnętrzne prelekcje i meetupy',
      hi: 'Dzień dobry, {name}!',
      hiNoName: 'Dzień dobry!',
      colleague: 'Osoba z zespołu',
      yourColleague: 'Osoba, którą zaproszono',
      noAnswer: 'brak odpowiedzi',
      toBeAnnounced: 'zostanie ogłoszone',
      when: 'Kiedy: {when}',
      where: 'Gdzie: {where}',
      bullet: '• {text}',

      proposalReceivedSubject: 'Otrzymaliśmy zgłoszenie: {title}',
      proposalReceived:
        'Dziękujemy za zgłoszenie „{title}” ({format}) do {community}. Recenzenci wkrótce je przeczytają; dopóki trwa ocena, można je jeszcze edytować.',
      proposalReceivedNext: 'Niezależnie od decyzji damy znać. Zgłoszenie i jego status są tutaj:',
      acceptedSubject: 'Przyjęte: {title} — prosimy o potwierdzenie',
      accepted: 'Dobra wiadomość: „{title}” zostało przyjęte do {community}!',
      acceptedConfirm:
        'Prosimy potwierdzić wystąpienie (zmienić status zgłoszenia na „potwierdzone”). Salą, ogłoszeniem i resztą zajmiemy się my, żeby można było skupić się na prelekcji. Potwierdzić można tutaj:',
      waitlistedSubject: 'Na liście rezerwowej: {title}',
      waitlisted:
        '„{title}” jest na liście rezerwowej {community}: zgłoszenie nam się podoba i odezwiemy się, gdy tylko zwolni się miejsce w programie.',
      waitlistedLink: 'Do tego czasu zgłoszenie jest tutaj:',
      rejectedSubject: 'W sprawie zgłoszenia: {title}',
      rejected: 'Dziękujemy za zgłoszenie „{title}” do {community}. Tym razem nie weszło do programu.',
      rejectedEncourage:
        'Prosimy się nie zrażać: większość prelegentów usłyszała „nie”, zanim usłyszała pierwsze „tak”, a organizatorzy chętnie pomogą dopracować kolejny pomysł. Zgłoszenie jest tutaj:',

      coSpeakerAddedSubject: 'Wspólna prelekcja „{title}”?',
      coSpeakerAdded: '{by} zaprasza do wspólnego wygłoszenia „{title}” ({format}) w {community}.',
      coSpeakerAddedNext:
        'Nic się nie zmieni bez zgody. Zgłoszenie można przeczytać, a zaproszenie przyjąć lub odrzucić tutaj; link loguje automatycznie (jednorazowo, przez tydzień):',
      coSpeakerAcceptedSubject: '{by} przyjmuje zaproszenie do wspólnej prelekcji „{title}”',
      coSpeakerAccepted: '{by} przyjmuje zaproszenie i jest teraz wśród prelegentów „{title}” ({community}).',
      coSpeakerDeclinedSubject: '{by} odrzuca zaproszenie do wspólnej prelekcji „{title}”',
      coSpeakerDeclined:
        '{by} odrzuca zaproszenie do wspólnego wygłoszenia „{title}” ({community}). Zgłoszenie pozostaje bez zmian.',

      signInSubject: 'Link do logowania w Brownbag',
      signIn:
        'Oto link, o który była prośba. Pozwala zalogować się jednorazowo w ciągu {minutes, plural, one {# minuty} few {# minut} many {# minut} other {# minuty}}:',
      signInIgnore: 'W razie pomyłki wystarczy zignorować tę wiadomość: bez otwarcia linku nic się nie stanie.',
      noAccountSubject: 'W sprawie logowania do Brownbag',
      noAccount:
        'Ktoś (zapewne właściciel tego adresu) chciał zalogować się do Brownbag pod adresem {publicUrl} jako {email}. Dla tego adresu nie ma konta, a samo logowanie go nie utworzy.',
      noAccountNext:
        'Warto spróbować adresu firmowego albo poprosić organizatora społeczności o dodanie; potem można zalogować się ponownie tutaj:',
      noAccountIgnore: 'Jeśli to pomyłka, wystarczy zignorować tę wiadomość.',

      invitationSubject: 'Zaproszenie: {title} — {when}',
      eventIn: '{title} ({community})',
      invitationAttached:
        'Zaproszenie jest w załączniku — wystarczy dodać je do kalendarza. Zaktualizuje się samo, jeśli coś się zmieni.',
      answerRead:
        'Zaproszenie można przyjąć lub odrzucić w kalendarzu albo na stronie poniżej; miejsce zależy od odpowiedzi.',
      answerNotRead:
        'Nikt nie odczytuje odpowiedzi z kalendarza: aby dać znać, czy obecność jest możliwa, prosimy skorzystać ze strony poniżej.',
      updateSubject: 'Zmiana: {title} — {when}',
      updated: 'Wydarzenie {title} ({community}) zostało zmienione.',
      whatChanged: 'Co się zmieniło:',
      changedTime: 'Termin: {before} → {after}',
      changedPlace: 'Miejsce: {before} → {after}',
      changedOnline: 'Online: {before} → {after}',
      changedTitle: 'Tytuł: {before} → {after}',
      changedNone: 'brak',
      updateAttached: 'Wpis w kalendarzu zaktualizuje się zgodnie z załączonym zaproszeniem.',
      cancellationSubject: 'Odwołane: {title} — {when}',
      cancellation: '{title} ({community}), {when}: udział został odwołany.',
      organizersSay: 'Od organizatorów: {reason}',
      cancellationAttached: 'Załączone odwołanie usunie wydarzenie z kalendarza. Strona wydarzenia:',
      promotedSubject: 'Zwolniło się miejsce: {title}',
      promoted: 'Zwolniło się miejsce: udział w {title} ({community}) jest potwierdzony.',
      promotedGiveBack:
        'Jeśli jednak nie uda się przyjść, prosimy zwolnić miejsce dla kolejnej osoby na stronie wydarzenia:',
      reminderSubject: 'Jutro: {title} — {when}',
      reminder: 'Przypomnienie: {title} ({community}) zaczyna się {when}.',
      talkTitle: 'Prelekcja „{title}”',
      talkTitleAt: 'Prelekcja „{title}” na {event}',

      lessonPromptSubject: 'Czego się udało nauczyć? „{title}”',
      lessonReminderSubject: 'Delikatne przypomnienie — czego się udało nauczyć? „{title}”',
      lessonPrompt:
        'Dziękujemy za prelekcję „{title}” w {community}! Póki wrażenia są świeże: czego udało się nauczyć?',
      lessonReminder:
        'Kilka dni temu pytaliśmy, czego nauczyła prelekcja „{title}” w {community}. Dziesięć minut notatek pomoże następnej osobie bardziej niż cokolwiek innego.',
      lessonHow:
        'Wystarczą trzy wnioski, co się sprawdziło, co warto zmienić i linki do slajdów lub nagrania. Można zapisać szkic i opublikować, gdy wszystko będzie gotowe; opublikowane lekcje trafiają do bazy wiedzy, którą przeszukują współpracownicy.',

      nominatedSubject: '{nominator} uważa, że warto wystąpić',
      nominated: 'Nominacja od {nominator}: wystąpienie w {community} na temat „{topic}”.',
      nominatedWhy: 'Dlaczego — słowami nominującej osoby:\n{reason}',
      nominatedHelp:
        'Wiedzy jest więcej, niż się wydaje, a w reszcie pomogą organizatorzy: plan, slajdy, sala i ogłoszenie. Przyjęcie nominacji daje szkic zgłoszenia do dopracowania we własnym tempie; odmowa też jest w porządku. Odpowiedzieć można tutaj:',
      nominationAcceptedSubject: 'Nominacja: {nominee} — przyjęta',
      nominationDeclinedSubject: 'Nominacja: {nominee} — odrzucona',
      nominationAccepted:
        '{nominee} przyjmuje nominację do wystąpienia na temat „{topic}” w {community} i zaczyna zgłoszenie. Dziękujemy za wypatrzenie prelegenta!',
      nominationDeclined: '{nominee} odrzuca nominację do wystąpienia na temat „{topic}” w {community}.',
      nominationDeclinedBecause:
        '{nominee} odrzuca nominację do wystąpienia na temat „{topic}” w {community}: {reason}',
      nominationThanks: 'Dziękujemy za tę myśl: samo zaproszenie dodaje odwagi, nawet jeśli to nie jest dobry moment.',
      nominationLink: 'Nominacja:',

      speakUpSubject: 'Prelekcja w {community}? Chętnie posłuchamy',
      speakUp:
        'Dziękujemy za obecność na kilku prelekcjach w {community}! A może czas na własne wystąpienie? To, co na co dzień wydaje się oczywiste, często jest dokładnie tym, czego inni chcieliby się nauczyć.',
      speakUpWishes: 'Tematy, o które proszą współpracownicy:',
      speakUpWish: '• {title} ({votes, plural, one {# głos} few {# głosy} many {# głosów} other {# głosu}})',
      speakUpFirstTalks: 'Dla nich to też była pierwsza prelekcja:',
      speakUpLesson: '• {speaker}, „{title}”',
      speakUpLessonLearned: '• {speaker}, „{title}” — wniosek: {takeaway}',
      speakUpPropose:
        'Pięciominutowy lightning talk to świetny początek, a organizatorzy pomogą z planem, slajdami i salą. Zgłosić prelekcję można tutaj:',
      speakUpNotNow: 'Nie teraz? Wystarczy dać znać, a przez pół roku nie zapytamy: {url}',
      speakUpNever: 'Nie pytać więcej: {url}',

      destinationPausedSubject: 'Ogłoszenia wstrzymane: {destination}',
      destinationPaused:
        'Trzech ostatnich ogłoszeń z {community} do {destination} nie udało się dostarczyć, więc Brownbag wstrzymał wysyłkę. Ostatnia odpowiedź: {error}',
      destinationPausedNext:
        'Warto sprawdzić webhook na czacie (mógł zostać usunięty), a potem wznowić wysyłkę i ponownie wysłać zaległe ogłoszenia:',

      wishOfferSubject: '{offerer} może opowiedzieć o „{title}”',
      wishOffer:
        'Temat „{title}” w {community} był na liście życzeń, a {offerer} proponuje o nim opowiedzieć: zgłoszenie jest już rozpoczęte.',
      wishOfferNext: 'Organizatorzy zobaczą je po wysłaniu. Życzenie, głosy i propozycje są tutaj:',

      digestDueSubject:
        'Wsparcie prelegentów: {overdue, plural, =0 {} other {zaległe: #, }}w ciągu 3 dni: {soon, plural, other {#}}',
      digestEmptySubject:
        'Wsparcie prelegentów: {n, plural, one {# zbliżające się spotkanie} few {# zbliżające się spotkania} many {# zbliżających się spotkań} other {# zbliżającego się spotkania}} bez programu',
      digestHealthSubject:
        'Kondycja społeczności: {n, plural, one {{community}, „{indicator}” wymaga działania} few {# wskaźniki wymagają działania} many {# wskaźników wymaga działania} other {# wskaźnika wymaga działania}}',
      healthAlert: 'Kondycja społeczności — {community}: „{indicator}” wymaga działania.',
      healthNextStep: 'Następny krok: {step}',
      healthOnce: 'O każdym z nich informujemy raz; wiadomość nie wróci, chyba że wskaźnik się poprawi i znów spadnie.',
      overdue: 'Zaległe:',
      overdueTask: '• {title} — {talk} (termin minął {due})',
      dueSoon: 'Termin w ciągu 3 dni:',
      dueTask: '• {title} — {talk} (termin {due})',
      taskBoard: 'Tablica zadań {community}: {url}',
      talkChecklist: 'Lista kontrolna prelekcji „{talk}”: {url}',
      emptyAgenda: 'Spotkania w ciągu dwóch tygodni, które nie mają jeszcze programu:',
      emptyEvent: '• {title} ({community}), {when}: {url}',
      digestThanks: 'Dziękujemy za zajęcie się tym — dzięki temu prelegenci mogą skupić się na wystąpieniach.',
    },
    calendarText: {
      cancelled: 'Odwołane: {title}',
      agenda: 'Program:',
      agendaTalk: '{times}  {title}',
      agendaTalkBy: '{times}  {title} — {speakers}',
      joinOnline: 'Dołącz online: {url}',
      talkLanguage: 'Język: {language}',
      partOf: 'Część wydarzenia {event} ({when})',
      rsvp: 'Odpowiedz: {url}',
      task: '{title} — {talk}',
      taskDone: '✓ {title} — {talk}',
      taskDue: 'Zadanie wsparcia prelegenta dla „{talk}”, termin {due}.',
      personalFeed: '{name} — Brownbag',
    },
  },

  fi: {
    mail: {
      footer: 'Brownbag — sisäiset esitykset ja meetupit',
      hi: 'Hei {name},',
      hiNoName: 'Hei,',
      colleague: 'Kollega',
      yourColleague: 'Kollegasi',
      noAnswer: 'ei vastausta',
      toBeAnnounced: 'ilmoitetaan myöhemmin',
      when: 'Milloin: {when}',
      where: 'Missä: {where}',
      bullet: '• {text}',

      proposalReceivedSubject: 'Ehdotuksesi on vastaanotettu: {title}',
      proposalReceived:
        'Kiitos ehdotuksesta ”{title}” ({format}) yhteisölle {community}. Arvioijat lukevat sen pian; voit vielä muokata sitä arvioinnin aikana.',
      proposalReceivedNext: 'Kerromme sinulle, miten asia etenee. Ehdotuksesi ja sen tila löytyvät täältä:',
      acceptedSubject: 'Hyväksytty: {title} — vahvistathan',
      accepted: 'Hyviä uutisia: ”{title}” on hyväksytty yhteisöön {community}!',
      acceptedConfirm:
        'Vahvistathan, että pidät esityksen (siirrä ehdotus tilaan ”vahvistettu”). Huolehdimme tilasta, tiedottamisesta ja muusta, jotta voit keskittyä esitykseen. Vahvista täällä:',
      waitlistedSubject: 'Varasijalla: {title}',
      waitlisted:
        '”{title}” on yhteisön {community} varasijalla: pidimme siitä, ja palaamme asiaan heti, kun paikka vapautuu.',
      waitlistedLink: 'Ehdotuksesi odottaa sillä välin täällä:',
      rejectedSubject: 'Ehdotuksestasi: {title}',
      rejected: 'Kiitos ehdotuksesta ”{title}” yhteisölle {community}. Tällä kertaa se ei mahtunut ohjelmaan.',
      rejectedEncourage:
        'Älä anna tämän lannistaa: useimmat puhujat ovat saaneet kieltävän vastauksen ennen ensimmäistä kyllää, ja järjestäjät auttavat mielellään muotoilemaan seuraavan ideasi. Ehdotuksesi on täällä:',

      coSpeakerAddedSubject: 'Esittäisitkö yhdessä: ”{title}”?',
      coSpeakerAdded: '{by} pyytää sinua esittämään yhdessä esityksen ”{title}” ({format}) yhteisössä {community}.',
      coSpeakerAddedNext:
        'Mikään ei muutu ennen kuin suostut. Lue ehdotus ja hyväksy tai hylkää kutsu täällä; linkki kirjaa sinut sisään (kerran, viikon ajan):',
      coSpeakerAcceptedSubject: '{by} esittää kanssasi: ”{title}”',
      coSpeakerAccepted: '{by} hyväksyi kutsusi ja on nyt esityksen ”{title}” ({community}) puhujana.',
      coSpeakerDeclinedSubject: '{by} ei esitä kanssasi: ”{title}”',
      coSpeakerDeclined:
        '{by} kieltäytyi kutsustasi esittää yhdessä ”{title}” ({community}). Ehdotus jatkuu ennallaan.',

      signInSubject: 'Brownbagin kirjautumislinkkisi',
      signIn:
        'Tässä pyytämäsi linkki. Sillä voi kirjautua kerran {minutes, plural, one {# minuutin} other {# minuutin}} kuluessa:',
      signInIgnore:
        'Jos et pyytänyt linkkiä, voit jättää tämän viestin huomiotta: mitään ei tapahdu, ellei linkkiä avata.',
      noAccountSubject: 'Kirjautumisesta Brownbagiin',
      noAccount:
        'Joku (toivottavasti sinä) yritti kirjautua Brownbagiin osoitteessa {publicUrl} osoitteella {email}. Tällä osoitteella ei ole tiliä, eikä sellaista voi luoda sillä itse.',
      noAccountNext:
        'Kokeile yrityksen sähköpostiosoitettasi tai pyydä yhteisösi järjestäjää lisäämään sinut, ja kirjaudu sitten uudelleen täällä:',
      noAccountIgnore: 'Jos et pyytänyt tätä, voit jättää viestin huomiotta.',

      invitationSubject: 'Kutsu: {title} — {when}',
      eventIn: '{title} ({community})',
      invitationAttached: 'Kutsu on liitteenä; lisää se kalenteriisi. Se päivittyy itsestään, jos jokin muuttuu.',
      answerRead:
        'Hyväksy tai hylkää kalenterissasi tai alla olevalla sivulla; paikkasi seuraa vastaustasi kummin tahansa.',
      answerNotRead: 'Kukaan ei lue kalenterista lähetettyä vastausta: kerro tulostasi alla olevalla sivulla.',
      updateSubject: 'Päivitetty: {title} — {when}',
      updated: '{title} ({community}) on muuttunut.',
      whatChanged: 'Mikä muuttui:',
      changedTime: 'Aika: {before} → {after}',
      changedPlace: 'Paikka: {before} → {after}',
      changedOnline: 'Verkossa: {before} → {after}',
      changedTitle: 'Otsikko: {before} → {after}',
      changedNone: 'ei mitään',
      updateAttached: 'Kalenterimerkintäsi päivittyy liitteenä olevalla kutsulla.',
      cancellationSubject: 'Peruttu: {title} — {when}',
      cancellation: '{title} ({community}) {when} on peruttu osaltasi.',
      organizersSay: 'Järjestäjien viesti: {reason}',
      cancellationAttached: 'Liitteenä oleva peruutus poistaa tapahtuman kalenteristasi. Tapahtuman sivu:',
      promotedSubject: 'Sait paikan: {title}',
      promoted: 'Paikka vapautui: olet nyt tulossa tapahtumaan {title} ({community}).',
      promotedGiveBack: 'Jos et kuitenkaan pääse, vapautathan paikan seuraavalle tapahtuman sivulla:',
      reminderSubject: 'Huomenna: {title} — {when}',
      reminder: 'Muistutus: {title} ({community}) alkaa {when}.',
      talkTitle: 'Esityksesi ”{title}”',
      talkTitleAt: 'Esityksesi ”{title}” tapahtumassa {event}',

      lessonPromptSubject: 'Mitä opit? ”{title}”',
      lessonReminderSubject: 'Pieni muistutus — mitä opit? ”{title}”',
      lessonPrompt: 'Kiitos esityksestä ”{title}” yhteisössä {community}! Nyt kun se on tuoreena mielessä: mitä opit?',
      lessonReminder:
        'Kysyimme muutama päivä sitten, mitä opit esityksestä ”{title}” yhteisössä {community}. Jos sinulla on kymmenen minuuttia, muistiinpanosi auttavat seuraavaa puhujaa enemmän kuin mikään muu.',
      lessonHow:
        'Kolme oivallusta, mikä toimi, mitä tekisit toisin ja linkit dioihin tai tallenteeseen riittävät hyvin. Tallenna luonnokseksi ja julkaise, kun olet tyytyväinen; julkaistut opit liitetään tietopankkiin, josta kollegat hakevat.',

      nominatedSubject: '{nominator} ehdottaa, että pitäisit esityksen',
      nominated: '{nominator} ehdotti sinua puhujaksi yhteisöön {community} aiheesta ”{topic}”.',
      nominatedWhy: 'Miksi, hänen omin sanoin:\n{reason}',
      nominatedHelp:
        'Tiedät enemmän kuin luulet, ja järjestäjät auttavat kaikessa muussa: rungossa, dioissa, tilassa ja tiedottamisessa. Jos suostut, saat ehdotusluonnoksen, jota voit muokata omaan tahtiisi; kieltäytyminenkin on ihan hyvä. Vastaa täällä:',
      nominationAcceptedSubject: 'Ehdottamasi puhuja {nominee}: suostui',
      nominationDeclinedSubject: 'Ehdottamasi puhuja {nominee}: ei tällä kertaa',
      nominationAccepted:
        '{nominee} hyväksyi ehdotuksesi puhua aiheesta ”{topic}” yhteisössä {community} ja aloitti esitysehdotuksen. Kiitos, että löysit puhujan!',
      nominationDeclined: '{nominee} kieltäytyi ehdotuksestasi puhua aiheesta ”{topic}” yhteisössä {community}.',
      nominationDeclinedBecause:
        '{nominee} kieltäytyi ehdotuksestasi puhua aiheesta ”{topic}” yhteisössä {community}: {reason}',
      nominationThanks: 'Kiitos, että ajattelit häntä: pyyntö rohkaisee, vaikka ajankohta ei olisikaan oikea.',
      nominationLink: 'Ehdotus:',

      speakUpSubject: '{community} kuulisi mielellään sinusta',
      speakUp:
        'Olet käynyt useissa yhteisön {community} esityksissä: kiitos, että tulit! Oletko miettinyt oman esityksen pitämistä? Se, mitä teet joka päivä ja pidät itsestäänselvänä, on usein juuri sitä, mitä kollegat haluaisivat oppia.',
      speakUpWishes: 'Aiheita, joita kollegat toivovat:',
      speakUpWish: '• {title} ({votes, plural, one {# ääni} other {# ääntä}})',
      speakUpFirstTalks: 'Heillekin se oli ensimmäinen esitys:',
      speakUpLesson: '• {speaker}, ”{title}”',
      speakUpLessonLearned: '• {speaker}, ”{title}” — opittua: {takeaway}',
      speakUpPropose:
        'Viiden minuutin salamaesitys on hyvä alku, ja järjestäjät auttavat rungossa, dioissa ja tilassa. Ehdota esitystä täällä:',
      speakUpNotNow: 'Ei nyt? Kerro meille, niin emme kysy puoleen vuoteen: {url}',
      speakUpNever: 'Älä kysy enää: {url}',

      destinationPausedSubject: 'Tiedotteet keskeytetty: {destination}',
      destinationPaused:
        'Yhteisön {community} kolmea viimeisintä tiedotetta ei saatu toimitettua kohteeseen {destination}, joten Brownbag keskeytti sen. Viimeisin vastaus oli: {error}',
      destinationPausedNext:
        'Tarkista chatin webhook (se on ehkä poistettu), jatka sitten kohteen käyttöä ja lähetä väliin jääneet uudelleen:',

      wishOfferSubject: '{offerer} voisi puhua aiheesta ”{title}”',
      wishOffer:
        'Toivoit kuulevasi aiheesta ”{title}” yhteisössä {community}, ja {offerer} tarjoutui puhumaan siitä: esitysehdotus on aloitettu.',
      wishOfferNext:
        'Järjestäjät näkevät sen, kun se on lähetetty. Toiveesi, sen äänet ja tarjoutujat löytyvät täältä:',

      digestDueSubject:
        'Puhujien tuki: {overdue, plural, =0 {} other {# myöhässä, }}{soon, plural, other {#}} erääntyy 3 päivän sisällä',
      digestEmptySubject:
        'Puhujien tuki: {n, plural, one {# tuleva tapaaminen} other {# tulevaa tapaamista}} ilman ohjelmaa',
      digestHealthSubject:
        'Yhteisön hyvinvointi: {n, plural, one {{community}, {indicator} vaatii toimia} other {# mittaria vaatii toimia}}',
      healthAlert: 'Yhteisön hyvinvointi — {community}: {indicator} vaatii toimia.',
      healthNextStep: 'Seuraava askel: {step}',
      healthOnce:
        'Kuulet kustakin vain kerran; viesti ei toistu, ellei tilanne ensin korjaannu ja sitten heikkene uudelleen.',
      overdue: 'Myöhässä:',
      overdueTask: '• {title} — {talk} (erääntyi {due})',
      dueSoon: 'Erääntyy 3 päivän sisällä:',
      dueTask: '• {title} — {talk} (erääntyy {due})',
      taskBoard: 'Yhteisön {community} tehtävätaulu: {url}',
      talkChecklist: 'Esityksen ”{talk}” tarkistuslista: {url}',
      emptyAgenda: 'Tapaamiset kahden viikon sisällä, joiden ohjelma on vielä tyhjä:',
      emptyEvent: '• {title} ({community}), {when}: {url}',
      digestThanks: 'Kiitos, että huolehdit tästä, jotta puhujat voivat keskittyä esityksiinsä.',
    },
    calendarText: {
      cancelled: 'Peruttu: {title}',
      agenda: 'Ohjelma:',
      agendaTalk: '{times}  {title}',
      agendaTalkBy: '{times}  {title} — {speakers}',
      joinOnline: 'Liity verkossa: {url}',
      talkLanguage: 'Kieli: {language}',
      partOf: 'Osa tapahtumaa {event} ({when})',
      rsvp: 'Ilmoittaudu: {url}',
      task: '{title} — {talk}',
      taskDone: '✓ {title} — {talk}',
      taskDue: 'Puhujan tukitehtävä esitykselle ”{talk}”, erääntyy {due}.',
      personalFeed: '{name} — Brownbag',
    },
  },
};
