import type { BookingMessageKind } from './notification-content';

/**
 * Every piece of human-readable text the booking emails and calendar entries use, in one table, so a
 * practice can supply a translation (pass it as `wording` to the composers).
 *
 * Discretion rule for anything added here: no words that reveal the nature of the practice's work
 * (no "couples", "sex", "therapy", no diagnoses). Say "appointment" or "session"; the people are
 * "you" and the named practitioner ("with Dr. Lee"), not "your therapist".
 *
 * Functions receive raw values; escaping for HTML happens in the layout, never here.
 */
export interface MessageWording {
  /** BCP 47 locale for month and weekday names, and the `lang` of the HTML. */
  locale: string;
  /** luxon `toFormat` patterns. */
  dateFormat: string;
  timeFormat: string;

  clientSubjects: Record<BookingMessageKind, string>;
  therapistSubjects: Record<Exclude<BookingMessageKind, 'reminder'>, string>;

  greeting(firstName: string | undefined): string;
  clientIntro: Record<BookingMessageKind, string>;
  therapistIntro: Record<Exclude<BookingMessageKind, 'reminder'>, string>;

  labels: {
    when: string;
    previously: string;
    duration: string;
    place: string;
    videoLink: string;
    with: string;
    session: string;
    clients(count: number): string;
    cancellationPolicy: string;
    /** The therapist's row naming the client who cancelled or moved the appointment. */
    actedBy: Record<'cancellation' | 'reschedule', string>;
  };
  /** Who acted, when an old link both clients shared was used: it cannot say which one. */
  aClient: string;
  minutes(count: number): string;
  /** A list of first names: "Alex and Blake". */
  joinNames(names: readonly string[]): string;

  place: {
    video: string;
    inPerson: string;
    inPersonAt(location: string): string;
  };

  manageIntro: string;
  manageLinkText: string;
  bookAgain: string;
  /** The policy sentence when the practice has not written its own. */
  generatedPolicy(hours: number, mode: 'refuse' | 'flag'): string;
  /** To the client, when their cancellation fell inside the window. */
  clientLateCancellation(hours: number): string;
  /** To the therapist, when the cancellation fell inside the window. */
  therapistLateCancellation(hours: number): string;
  signOff: string;
  therapistFooter(practiceName: string): string;

  calendar: {
    summaryWith(displayName: string): string;
    description: Record<'active' | 'cancelled', string>;
    manageLine(url: string): string;
    sessionLine(sessionTypeName: string): string;
    videoCall: string;
    videoCallAt(url: string): string;
  };
}

function hours(count: number): string {
  return count === 1 ? '1 hour' : `${count} hours`;
}

export const EN_WORDING: MessageWording = {
  locale: 'en-GB',
  dateFormat: 'cccc, d LLLL yyyy',
  timeFormat: 'HH:mm',

  clientSubjects: {
    confirmation: 'Appointment confirmed',
    reschedule: 'Appointment rescheduled',
    cancellation: 'Appointment cancelled',
    reminder: 'Appointment reminder',
  },
  therapistSubjects: {
    confirmation: 'New appointment',
    reschedule: 'Appointment rescheduled',
    cancellation: 'Appointment cancelled',
  },

  greeting: (firstName) => (firstName ? `Hello ${firstName},` : 'Hello,'),
  clientIntro: {
    confirmation: 'Your appointment is confirmed.',
    reschedule: 'Your appointment has been moved to a new time.',
    cancellation: 'Your appointment has been cancelled:',
    reminder: 'This is a reminder of your appointment.',
  },
  therapistIntro: {
    confirmation: 'A new appointment has been booked.',
    reschedule: 'An appointment has been rescheduled.',
    cancellation: 'An appointment has been cancelled.',
  },

  labels: {
    when: 'When',
    previously: 'Previously',
    duration: 'Duration',
    place: 'Where',
    videoLink: 'Video link',
    with: 'With',
    session: 'Session',
    clients: (count) => (count === 1 ? 'Client' : 'Clients'),
    cancellationPolicy: 'Cancellation policy',
    actedBy: { cancellation: 'Cancelled by', reschedule: 'Moved by' },
  },
  aClient: 'one of the clients',
  minutes: (count) => (count === 1 ? '1 minute' : `${count} minutes`),
  joinNames: (names) => {
    if (names.length <= 1) return names[0] ?? '';
    return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  },

  place: {
    video: 'By secure video',
    inPerson: 'In person',
    inPersonAt: (location) => `In person, ${location}`,
  },

  manageIntro: 'To reschedule or cancel, use your personal link:',
  manageLinkText: 'Reschedule or cancel this appointment',
  bookAgain: 'If you would like another appointment, you are welcome to book again at any time.',
  generatedPolicy: (count, mode) => {
    if (count === 0) return 'You can reschedule or cancel at any time before your appointment starts.';
    if (mode === 'refuse') {
      return `You can reschedule or cancel online up to ${hours(count)} before your appointment starts. After that, please contact the practice.`;
    }
    return `Please reschedule or cancel at least ${hours(count)} before your appointment starts; later cancellations count as late cancellations.`;
  },
  clientLateCancellation: (count) =>
    `This cancellation was made within ${hours(count)} of the start, so the practice's late-cancellation policy may apply.`,
  therapistLateCancellation: (count) => `Late cancellation: cancelled within the practice's ${count}-hour window.`,
  signOff: 'Kind regards,',
  therapistFooter: (practiceName) => `Sent by the booking system of ${practiceName}.`,

  calendar: {
    summaryWith: (displayName) => `Appointment with ${displayName}`,
    description: {
      active: 'Your appointment.',
      cancelled: 'This appointment has been cancelled.',
    },
    manageLine: (url) => `To reschedule or cancel: ${url}`,
    sessionLine: (name) => `Session: ${name}`,
    videoCall: 'Video call',
    videoCallAt: (url) => `Video call: ${url}`,
  },
};
