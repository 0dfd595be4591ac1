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

  // home
  homeTitle: 'Your talks and meetups',
  hello: msg<{ name: string }>('Hello, {name}'),
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
  callOpenUntil: msg<{ when: string }>('Open until {when}'),
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
  by: msg<{ who: string }>('by {who}'),
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
  toReview: msg<{ n: number }>('{n, plural, one {One proposal to review.} other {# proposals to review.}}'),
  yourScore: msg<{ n: number }>('Your score: {n}'),

  // checklist
  checklist: 'Checklist',
  due: msg<{ when: string }>('due {when}'),
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
  seatsLeft: msg<{ n: number }>('{n, plural, one {One seat left} other {# seats left}}'),
  full: msg<{ waitlisted: number }>('Full — {waitlisted} on the waitlist'),
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
  nominatedBy: msg<{ name: string }>('Nominated by {name}'),
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
  /** `refused`: why the talks not placed were not (their reasons, joined); `notPlaced`: how many. */
  seriesPlaced: msg<{ n: number; notPlaced: number; refused: string }>(
    '{n, plural, one {One talk} other {# talks}} placed{notPlaced, plural, =0 {} other {; not placed: {refused}}}.',
  ),
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
  seriesEnded: msg<{ on: string }>('ends {on}'),
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
  seriesChanged: msg<{ moved: number; gone: number; kept: number }>(
    'Done: {moved} moved, {gone} removed or canceled{kept, plural, =0 {} other {, # left as they were (moved by hand)}}.',
  ),
  eventStatus: { draft: 'draft', published: 'published', canceled: 'canceled' } as Record<string, string>,

  // the organizing team
  team: 'Organizing team',
  teamHint:
    'Who does what: name the roles (architect, moderator, ambassador, empath…). Checklist tasks can belong to a role; handing a role over moves its open tasks.',
  roleTasks: msg<{ n: number }>('{n, plural, one {# open task} other {# open tasks}}'),
  handOverTo: msg<{ role: string }>('{role}: hand over to'),
  handOver: 'Hand over',
  handedOver: msg<{ role: string; n: number }>(
    '{role} handed over{n, plural, =0 {} one {; one open task moved with it} other {; # open tasks moved with it}}.',
  ),
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
  deliveriesOf: msg<{ name: string }>('Deliveries to {name}'),
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
  votes: msg<{ n: number }>('{n, plural, one {# vote} other {# votes}}'),
  offers: msg<{ n: number }>('{n, plural, one {# offer to talk} other {# offers to talk}}'),
  vote: 'Vote',
  unvote: 'Withdraw my vote',
  wishedBy: msg<{ name: string }>('Wished for by {name}'),
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
  /** A reminder's lead time in its largest whole unit (people.pages.tsx picks `unit` and `n`). */
  minutesBefore: msg<{ unit: 'days' | 'hours' | 'minutes'; n: number }>(
    '{unit, select, days {{n, plural, one {# day before} other {# days before}}} hours {{n, plural, one {# hour before} other {# hours before}}} other {{n, plural, one {# minute before} other {# minutes before}}}}',
  ),

  // after the talk
  whatWeLearned: 'What the speakers learned',
  feedbackSummary: msg<{ n: number; mean: string }>(
    '{n, plural, one {One rating, {mean} on average} other {# ratings, {mean} on average}}',
  ),
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
    withProvider: msg<{ name: string }>('Sign in with {name}'),
    or: 'or',
    checkMail: 'Check your mail',
    linkOnItsWay:
      'If Brownbag can sign you in with that address, a link is on its way. It works once, within 15 minutes; open it in this browser.',
    nothingArrived: 'Nothing after a few minutes? Look in the spam folder, or ask for a new link.',
    backToSignIn: 'Back to sign-in',
    signInAs: msg<{ who: string }>('Sign in as {who}'),
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
      weeks: msg<{ v: number }>('{v, plural, one {# week} other {# weeks}}'),
      percent: msg<{ v: number }>('{v} %'),
      people: msg<{ v: number }>('{v, plural, one {# person} other {# people}}'),
    },
    noValue: '—',
    trend: 'Trend',
    actSince: msg<{ when: string }>('Needs action since {when}; the organizers were told once.'),
    nextStep: 'Next step',
    /** Why an indicator stands where it does, by the rules' reason key (vitality/rules.ts; vitality.words.ts says it). */
    reason: {
      rhythmNone: 'No meeting has been held yet.',
      rhythmSince: msg<{ weeks: number }>('The last meeting was {weeks, plural, one {# week} other {# weeks}} ago.'),
      rhythmHeld: msg<{ held: number; planned: number }>(
        '{held} of {planned} planned meetings were held in the last 90 days.',
      ),
      pipelineGap: msg<{ weeks: number; backlog: number }>(
        '{weeks, plural, =0 {The next meeting has no talk yet; {backlog, plural, one {# talk} other {# talks}} accepted wait for a slot.} one {Only the next week has talks; a meeting after that has none yet ({backlog, plural, one {# talk} other {# talks}} accepted wait for a slot).} other {Only the next # weeks have talks; a meeting after that has none yet ({backlog, plural, one {# talk} other {# talks}} accepted wait for a slot).}}',
      ),
      pipelineCovered: msg<{ weeks: number; backlog: number }>(
        'Upcoming meetings have talks for {weeks, plural, one {# week} other {# weeks}}; {backlog, plural, one {# talk} other {# talks}} accepted wait for a slot.',
      ),
      pipelineNothing: msg<{ backlog: number }>(
        'No meeting is planned in the next 12 weeks; {backlog, plural, one {# talk} other {# talks}} accepted wait for a slot.',
      ),
      pipelineWaiting: msg<{ pending: number; days: number }>(
        '{pending, plural, one {# proposal waits} other {# proposals wait}} for a decision, the oldest for {days, plural, one {# day} other {# days}}.',
      ),
      attendanceNone: 'No meeting has been held yet, so there is no attendance to judge.',
      attendanceSteady: msg<{ last: number }>('{last} came to the last meeting.'),
      attendanceFell: msg<{ n: number; series: string }>('Attendance fell {n} meetings in a row: {series}.'),
      attendanceDropped: msg<{ from: number; to: number }>(
        'Attendance dropped from {from} to {to} at the last meeting.',
      ),
      attendanceShowUp: msg<{ came: number; going: number; pct: number }>(
        '{came} of the {going} people going came to the last meeting ({pct} %).',
      ),
      voicesTooFew: msg<{ talks: number; min: number }>(
        '{talks, plural, one {# talk} other {# talks}} in the last 12 months; speaker figures are judged from {min} on.',
      ),
      voicesFirst: msg<{ first: number; talks: number; pct: number }>(
        '{first} of {talks, plural, one {# talk} other {# talks}} in the last 12 months had a first-time speaker ({pct} %).',
      ),
      voicesTop: msg<{ top: number; talks: number; pct: number }>(
        'The three busiest speakers gave {top} of {talks, plural, one {# talk} other {# talks}} in the last 12 months ({pct} %).',
      ),
      reachNoMembers: 'The community has no members yet.',
      reachShare: msg<{ came: number; members: number; pct: number; departments: number; of: number }>(
        '{came} of {members} members came to a meeting in the last 90 days ({pct} %), from {departments} of their {of} departments.',
      ),
      careNone: 'No support task was due in the last 90 days.',
      careShare: msg<{ onTime: number; due: number; pct: number }>(
        '{onTime} of {due} support tasks due in the last 90 days were done on time ({pct} %).',
      ),
      lessonsNone: 'No talk was given in the last 12 months.',
      lessonsShare: msg<{ with: number; talks: number; pct: number }>(
        '{with} of {talks, plural, one {# talk} other {# talks}} of the last 12 months have a published lesson ({pct} %).',
      ),
    },
    /** Said after the reason when attendance was judged by RSVPs (the reason's `counted` is 'going'). */
    countedByRsvps: '(Counted by RSVPs: nobody was checked in.)',
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
    chatTitle: msg<{ community: string; indicator: string }>('{community}: {indicator} needs attention'),
    speakUpTitle: 'Helping the quiet ones speak',
    speakUpOn:
      'Once a month, people who came to several talks but never proposed one (and who accept nominations) get one kind invitation to propose; nobody gets more than one a quarter.',
    speakUpOff: 'The monthly invitation to propose is off for this community.',
    speakUpFigures: msg<{ asked: number; proposed: number }>(
      'In the last 12 months {asked, plural, one {# person was} other {# people were}} asked; {proposed} proposed a talk afterwards.',
    ),
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
    defaultIs: msg<{ v: number }>('default {v}'),
    save: 'Save the settings',
    saved: 'Saved.',
  },
  speakUp: {
    title: 'An invitation to propose a talk',
    notNow: 'Not now',
    never: 'Never ask again',
    notNowSay: msg<{ community: string }>(
      'You will not be asked again for six months (by {community} or any other community). Thank you for letting us know.',
    ),
    neverSay:
      'You will not be asked again. If you ever want to give a talk, the call for proposals is always open to you.',
    confirmNotNow: 'Not now: ask me again in six months at the earliest',
    confirmNever: 'Never ask me again',
    askedBy: msg<{ community: string }>('{community} invited you to propose a talk.'),
    propose: 'Propose a talk',
  },
  // mail: every subject and paragraph Brownbag mails (src/mail/templates.ts); dates come formatted in
  // the recipient's language and the event's zone
  mail: {
    footer: 'Brownbag — internal talks and meetups',
    hi: msg<{ name: string }>('Hi {name},'),
    hiNoName: 'Hi,',
    colleague: 'A colleague',
    yourColleague: 'Your colleague',
    noAnswer: 'no answer',
    toBeAnnounced: 'to be announced',
    when: msg<{ when: string }>('When: {when}'),
    where: msg<{ where: string }>('Where: {where}'),
    bullet: msg<{ text: string }>('• {text}'),

    proposalReceivedSubject: msg<{ title: string }>('We received your proposal: {title}'),
    proposalReceived: msg<{ title: string; format: string; community: string }>(
      'thank you for proposing "{title}" ({format}) to {community}. Reviewers will read it soon; you can still edit it while it is under review.',
    ),
    proposalReceivedNext: 'Whatever happens next, you will hear from us. Your proposal and its state are here:',
    acceptedSubject: msg<{ title: string }>('Accepted: {title} — please confirm'),
    accepted: msg<{ title: string; community: string }>('good news: "{title}" is accepted for {community}!'),
    acceptedConfirm:
      'Please confirm that you will give it (move the proposal to "confirmed"). We take care of the room, the announcement and the rest, so you can focus on the talk. Confirm it here:',
    waitlistedSubject: msg<{ title: string }>('Waitlisted: {title}'),
    waitlisted: msg<{ title: string; community: string }>(
      '"{title}" is on the waitlist of {community}: we liked it, and we will come back to you as soon as a slot opens.',
    ),
    waitlistedLink: 'Your proposal stays here meanwhile:',
    rejectedSubject: msg<{ title: string }>('About your proposal: {title}'),
    rejected: msg<{ title: string; community: string }>(
      'thank you for proposing "{title}" to {community}. This time it did not make it into the programme.',
    ),
    rejectedEncourage:
      'Please do not let that stop you: most speakers got a no before their first yes, and the organizers are happy to help you shape your next idea. Your proposal is here:',

    coSpeakerAddedSubject: msg<{ title: string }>('Would you co-present "{title}"?'),
    coSpeakerAdded: msg<{ by: string; title: string; format: string; community: string }>(
      '{by} would like you to co-present "{title}" ({format}) for {community}.',
    ),
    coSpeakerAddedNext:
      'Nothing changes until you say yes. Read the proposal and accept or decline here; the link signs you in (once, within a week):',
    coSpeakerAcceptedSubject: msg<{ by: string; title: string }>('{by} will co-present "{title}"'),
    coSpeakerAccepted: msg<{ by: string; title: string; community: string }>(
      '{by} accepted your invitation and is now a speaker of "{title}" ({community}).',
    ),
    coSpeakerDeclinedSubject: msg<{ by: string; title: string }>('{by} declined to co-present "{title}"'),
    coSpeakerDeclined: msg<{ by: string; title: string; community: string }>(
      '{by} declined your invitation to co-present "{title}" ({community}). The proposal goes on as it is.',
    ),

    signInSubject: 'Your Brownbag sign-in link',
    signIn: msg<{ minutes: number }>(
      'here is the link you asked for. It signs you in once, within {minutes, plural, one {# minute} other {# minutes}}:',
    ),
    signInIgnore: 'If you did not ask for it, you can ignore this mail: nothing happens unless the link is opened.',
    noAccountSubject: 'About signing in to Brownbag',
    noAccount: msg<{ publicUrl: string; email: string }>(
      'someone (hopefully you) asked to sign in to Brownbag at {publicUrl} as {email}. There is no account for this address, and it cannot make one by itself.',
    ),
    noAccountNext:
      'Try your company address, or ask an organizer of your community to add you; then sign in again here:',
    noAccountIgnore: 'If you did not ask, you can ignore this mail.',

    invitationSubject: msg<{ title: string; when: string }>('Invitation: {title} — {when}'),
    eventIn: msg<{ title: string; community: string }>('{title} ({community})'),
    invitationAttached: 'The invitation is attached; add it to your calendar. It updates itself if anything moves.',
    answerRead: 'Accept or decline in your calendar, or on the page below; either way your seat follows your answer.',
    answerNotRead:
      'Your answer in the calendar is not read by anyone: to say you are coming or not, use the page below.',
    updateSubject: msg<{ title: string; when: string }>('Updated: {title} — {when}'),
    updated: msg<{ title: string; community: string }>('{title} ({community}) has changed.'),
    whatChanged: 'What changed:',
    changedTime: msg<{ before: string; after: string }>('Time: {before} → {after}'),
    changedPlace: msg<{ before: string; after: string }>('Place: {before} → {after}'),
    changedOnline: msg<{ before: string; after: string }>('Online: {before} → {after}'),
    changedTitle: msg<{ before: string; after: string }>('Title: {before} → {after}'),
    changedNone: 'none',
    updateAttached: 'Your calendar entry updates with the attached invitation.',
    cancellationSubject: msg<{ title: string; when: string }>('Canceled: {title} — {when}'),
    cancellation: msg<{ title: string; community: string; when: string }>(
      '{title} ({community}) on {when} is canceled for you.',
    ),
    organizersSay: msg<{ reason: string }>('The organizers say: {reason}'),
    cancellationAttached: 'The attached cancellation removes it from your calendar. The event’s page:',
    promotedSubject: msg<{ title: string }>('A seat is yours: {title}'),
    promoted: msg<{ title: string; community: string }>('a seat freed up: you are now going to {title} ({community}).'),
    promotedGiveBack:
      'If you cannot come after all, please give the seat back so the next person can, on the event’s page:',
    reminderSubject: msg<{ title: string; when: string }>('Tomorrow: {title} — {when}'),
    reminder: msg<{ title: string; community: string; when: string }>(
      'a reminder: {title} ({community}) starts {when}.',
    ),
    talkTitle: msg<{ title: string }>('Your talk "{title}"'),
    talkTitleAt: msg<{ title: string; event: string }>('Your talk "{title}" at {event}'),

    lessonPromptSubject: msg<{ title: string }>('What did you learn? "{title}"'),
    lessonReminderSubject: msg<{ title: string }>('A gentle reminder — What did you learn? "{title}"'),
    lessonPrompt: msg<{ title: string; community: string }>(
      'thank you for giving "{title}" at {community}! While it is fresh: what did you learn?',
    ),
    lessonReminder: msg<{ title: string; community: string }>(
      'a few days ago we asked what you learned giving "{title}" at {community}. If you have ten minutes, your notes help the next speaker more than anything else.',
    ),
    lessonHow:
      'Three takeaways, what went well, what you would change, and links to your slides or recording are plenty. Save it as a draft and publish when you are happy; published lessons become part of the knowledge base colleagues search.',

    nominatedSubject: msg<{ nominator: string }>('{nominator} thinks you should give a talk'),
    nominated: msg<{ nominator: string; community: string; topic: string }>(
      '{nominator} nominated you to speak at {community} about "{topic}".',
    ),
    nominatedWhy: msg<{ reason: string }>('Why, in their words:\n{reason}'),
    nominatedHelp:
      'You know more than you think, and the organizers help with everything else: the outline, the slides, the room and the announcement. Accept and you get a draft proposal to shape at your own pace; decline and that is fine too. Answer here:',
    nominationAcceptedSubject: msg<{ nominee: string }>('Your nomination of {nominee}: accepted'),
    nominationDeclinedSubject: msg<{ nominee: string }>('Your nomination of {nominee}: declined'),
    nominationAccepted: msg<{ nominee: string; topic: string; community: string }>(
      '{nominee} accepted your nomination to speak about "{topic}" at {community} and has started a proposal. Thank you for spotting a speaker!',
    ),
    nominationDeclined: msg<{ nominee: string; topic: string; community: string }>(
      '{nominee} declined your nomination to speak about "{topic}" at {community}.',
    ),
    nominationDeclinedBecause: msg<{ nominee: string; topic: string; community: string; reason: string }>(
      '{nominee} declined your nomination to speak about "{topic}" at {community}: {reason}',
    ),
    nominationThanks: 'Thank you for thinking of them: being asked is encouraging, even when the time is not right.',
    nominationLink: 'The nomination:',

    speakUpSubject: msg<{ community: string }>('{community} would love to hear from you'),
    speakUp: msg<{ community: string }>(
      'you have been to several talks at {community}: thank you for coming! Have you thought about giving one yourself? What you do every day and take for granted is often exactly what colleagues would love to learn.',
    ),
    speakUpWishes: 'Topics colleagues are asking for:',
    speakUpWish: msg<{ title: string; votes: number }>('• {title} ({votes, plural, one {# vote} other {# votes}})'),
    speakUpFirstTalks: 'It was their first talk too:',
    speakUpLesson: msg<{ speaker: string; title: string }>('• {speaker}, "{title}"'),
    speakUpLessonLearned: msg<{ speaker: string; title: string; takeaway: string }>(
      '• {speaker}, "{title}" — learned: {takeaway}',
    ),
    speakUpPropose:
      'A lightning talk of five minutes is a fine start, and the organizers help with the outline, the slides and the room. Propose a talk here:',
    speakUpNotNow: msg<{ url: string }>('Not now? Tell us and we will not ask for six months: {url}'),
    speakUpNever: msg<{ url: string }>('Never ask again: {url}'),

    destinationPausedSubject: msg<{ destination: string }>('Announcements paused: {destination}'),
    destinationPaused: msg<{ community: string; destination: string; error: string }>(
      'the last three announcements from {community} to {destination} could not be delivered, so Brownbag paused it. The last answer was: {error}',
    ),
    destinationPausedNext:
      'Check the webhook in the chat (it may have been removed), then resume the destination and send what was missed again:',

    wishOfferSubject: msg<{ offerer: string; title: string }>('{offerer} could talk about "{title}"'),
    wishOffer: msg<{ title: string; community: string; offerer: string }>(
      'you wished to hear about "{title}" at {community}, and {offerer} has offered to talk about it: they started a proposal.',
    ),
    wishOfferNext: 'The organizers will see it once it is submitted. Your wish, its votes and who offered are here:',

    digestDueSubject: msg<{ overdue: number; soon: number }>(
      'Speaker support: {overdue, plural, =0 {} other {# overdue, }}{soon, plural, other {#}} due within 3 days',
    ),
    digestEmptySubject: msg<{ n: number }>('Speaker support: {n, plural, other {# coming up}} with an empty agenda'),
    digestHealthSubject: msg<{ n: number; community: string; indicator: string }>(
      'Community health: {n, plural, one {{community}, {indicator} needs} other {# indicators need}} action',
    ),
    healthAlert: msg<{ community: string; indicator: string }>(
      'Community health — {community}: {indicator} needs action.',
    ),
    healthNextStep: msg<{ step: string }>('Next step: {step}'),
    healthOnce: 'You hear about each of these once; it is not repeated unless it recovers and falls again.',
    overdue: 'Overdue:',
    overdueTask: msg<{ title: string; talk: string; due: string }>('• {title} — {talk} (was due {due})'),
    dueSoon: 'Due within 3 days:',
    dueTask: msg<{ title: string; talk: string; due: string }>('• {title} — {talk} (due {due})'),
    taskBoard: msg<{ community: string; url: string }>('The task board of {community}: {url}'),
    talkChecklist: msg<{ talk: string; url: string }>('The checklist of "{talk}": {url}'),
    emptyAgenda: 'Coming up within two weeks with nothing on the agenda yet:',
    emptyEvent: msg<{ title: string; community: string; when: string; url: string }>(
      '• {title} ({community}), {when}: {url}',
    ),
    digestThanks: 'Thank you for taking care of it, so speakers can focus on their talks.',
  },
  // what Brownbag writes into calendars (feeds and invitations: src/calendar/), in the reader's language
  calendarText: {
    cancelled: msg<{ title: string }>('Cancelled: {title}'),
    agenda: 'Agenda:',
    agendaTalk: msg<{ times: string; title: string }>('{times}  {title}'),
    agendaTalkBy: msg<{ times: string; title: string; speakers: string }>('{times}  {title} — {speakers}'),
    joinOnline: msg<{ url: string }>('Join online: {url}'),
    talkLanguage: msg<{ language: string }>('In {language}'),
    partOf: msg<{ event: string; when: string }>('Part of {event} ({when})'),
    rsvp: msg<{ url: string }>('RSVP: {url}'),
    task: msg<{ title: string; talk: string }>('{title} — {talk}'),
    taskDone: msg<{ title: string; talk: string }>('✓ {title} — {talk}'),
    taskDue: msg<{ talk: string; due: string }>('Speaker-support task for "{talk}", due {due}.'),
    personalFeed: msg<{ name: string }>('{name} — Brownbag'),
  },

  // errors
  notFoundTitle: 'Not found',
  notFound: 'This page does not exist, or you may not see it.',
  refused: 'That did not work',
  checkFields: 'Please check what you typed:',
  notEditableNow: 'You cannot edit this proposal now: only its speakers can, while it is a draft or submitted.',
  /** Why a form field was refused, by the Ajv keyword that refused it (web/form.ts; `other`: any keyword not here). */
  fieldProblem: {
    maxLength: msg<{ limit: number }>('at most {limit, plural, one {# character} other {# characters}}'),
    minLength: msg<{ limit: number }>('{limit, plural, =1 {must not be empty} other {at least # characters}}'),
    required: 'is required',
    enum: msg<{ allowed: string }>('choose one of: {allowed}'),
    maxItems: msg<{ limit: number }>('at most {limit}'),
    minItems: msg<{ limit: number }>('at least {limit}'),
    minimum: msg<{ limit: number }>('at least {limit}'),
    maximum: msg<{ limit: number }>('at most {limit}'),
    format: msg<{ format: string }>(
      '{format, select, email {is not an e-mail address} other {is not a valid {format}}}',
    ),
    pattern: 'is not in the expected form',
    type: 'is not the expected kind of value',
    minProperties: 'change at least one field',
    other: 'is not valid',
  },
  unavailableTitle: 'Back in a moment',
  unavailable:
    'Brownbag cannot reach its database right now, so nothing was saved; what you typed is still here. Try again in a few seconds.',

  // words the pages once put together themselves
  composed: {
    /** A talk or format with its length: "Talk (30 min)". */
    withMinutes: msg<{ name: string; minutes: number }>('{name} ({minutes} min)'),
    /** A series' cadence as the form made it (series.views.tsx reads it back from the RRULE). */
    cadence: msg<{ every: string; day: string }>(
      '{every, select, weekly {every week on {day}} biweekly {every second week on {day}} monthly1 {monthly, on the first {day}} monthly2 {monthly, on the second {day}} monthly3 {monthly, on the third {day}} monthlyLast {monthly, on the last {day}} other {{day}}}',
    ),
    /** When a series meets: its cadence (or RRULE), start time, length and time zone. */
    seriesWhen: msg<{ cadence: string; time: string; minutes: number; zone: string }>(
      '{cadence}, {time} ({minutes} min, {zone})',
    ),
  },
};
