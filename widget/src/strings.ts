/**
 * Every word the widget shows, in one table, so a practice can translate it by editing this file and
 * rebuilding. Dates and times are not here: they come from Intl in one English locale (format.ts).
 */
export const strings = {
  /** The language of this table (the widget's `lang` is the effective English locale, e.g. en-GB: format.ts). */
  lang: 'en',
  back: 'Back',
  bookTitle: 'Book an appointment',
  loading: 'Loading…',
  tryAgain: 'Try again',
  bookAnother: 'Book another appointment',

  // Errors that are not about one field.
  // Also what a browser shows when an answer came but could not be read: not only the connection's fault.
  networkError: 'We could not reach the booking service. Please check your connection, or try again in a moment.',
  genericError: 'Something went wrong on our side. Please try again.',
  rateLimited: (seconds: number) =>
    seconds > 0 ? `Many people are booking right now. You can try again in ${seconds} s.` : 'You can try again now.',
  notConfigured: 'Online booking is not available here right now. Please contact the practice.',
  loadFailed: 'We could not load this information.',

  // Therapist and session type.
  chooseTherapist: 'Choose a therapist',
  chooseSessionType: 'Choose a type of session',
  with: (name: string) => `With ${name}`,
  individual: 'Individual',
  couples: 'Couples',
  inPerson: 'In person',
  telehealth: 'Video',
  minutes: (n: number) => `${n} min`,
  nextOpening: (when: string) => `Next opening: ${when}`,
  noOpeningsSoon: 'No openings in the next two months',

  // Date and time.
  chooseTime: 'Choose a date and time',
  previousMonth: 'Previous month',
  nextMonth: 'Next month',
  dayAvailable: (day: string) => `${day}, times available`,
  dayUnavailable: (day: string) => `${day}, no openings`,
  today: 'today',
  loadingDates: 'Loading available dates…',
  noOpeningsInMonth: (month: string) => `No openings in ${month}.`,
  noLaterOpenings: 'No later openings can be booked yet.',
  pickDay: 'Choose a day with openings to see its times.',
  timesIn: 'Times in',
  timeZone: 'Time zone',
  // Issue 16 (w16z): the time-zone search, the clock, email typo hints.
  zoneList: 'Time zones',
  zonesFound: (n: number) => (n === 0 ? 'No time zone matches.' : `${n} time ${n === 1 ? 'zone' : 'zones'} found.`),
  noZoneFound: 'No time zone matches. Try a city, such as London or Tokyo.',
  clock: 'Clock',
  clock12: '12-hour',
  clock24: '24-hour',
  didYouMean: (email: string) => `Did you mean ${email}?`,
  useSuggestion: 'Use this address',
  timesCount: (n: number, day: string) => `${n} ${n === 1 ? 'time' : 'times'} on ${day}`,
  noTimesLeft: 'No times are left on this day. Please choose another day.',
  slotTakenReschedule: 'Sorry, that time was just booked by someone else. Here are the times still open.',
  slotTaken: 'Sorry, that time was just booked by someone else. Here are the times still open; your details are kept.',

  // The form.
  yourDetails: 'Your details',
  name: 'Your name',
  email: 'Your email',
  phone: 'Phone (optional)',
  partner: 'Your partner',
  partnerHint: 'Each of you gets your own confirmation and reminder emails.',
  partnerName: "Partner's name",
  partnerEmail: "Partner's email",
  note: 'Anything your therapist should know? (optional)',
  noteHint: 'Only your therapist sees this. It is never put in emails.',
  policy: 'Cancellation policy',
  acceptPolicy: 'I have read and accept the cancellation policy',
  book: 'Book appointment',
  booking: 'Booking…',
  changeTime: 'Change time',
  nameRequired: 'Please enter your name.',
  emailInvalid: 'Please enter a valid email address, like name@example.com.',
  phoneInvalid: 'Please enter a phone number using digits, spaces and + ( ) - only.',
  partnerNameRequired: "Please enter your partner's name.",
  partnerEmailInvalid: "Please enter your partner's email address.",
  noteTooLong: 'Please shorten the note to 1000 characters.',
  policyRequired: 'Please accept the cancellation policy to book.',
  fixFields: 'Please check the highlighted fields.',

  // A series (a session type with repeat).
  repeat: 'Repeat',
  noRepeat: 'Does not repeat',
  everyWeeks: (n: number) => (n === 1 ? 'Every week' : `Every ${n} weeks`),
  sessionsCount: 'Number of sessions',
  checkingDates: 'Checking the dates…',
  datesFree: (free: number, skipped: number) =>
    `${free} ${free === 1 ? 'date is' : 'dates are'} free${skipped ? `, ${skipped} would be skipped` : ''}.`,
  firstNotFree: 'The first date is no longer free. Please choose another time.',
  free: 'Free',
  skipped: (why: string) => `Skipped: ${why}`,
  reasons: {
    time_off: 'the therapist has time off', override: 'the therapist has a day off', busy: 'already booked',
    outside_hours: 'outside working hours', daily_limit: 'the day is fully booked', too_soon: 'too soon to book', beyond_horizon: 'too far ahead',
  } as Record<string, string>,
  seriesBooked: 'Your sessions are booked',
  bookedDates: (n: number) => `Booked (${n})`,
  skippedDates: (n: number) => `Skipped (${n})`,
  yourSeries: 'Your series',
  thisOne: 'this appointment',
  cancelFrom: 'Cancel this and later',
  cancelFromLabel: (date: string) => `Cancel the session on ${date} and all later ones`,
  confirmCancelSeries: 'Cancel these sessions?',
  yesCancelSeries: 'Yes, cancel them',
  keepSeries: 'Keep them',
  seriesLateRefused: (hours: number) =>
    `The session within ${hours} hours stays booked: it can no longer be cancelled online. Please contact the practice about it.`,
  seriesLateFlagged: (hours: number) => `Cancelling a session less than ${hours} hours before it begins counts as a late cancellation.`,
  seriesCancelled: 'Your sessions are cancelled',
  seriesKept: (n: number) => `${n} ${n === 1 ? 'session stays' : 'sessions stay'} booked.`,

  // Confirmation.
  booked: 'Your appointment is booked',
  addToCalendar: 'Add to calendar',
  calendarTitle: 'Appointment',
  whatNext: 'What happens next',
  nextEmail: (emails: string[]) =>
    emails.length > 1 ? `Each of you gets a confirmation email: ${emails.join(' and ')}.` : `A confirmation email is on its way to ${emails[0]}.`,
  nextReminders: 'We will send reminders by email before the appointment.',
  nextManage: 'To reschedule or cancel, use the link in your confirmation email.',

  // Email confirmation and requests (the practice may require both; the server decides).
  checkEmail: 'Check your email to confirm',
  checkEmailTo: (emails: string[]) =>
    emails.length > 1
      ? `We have sent a link to ${emails.join(' and ')}. Each of you needs to open the link in your own email.`
      : `We have sent a link to ${emails[0] ?? 'your email address'}. Please open it to confirm your request.`,
  holdFor: (minutes: number, until: string) =>
    `We keep this time for you for ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}, until ${until}.`,
  nothingBookedYet: 'Nothing is booked until the link is opened. If it is not, the time is released and nothing else happens.',
  checkSpam: 'No email? Check your spam folder, or book again after the time above.',
  confirming: 'Confirming your email…',
  emailConfirmed: 'Thank you, your email is confirmed',
  waitingForPartner: 'Now waiting for your partner',
  waitingForPartnerText: (n: number) =>
    `Your partner${n > 1 ? 's' : ''} also got a link by email. The appointment is booked once they open it too.`,
  alreadyConfirmed: 'This email address was already confirmed.',
  requestSent: 'Your request has been sent',
  therapistWillConfirm: 'The therapist will confirm this time. We keep it for you until then.',
  requestHeldUntil: (until: string) => `If the therapist has not answered by ${until}, the request lapses and we let you know.`,
  requestEmail: 'We have emailed you a copy of your request; the confirmation follows when the therapist accepts.',
  requestExpiredTitle: 'This request has expired',
  requestExpired: 'This request has expired and the time is free again. Please book again.',
  requestClosedTitle: 'This request is no longer open',
  requestClosed: 'This request was cancelled or could not be accepted, so there is nothing left to confirm.',
  notForYouTitle: 'This session type is not available to you',
  ruleRefusals: {
    new_clients_only: 'This type of session is for new clients only, so nothing was booked. Please choose another type of session.',
    existing_clients_only: 'This type of session is for existing clients only, so nothing was booked. Please choose another type of session, such as a first appointment.',
  } as Record<string, string>,
  chooseOtherType: 'Choose another type of session',

  // Manage mode.
  yourAppointment: 'Your appointment',
  when: 'When',
  session: 'Session',
  status: 'Status',
  bookedFor: 'Booked for',
  together: (names: string[]) => `Together with ${names.join(' and ')}`,
  forClients: (names: string[]) => `For ${names.join(' and ')}`,
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
  reschedule: 'Reschedule',
  cancel: 'Cancel appointment',
  chooseNewTime: 'Choose a new time',
  confirmReschedule: 'Confirm the new time',
  currently: 'Currently:',
  newTime: 'New time',
  moveAppointment: 'Move appointment',
  moving: 'Moving…',
  rescheduled: 'Your appointment has been moved',
  rescheduledEmail: 'We have emailed you the new time.',
  backToAppointment: 'Back to your appointment',
  confirmCancel: 'Cancel this appointment?',
  keep: 'Keep appointment',
  yesCancel: 'Yes, cancel it',
  cancelling: 'Cancelling…',
  cancelledTitle: 'Your appointment is cancelled',
  cancelledEmail: 'We have emailed you a confirmation of the cancellation.',
  lateCancellation: (hours: number) =>
    `This cancellation is within ${hours} hours of the appointment, so it counts as a late cancellation under the practice's policy.`,
  windowPassed: (hours: number) =>
    `It is too late to cancel online: appointments can be cancelled up to ${hours} hours before they begin. Please contact the practice.`,
  lateWarning: (hours: number) => `Cancelling less than ${hours} hours before the appointment counts as a late cancellation.`,
  // Inside the late window, said before the client tries: a move then is a late change, like a cancellation.
  lateWindowRefused: (hours: number) =>
    `This appointment begins in less than ${hours} hours, so it can no longer be moved or cancelled online. Please contact the practice.`,
  lateWindowFlagged: (hours: number) =>
    `This appointment begins in less than ${hours} hours, so moving or cancelling it now counts as late under the practice's policy.`,
  lateMoveWarning: (hours: number) => `Moving less than ${hours} hours before the appointment counts as a late change.`,
  lateChange: (hours: number) =>
    `This change was made within ${hours} hours of the appointment, so it counts as a late change under the practice's policy.`,
  moveWindowPassed: (hours: number) =>
    `It is too late to move this appointment online: appointments can be moved up to ${hours} hours before they begin. Please contact the practice.`,
  pendingVerification: 'Awaiting email confirmation',
  requested: 'Requested: the therapist will confirm',
  declined: 'Not accepted',
  expired: 'Expired: the time was not kept',
  withdrawRequest: 'Withdraw request',
  confirmWithdraw: 'Withdraw this request?',
  holdUntil: (until: string) => `The time is kept for you until ${until}.`,
  bookAgain: 'Book again',
  linkInvalid: 'This link is not valid or has expired. Please use the link in your most recent email, or contact the practice.',
  pastAppointment: 'This appointment has already taken place.',
  bookNew: 'Book a new appointment',
};
