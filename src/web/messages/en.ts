/**
 * Every word the pages show, in English. A translation is a file of the same shape (the type below
 * makes a missing key a compile error); templates never hold text of their own.
 */
export const en = {
  brand: 'Brownbag',
  signOut: 'Sign out',
  myCommunities: 'My communities',
  lessons: 'Lessons',
  home: 'Home',
  signedInAs: (name: string) => `Signed in as ${name}`,
  skipToContent: 'Skip to content',

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
  internalFeed: 'This community is internal: the address below is your personal one. Keep it to yourself.',
  makePersonalFeed: 'Make my personal calendar address',
  proposals: 'Proposals',
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
  notes: 'Notes for the organizers',
  coSpeakers: 'Co-speakers (e-mail addresses, one per line)',
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
  decisionsSent: (n: number) => (n === 1 ? 'One decision sent.' : `${n} decisions sent.`),
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
  yourScore: (n: number) => `Your score: ${n}`,

  // checklist
  checklist: 'Checklist',
  due: (when: string) => `due ${when}`,
  markDone: 'Mark done',
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

  // errors
  notFoundTitle: 'Not found',
  notFound: 'This page does not exist, or you may not see it.',
  refused: 'That did not work',
};
export type Messages = typeof en;
