/**
 * Every word the pages show, in English, the source of every translation (see ../catalogue.ts): a plain
 * string is a text without values, `msg<{ … }>('ICU text')` one with values. Templates never hold text.
 */
import { msg } from '../catalogue';

export const en = {
  brand: 'Brownbag',
  signOut: 'Sign out',
  myCommunities: 'My communities',
  lessons: 'Lessons',
  calendar: 'Calendar',
  home: 'Home',
  signedInAs: msg<{ name: string }>('Signed in as {name}'),
  skipToContent: 'Skip to content',
  // the language switch, a person's language (profile) and a community's default language (settings)
  readerLanguage: {
    label: 'Language',
    change: 'Change',
    profile: 'Your profile',
    profileHint: 'What Brownbag knows of you, and how it speaks to you.',
    yours: 'Language of pages and mail',
    automatic: "Automatic: your browser's language, else the community's",
    saved: 'Saved.',
    save: 'Save',
    settings: 'Settings',
    settingsTitle: msg<{ community: string }>('Settings of {community}'),
    communityDefault: 'Default language',
    communityDefaultHint:
      'Pages and mail of this community are in this language for people who chose none and whose browser asks for none Brownbag speaks.',
  },

  // home
  homeTitle: 'Your talks and meetups',
  hello: (name: string) => `Hello, ${name}`,
  signedInWith: 'You are signed in as',
  noCommunities:
    'You are not in a community yet. Ask an organizer to add you, or open a community you were invited to.',
  role: { organizer: 'organizer', reviewer: 'reviewer', member: 'member', none: 'not a member' } as Record<
    string,
    string
  >,
  upcoming: 'Coming up',
  nothingUpcoming: 'Nothing scheduled yet.',

  // community
  openCall: 'Call for proposals',
  callOpenUntil: (when: string) => `Open until ${when}`,
  callRolling: 'Open, no deadline',
  noOpenCall: 'No call for proposals is open right now — why not nominate a colleague?',
  proposeTalk: 'Propose a talk',
  pastTalks: 'Past talks',
  noPastTalks: 'No talks given yet.',
  subscribe: 'Add to your calendar',
  subscribeHint: 'Subscribe once; your calendar follows every change.',
  subscribeButton: 'Subscribe (webcal)',
  copyUrl: 'Or copy this URL into Google Calendar or Outlook (“From URL” / “Subscribe to calendar”):',
  internalFeed: 'This community is internal: calendars read it through an address of your own. Keep it to yourself.',
  makePersonalFeed: 'Make my personal calendar address',
  proposals: 'Proposals',
  organize: 'Organize',
  reviewQueue: 'Review queue',
  join: 'Join this community',

  // proposals
  myProposals: 'My proposals',
  noProposals: 'No proposals yet.',
  title: 'Title',
  abstract: 'Abstract',
  format: 'Format',
  track: 'Track',
  noTrack: 'No track',
  level: 'Level',
  language: 'Language of the talk',
  notes: 'Notes for the organizers',
  coSpeakers: 'Co-speakers (e-mail addresses, one per line; each is asked first)',
  invitedSpeakers: 'Asked to co-present, no answer yet',
  invitationTitle: 'You are asked to co-present',
  invitationSay:
    'Nothing changes until you say yes. As a speaker you can edit the proposal, and you no longer review it.',
  invitationAccept: 'Accept and co-present',
  invitationDecline: 'Decline',
  invitationDeclined: 'You declined; whoever asked you has been told.',
  saveDraft: 'Save draft',
  submit: 'Submit',
  save: 'Save',
  withdraw: 'Withdraw',
  confirm: 'Confirm I will give it',
  state: 'State',
  stateName: {
    draft: 'draft',
    submitted: 'submitted',
    accepted: 'accepted',
    waitlisted: 'waitlisted',
    rejected: 'rejected',
    confirmed: 'confirmed',
    withdrawn: 'withdrawn',
    canceled: 'canceled',
  } as Record<string, string>,
  speakers: 'Speakers',
  speakersHidden: 'Speakers are hidden: this community reviews blind.',
  history: 'History',
  by: (who: string) => `by ${who}`,
  meanScore: 'Mean score',
  reviews: 'Reviews',
  accept: 'Accept',
  waitlist: 'Waitlist',
  reject: 'Reject',
  sendDecisions: 'Send the staged decisions',
  decisionsSent: msg<{ n: number }>('{n, plural, one {One decision sent.} other {# decisions sent.}}'),
  stagedHint: 'Decisions made here are staged; speakers hear of them when you send them.',
  filterState: 'Show',
  allStates: 'all',
  sortByScore: 'Sort by mean score',
  edit: 'Edit',

  // reviews
  review: 'Review',
  score: 'Score (1–5)',
  comment: 'Comment',
  saveReview: 'Save review and go to the next',
  queueEmpty: 'Nothing left to review. Thank you!',
  toReview: (n: number) => (n === 1 ? 'One proposal to review.' : `${n} proposals to review.`),
  yourScore: (n: number) => `Your score: ${n}`,

  // checklist
  checklist: 'Checklist',
  due: (when: string) => `due ${when}`,
  markDone: 'Mark done',
  taskStatus: { open: 'open', done: 'done', skipped: 'skipped' } as Record<string, string>,
  done: 'done',
  overdue: 'overdue',

  // events
  when: 'When',
  where: 'Where',
  online: 'Online',
  agenda: 'Agenda',
  noAgenda: 'No talks on the agenda yet.',
  seatsLeft: (n: number) => (n === 1 ? 'One seat left' : `${n} seats left`),
  full: (waitlisted: number) => `Full — ${waitlisted} on the waitlist`,
  going: 'I am going',
  joinWaitlist: 'Put me on the waitlist',
  notGoing: 'I cannot come',
  youAreGoing: 'You are going.',
  youAreWaitlisted: 'You are on the waitlist; we will tell you when a seat frees up.',
  youDeclined: 'You said you cannot come.',
  placeTalk: 'Place a talk on the agenda',
  talk: 'Talk',
  startsAt: 'Starts at',
  place: 'Place',
  backlogEmpty: 'No accepted talk is waiting for a slot.',
  addToCalendar: 'Add this event to your calendar',

  // lessons
  lesson: 'What did you learn?',
  takeaways: 'Takeaways (one per line)',
  wentWell: 'What went well',
  toChange: 'What you would change',
  publish: 'Publish',
  searchLessons: 'Search talks and lessons',
  search: 'Search',
  noHits: 'Nothing found. Try fewer or other words.',

  // organizers
  taskBoard: 'Task board',
  lateFirst: 'Late tasks first, then by due date.',
  onlyOverdue: 'Only overdue',
  noTasks: 'No tasks here. Tasks appear when talks are accepted.',
  assignee: 'Assignee',
  nobody: 'nobody',
  attendees: 'Attendees and check-in',
  checkIn: 'Check in',
  undoCheckIn: 'Undo',
  checkedIn: 'checked in',
  rsvpStatus: { going: 'going', waitlisted: 'waitlisted', declined: 'declined' } as Record<string, string>,
  noAttendees: 'Nobody has answered yet.',
  figures: 'Community in figures',
  downloadCsv: 'Download as CSV',
  chartAttendance: 'Attendance (people checked in)',
  chartFirstTimers: 'First-time speakers',
  chartOnTime: 'Tasks done on time (%)',
  chartWishVotes: 'Votes for topic wishes',
  noFigures: 'No figures yet.',

  // nominations
  nominate: 'Nominate a colleague',
  nominateHint: 'Know someone who should give a talk? They get an encouraging mail; you hear back.',
  colleagueEmail: "Colleague's e-mail address",
  colleagueName: "Colleague's name (if Brownbag does not know them yet)",
  topic: 'Topic',
  why: 'Why them (goes into the mail)',
  sendNomination: 'Send the nomination',
  nominationSent: 'Thank you! Your colleague has been told.',
  nominations: 'Nominations',
  nominatedBy: (name: string) => `Nominated by ${name}`,
  acceptNomination: 'Accept and start a draft',
  declineNomination: 'Decline',
  declineReason: 'A word to the nominator (optional)',
  nominationStatus: { open: 'open', accepted: 'accepted', declined: 'declined' } as Record<string, string>,
  received: 'Received',
  sent: 'Sent',
  noNominations: 'None yet.',

  // series
  emptySoon: 'Coming up within two weeks with nothing on the agenda yet:',
  seriesFromBacklog: 'Fill from the backlog',
  seriesFromBacklogHint:
    'Accepted talks without a slot, the longest waiting first, that fit the free time and whose speakers are free then.',
  seriesConfirm: 'Put them on the agenda',
  seriesPlaced: (n: number, refused: string[]) =>
    `${n === 1 ? 'One talk' : `${n} talks`} placed${refused.length ? `; not placed: ${refused.join(' ')}` : ''}.`,
  series: 'Meetup series',
  noSeries: 'No series yet.',
  newSeries: 'Start a series',
  startSeries: 'Start the series',
  seriesEvery: 'Meets',
  seriesRhythm: {
    weekly: 'every week',
    biweekly: 'every second week',
    'monthly-1': 'monthly, the first',
    'monthly-2': 'monthly, the second',
    'monthly-3': 'monthly, the third',
    'monthly-last': 'monthly, the last',
  } as Record<string, string>,
  seriesWeekday: 'On',
  weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  seriesStartTime: 'Starts at (local time)',
  seriesMinutes: 'Minutes',
  seriesRrule: 'Or any cadence as an RRULE (overrides the above)',
  seriesStartsOn: 'From',
  seriesMix: 'Format mix per meeting (optional), e.g. talk: 2, lightning: 3',
  onlineUrl: 'Online link (optional)',
  seriesEnded: (on: string) => `ends ${on}`,
  seriesComing: 'Coming up',
  seriesNothingComing: 'Nothing coming up.',
  seriesNoTalks: 'no talks yet',
  seriesSkip: 'Skip',
  seriesUnskip: 'Take the skip back',
  seriesSkipped: 'Skipped',
  seriesChangeCadence: 'Change the cadence',
  seriesFrom: 'From (the first day of the new cadence)',
  seriesEnd: 'End the series',
  seriesLastDay: 'Last day it meets',
  seriesChanged: (moved: number, gone: number, kept: number) =>
    `Done: ${moved} moved, ${gone} removed or canceled${kept ? `, ${kept} left as they were (moved by hand)` : ''}.`,
  eventStatus: { draft: 'draft', published: 'published', canceled: 'canceled' } as Record<string, string>,

  // the organizing team
  team: 'Organizing team',
  teamHint:
    'Who does what: name the roles (architect, moderator, ambassador, empath…). Checklist tasks can belong to a role; handing a role over moves its open tasks.',
  roleTasks: (n: number) => (n === 1 ? '1 open task' : `${n} open tasks`),
  handOverTo: (role: string) => `${role}: hand over to`,
  handOver: 'Hand over',
  handedOver: (role: string, n: number) =>
    `${role} handed over${n ? `; ${n === 1 ? 'one open task moved' : `${n} open tasks moved`} with it` : ''}.`,
  noRoles: 'No roles yet.',
  newRole: 'Name a role',
  roleName: 'Role',
  roleHolder: 'Held by',
  roleDescription: 'What it is about (optional)',
  addRole: 'Add the role',

  // announcements
  announcements: 'Announcements',
  announcementsHint:
    'Post what happens where the community already talks: a chat channel (an incoming webhook) or any system, through a signed webhook.',
  webhookSecret: 'The signing secret (shown once; verify deliveries with it):',
  destinationKind: {
    slack: 'Slack',
    teams: 'Microsoft Teams',
    mattermost: 'Mattermost',
    'google-chat': 'Google Chat',
    webhook: 'Webhook (signed)',
  } as Record<string, string>,
  happening: {
    'event.published': 'an event is published',
    'event.moved': 'an event moves',
    'event.canceled': 'an event is canceled',
    'call.opened': 'a call for proposals opens',
    'call.closing': 'a call closes in 3 days',
    'talk.tomorrow': "tomorrow's talks",
    'lesson.published': 'a lesson is published',
    'wish.created': 'a new topic wish',
    'health.act': 'community health needs action',
  } as Record<string, string>,
  paused: 'paused',
  pause: 'Pause',
  resume: 'Resume',
  sendTest: 'Send a test',
  deliveriesOf: (name: string) => `Deliveries to ${name}`,
  happeningCol: 'What',
  statusCol: 'Status',
  attemptsCol: 'Attempts',
  actionsCol: 'Actions',
  deliveryStatus: {
    pending: 'pending',
    delivered: 'delivered',
    failed: 'failed',
    skipped: 'skipped (paused)',
  } as Record<string, string>,
  redeliver: 'Send again',
  noDeliveries: 'Nothing sent yet.',
  noDestinations: 'No chat connected yet.',
  connectChat: 'Connect a chat or webhook',
  destinationKindLabel: 'Where',
  destinationName: 'Name (e.g. #guild)',
  webhookUrl: 'Incoming webhook URL',
  whatToAnnounce: 'What to announce',
  connect: 'Connect',

  // topic wishes
  wishes: 'Topic wishes',
  wishesHint:
    'What would you like to hear about? Wish for a topic, vote for the ones you want too, and if you could talk about one, say so: it starts a draft proposal.',
  wishTitle: 'A topic you would like to hear about',
  wishDetails: 'What you would like to learn (optional)',
  postWish: 'Post the wish',
  openWishes: 'Open wishes',
  closedWishes: 'Closed wishes',
  noWishes: 'No wishes yet.',
  votes: (n: number) => (n === 1 ? '1 vote' : `${n} votes`),
  offers: (n: number) => (n === 1 ? '1 offer to talk' : `${n} offers to talk`),
  vote: 'Vote',
  unvote: 'Withdraw my vote',
  wishedBy: (name: string) => `Wished for by ${name}`,
  wishStatus: { open: 'open', closed: 'closed' } as Record<string, string>,
  couldTalk: 'Who could talk about it',
  noOffers: 'Nobody yet — could you?',
  offerTalk: 'I could talk about this',
  yourDraft: 'your draft proposal',
  closeWish: 'Close the wish',
  reopenWish: 'Reopen the wish',

  // calendar
  myCalendar: 'My calendar',
  myCalendarHint:
    'One address for your calendar app: the events you are going to, the talks you give and your tasks. Keep it private; make a new one if it leaks.',
  newCalendarAddress: 'Make a calendar address',
  rotate: 'Replace the address',
  revoke: 'Stop it',
  calendarMade: 'Your address (shown once; copy it into your calendar app now):',
  noCalendarAddresses: 'No address yet.',
  reminderAlarm: 'Reminders',
  reminderAlarmHint:
    'Your calendar can remind you before each event and talk: in the invitations we send you and in your calendar address.',
  remindMe: 'Remind me',
  noReminder: 'no reminder',
  minutesBefore: (n: number) =>
    n >= 1440 && n % 1440 === 0
      ? `${n / 1440} day${n === 1440 ? '' : 's'} before`
      : n >= 60 && n % 60 === 0
        ? `${n / 60} hour${n === 60 ? '' : 's'} before`
        : `${n} minutes before`,

  // after the talk
  whatWeLearned: 'What the speakers learned',
  feedbackSummary: (n: number, mean: string) =>
    n === 1 ? `One rating, ${mean} on average` : `${n} ratings, ${mean} on average`,
  noFeedback: 'No feedback yet.',
  feedbackComments: 'What attendees wrote',
  retrospective: "Organizers' retrospective",
  saveRetrospective: 'Save the retrospective',
  removeSlot: 'Take off the agenda',
  googleCalendar: 'Add to Google Calendar',
  outlookCalendar: 'Add to Outlook',

  // call set-up
  newCall: 'Open a call for proposals',
  callTitle: 'Title',
  opensAt: 'Opens on',
  closesAt: 'Closes on (leave empty for a rolling call)',
  formats: 'Formats, one per line: key, name, minutes',
  tracks: 'Tracks, one per line: key, name (optional)',
  openCallButton: 'Open the call',
  formatsHint:
    'Write each format as "key, name, minutes" and each track as "key, name" (key: lower-case letters, digits, dashes).',

  // sign-in
  signIn: {
    title: 'Sign in',
    heading: 'Sign in to Brownbag',
    tagline: 'Internal talks and meetups: propose a talk, review, organize, attend.',
    emailLabel: 'Work e-mail address',
    sendLink: 'Send me a sign-in link',
    sendNewLink: 'Send me a new link',
    withProvider: (name: string) => `Sign in with ${name}`,
    or: 'or',
    checkMail: 'Check your mail',
    linkOnItsWay:
      'If Brownbag can sign you in with that address, a link is on its way. It works once, within 15 minutes; open it in this browser.',
    nothingArrived: 'Nothing after a few minutes? Look in the spam folder, or ask for a new link.',
    backToSignIn: 'Back to sign-in',
    signInAs: (who: string) => `Sign in as ${who}`,
    continue: 'Continue',
    notAnAddress: 'That does not look like an e-mail address; check it and try again.',
  },
  signInFailures: {
    'link-expired': {
      title: 'This link has expired',
      say: 'Sign-in links work once, for a short while. Ask for a new one below.',
    },
    'domain-not-allowed': {
      title: 'Brownbag cannot make an account for this address',
      say: 'Sign in with your company address, or ask an organizer of your community to add you; then sign in again.',
    },
    'provider-refused': {
      title: 'Your company sign-in did not go through',
      say: 'The provider did not confirm who you are (you may have cancelled, or the answer did not check out). Try again.',
    },
    'provider-unreachable': {
      title: 'We could not reach the company sign-in',
      say: 'It may be down for a moment. Try again shortly.',
    },
    'provider-misconfigured': {
      title: 'The company sign-in is not set up right',
      say: 'The provider answers as a different issuer than Brownbag expects (OIDC_ISSUER). Please tell your administrator; meanwhile, use another way in if there is one.',
    },
    'round-trip-lost': {
      title: 'The sign-in took too long',
      say: 'It has to finish within ten minutes, in the browser where it started. Start again.',
    },
    'email-unverified': {
      title: 'Your e-mail address is not verified',
      say: 'The provider says your address is not verified yet. Verify it there, then sign in again.',
    },
    'no-email': {
      title: 'We did not get your e-mail address',
      say: 'The provider did not tell us your address; ask your administrator to release the email claim to Brownbag.',
    },
    'bad-origin': {
      title: 'That form came from another site',
      say: 'For your safety, Brownbag only accepts sign-in forms sent from its own pages. Start again here.',
    },
    'bad-input': {
      title: 'That did not work',
      say: 'The request was not one Brownbag understands (perhaps an old or cut-off link). Start again here.',
    },
    'too-many': { title: 'Too many attempts', say: 'Please wait a few minutes before asking again.' },
    'address-limit': {
      title: 'No new link was sent',
      say: 'Several sign-in links were asked for this address in the last 15 minutes, so Brownbag sent no new one. If the address can sign in, the newest link in your mail still works; otherwise wait a quarter of an hour and ask again.',
    },
    broken: { title: 'Something went wrong', say: 'It is not your fault, and it has been logged. Please try again.' },
  } as Record<string, { title: string; say: string }>,

  reassign: 'Assign',
  unassigned: '— nobody —',
  levelName: { beginner: 'beginner', intermediate: 'intermediate', advanced: 'advanced' } as Record<string, string>,
  broken: 'Something went wrong on our side; it has been logged. Please try again.',

  // community health
  health: {
    title: 'Community health',
    link: 'Health',
    hint: 'Each indicator is judged by thresholds you can set below: healthy, worth watching, or time to act. When one falls into “act”, organizers hear it once, in their digest and in chats that take “community health needs action”.',
    indicator: {
      rhythm: 'Rhythm kept',
      pipeline: 'Speaker pipeline',
      attendance: 'Attendance',
      newVoices: 'New voices',
      reach: 'Reach',
      care: 'Care for speakers',
      lessons: 'What did you learn?',
    } as Record<string, string>,
    status: { healthy: 'Healthy', watch: 'Watch', act: 'Act' } as Record<string, string>,
    unit: {
      weeks: (v: number) => `${v} ${v === 1 ? 'week' : 'weeks'}`,
      percent: (v: number) => `${v} %`,
      people: (v: number) => `${v} ${v === 1 ? 'person' : 'people'}`,
    } as Record<string, (v: number) => string>,
    noValue: '—',
    trend: 'Trend',
    actSince: (when: string) => `Needs action since ${when}; the organizers were told once.`,
    nextStep: 'Next step',
    reason: (key: string, v: Record<string, number | string>): string => {
      const n = (k: string) => Number(v[k]);
      const talks = (k: string) => `${n(k)} ${n(k) === 1 ? 'talk' : 'talks'}`;
      const words: Record<string, () => string> = {
        rhythmNone: () => 'No meeting has been held yet.',
        rhythmSince: () => `The last meeting was ${n('weeks')} ${n('weeks') === 1 ? 'week' : 'weeks'} ago.`,
        rhythmHeld: () => `${n('held')} of ${n('planned')} planned meetings were held in the last 90 days.`,
        pipelineGap: () =>
          n('weeks') === 0
            ? `The next meeting has no talk yet; ${talks('backlog')} accepted wait for a slot.`
            : `Only the next ${n('weeks') === 1 ? 'week has' : `${n('weeks')} weeks have`} talks; a meeting after that has none yet (${talks('backlog')} accepted wait for a slot).`,
        pipelineCovered: () =>
          `Upcoming meetings have talks for ${n('weeks')} weeks; ${talks('backlog')} accepted wait for a slot.`,
        pipelineNothing: () =>
          `No meeting is planned in the next 12 weeks; ${talks('backlog')} accepted wait for a slot.`,
        pipelineWaiting: () =>
          `${n('pending')} ${n('pending') === 1 ? 'proposal waits' : 'proposals wait'} for a decision, the oldest for ${n('days')} days.`,
        attendanceNone: () => 'No meeting has been held yet, so there is no attendance to judge.',
        attendanceSteady: () => `${n('last')} came to the last meeting.`,
        attendanceFell: () => `Attendance fell ${n('n')} meetings in a row: ${v.series}.`,
        attendanceDropped: () => `Attendance dropped from ${n('from')} to ${n('to')} at the last meeting.`,
        attendanceShowUp: () =>
          `${n('came')} of the ${n('going')} people going came to the last meeting (${n('pct')} %).`,
        voicesTooFew: () => `${talks('talks')} in the last 12 months; speaker figures are judged from ${n('min')} on.`,
        voicesFirst: () =>
          `${n('first')} of ${talks('talks')} in the last 12 months had a first-time speaker (${n('pct')} %).`,
        voicesTop: () =>
          `The three busiest speakers gave ${n('top')} of ${talks('talks')} in the last 12 months (${n('pct')} %).`,
        reachNoMembers: () => 'The community has no members yet.',
        reachShare: () =>
          `${n('came')} of ${n('members')} members came to a meeting in the last 90 days (${n('pct')} %), from ${n('departments')} of their ${n('of')} departments.`,
        careNone: () => 'No support task was due in the last 90 days.',
        careShare: () =>
          `${n('onTime')} of ${n('due')} support tasks due in the last 90 days were done on time (${n('pct')} %).`,
        lessonsNone: () => 'No talk was given in the last 12 months.',
        lessonsShare: () =>
          `${n('with')} of ${talks('talks')} of the last 12 months have a published lesson (${n('pct')} %).`,
      };
      const said = words[key]?.() ?? key;
      return v.counted === 'going' ? `${said} (Counted by RSVPs: nobody was checked in.)` : said;
    },
    step: {
      stepRhythm: 'Plan the next meetings: give the community a series with a cadence, or publish the next event.',
      stepPlaceBacklog: 'Place accepted talks from the backlog on the upcoming meetings.',
      stepFindSpeakers: 'Find speakers: nominate colleagues, or turn popular topic wishes into talks.',
      stepDecide: 'Decide the waiting proposals: their speakers are waiting for an answer.',
      stepAttendance: 'Ask what people want to hear: look at the topic wishes and plan talks on the favourites.',
      stepNewVoices: 'Nominate a colleague who has not spoken yet: a first talk usually needs an invitation.',
      stepReach: 'Announce where people already are: connect a chat channel, and invite other departments.',
      stepCare: 'Look at the overdue support tasks on the board and share them out.',
      stepLessons: 'Ask the speakers of recent talks for their lesson: ten minutes of notes help the next speaker.',
    } as Record<string, string>,
    takeStep: 'Take this step',
    chatTitle: (community: string, indicator: string) => `${community}: ${indicator} needs attention`,
    speakUpTitle: 'Helping the quiet ones speak',
    speakUpOn:
      'Once a month, people who came to several talks but never proposed one (and who accept nominations) get one kind invitation to propose; nobody gets more than one a quarter.',
    speakUpOff: 'The monthly invitation to propose is off for this community.',
    speakUpFigures: (asked: number, proposed: number) =>
      `In the last 12 months ${asked} ${asked === 1 ? 'person was' : 'people were'} asked; ${proposed} proposed a talk afterwards.`,
    settingsTitle: 'Thresholds and settings',
    speakUpSetting: 'Send the monthly invitation to propose',
    threshold: {
      rhythmWatchWeeks: 'weeks since the last meeting before it is worth watching',
      rhythmActWeeks: 'weeks since the last meeting before organizers should act',
      rhythmHeldWatchPct: "% of the series' planned meetings held (90 days), below which: watch",
      rhythmHeldActPct: "% of the series' planned meetings held (90 days), below which: act",
      pipelineWatchWeeks: 'weeks of upcoming meetings that have talks, below which: watch',
      pipelineActWeeks: 'weeks of upcoming meetings that have talks, below which: act',
      decisionWatchDays: 'days the oldest proposal may wait for a decision before: watch',
      decisionActDays: 'days the oldest proposal may wait for a decision before: act',
      attendanceFalls: 'meetings in a row with falling attendance that call for action',
      attendanceDropWatchPct: '% drop from one meeting to the next that is worth watching',
      showUpWatchPct: '% of those going who came (last meeting), below which: watch',
      showUpActPct: '% of those going who came (last meeting), below which: act',
      minTalks: 'talks in 12 months needed before speaker figures are judged',
      firstTimeWatchPct: '% of talks (12 months) by first-time speakers, below which: watch',
      firstTimeActPct: '% of talks (12 months) by first-time speakers, below which: act',
      topSpeakersWatchPct: '% of talks (12 months) given by the top 3 speakers, from which: watch',
      topSpeakersActPct: '% of talks (12 months) given by the top 3 speakers, from which: act',
      reachWatchPct: '% of members who came to a meeting (90 days), below which: watch',
      reachActPct: '% of members who came to a meeting (90 days), below which: act',
      onTimeWatchPct: '% of support tasks (90 days) done on time, below which: watch',
      onTimeActPct: '% of support tasks (90 days) done on time, below which: act',
      lessonsWatchPct: '% of past talks (12 months) with a published lesson, below which: watch',
      lessonsActPct: '% of past talks (12 months) with a published lesson, below which: act',
    } as Record<string, string>,
    thresholdCol: 'Threshold',
    valueCol: 'Value',
    defaultIs: (v: number) => `default ${v}`,
    save: 'Save the settings',
    saved: 'Saved.',
  },
  speakUp: {
    title: 'An invitation to propose a talk',
    notNow: 'Not now',
    never: 'Never ask again',
    notNowSay: (community: string) =>
      `You will not be asked again for six months (by ${community} or any other community). Thank you for letting us know.`,
    neverSay:
      'You will not be asked again. If you ever want to give a talk, the call for proposals is always open to you.',
    confirmNotNow: 'Not now: ask me again in six months at the earliest',
    confirmNever: 'Never ask me again',
    askedBy: (community: string) => `${community} invited you to propose a talk.`,
    propose: 'Propose a talk',
  },

  // errors
  notFoundTitle: 'Not found',
  notFound: 'This page does not exist, or you may not see it.',
  refused: 'That did not work',
  checkFields: 'Please check what you typed:',
  notEditableNow: 'You cannot edit this proposal now: only its speakers can, while it is a draft or submitted.',
  /** Why a form field was refused, by the schema keyword that refused it (web/form.ts). */
  fieldProblem: (keyword: string, p: Record<string, unknown>): string => {
    switch (keyword) {
      case 'maxLength':
        return `at most ${p.limit} characters`;
      case 'minLength':
        return p.limit === 1 ? 'must not be empty' : `at least ${p.limit} characters`;
      case 'required':
        return 'is required';
      case 'enum':
        return `choose one of: ${(p.allowedValues as unknown[]).join(', ')}`;
      case 'maxItems':
        return `at most ${p.limit}`;
      case 'minItems':
        return `at least ${p.limit}`;
      case 'minimum':
        return `at least ${p.limit}`;
      case 'maximum':
        return `at most ${p.limit}`;
      case 'format':
        return p.format === 'email' ? 'is not an e-mail address' : `is not a valid ${p.format}`;
      case 'pattern':
        return 'is not in the expected form';
      case 'type':
        return 'is not the expected kind of value';
      case 'minProperties':
        return 'change at least one field';
      default:
        return 'is not valid';
    }
  },
  unavailableTitle: 'Back in a moment',
  unavailable:
    'Brownbag cannot reach its database right now, so nothing was saved; what you typed is still here. Try again in a few seconds.',
};
