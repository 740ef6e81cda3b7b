import type { BookingMessageKind } from './notification-content';
import type { HoldClientKind, HoldTherapistKind } from './hold-content';

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
  // Dates and times are not here: they follow the booking's (or the practice's) locale, written by
  // Intl in appointment-time.ts (email-locale.ts says which locale an email uses).

  clientSubjects: Record<BookingMessageKind, string>;
  therapistSubjects: Record<Exclude<BookingMessageKind, 'reminder'>, string>;

  /**
   * The client's greeting. Therapists' emails have none (decision 107): "Hello Dr. Lee Test," reads
   * oddly for any display name with a title or a surname, and the To line already says whom it is for.
   */
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
  /** The footer of every email when the practice has public contact details (issue 16). */
  contact: { intro: string; phone: string; email: string };

  /**
   * The emails of held bookings (decision 84): verification, requests and what becomes of them.
   * The verification email goes to an address nobody has proven yet, so its words name no
   * practitioner, session or kind of practice, and its subject no time: only that a request was
   * made with this address, when for, and that ignoring it books nothing.
   */
  holds: {
    clientSubjects: Record<HoldClientKind, string>;
    therapistSubjects: Record<HoldTherapistKind, string>;
    verification: {
      intro: string;
      confirmBy: string;
      linkIntro: string;
      linkText: string;
      notYou: string;
    };
    clientIntro: Record<Exclude<HoldClientKind, 'verification' | 'request_received' | 'request_refused'>, string>;
    /** A request received: who will confirm it. */
    received(displayName: string): string;
    heldUntil: string;
    requestLinkIntro: string;
    requestLinkText: string;
    /** Declined by a session type's audience rule, once the addresses were verified: which audience it is for. */
    refused: Record<'new_clients_only' | 'existing_clients_only', (displayName: string) => string>;
    otherTypes: string;
    therapistIntro: Record<HoldTherapistKind, string>;
    /** The instant a request lapses unless decided. */
    decideBy: string;
    consoleIntro: string;
    consoleLinkText: string;
  };

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
  contact: { intro: 'To contact the practice:', phone: 'Phone', email: 'Email' },

  holds: {
    clientSubjects: {
      verification: 'Please confirm your appointment request',
      request_received: 'Appointment request received',
      request_declined: 'Appointment request not accepted',
      request_refused: 'Appointment request not accepted',
      request_lapsed: 'Appointment request not confirmed',
      request_withdrawn: 'Appointment request withdrawn',
    },
    therapistSubjects: {
      new_request: 'New appointment request',
      request_lapsed: 'Appointment request lapsed',
      request_withdrawn: 'Appointment request withdrawn',
    },
    verification: {
      intro: 'An appointment was requested with this email address. Nothing is booked until the request is confirmed.',
      confirmBy: 'Confirm by',
      linkIntro: 'If you made this request, please confirm it:',
      linkText: 'Confirm my request',
      notYou: "If this wasn't you, ignore this email: nothing will be booked.",
    },
    clientIntro: {
      request_declined: 'Your appointment request could not be accepted. The time is free again.',
      request_lapsed: 'Your appointment request could not be confirmed in time, so the time is free again.',
      request_withdrawn: 'Your appointment request has been withdrawn:',
    },
    received: (displayName) => `Your appointment request has been received. ${displayName} will confirm it, and you will get an email as soon as that happens. Nothing is booked until then.`,
    heldUntil: 'Held for you until',
    requestLinkIntro: 'To see or withdraw your request, use your personal link:',
    requestLinkText: 'See or withdraw this request',
    refused: {
      new_clients_only: () => 'This kind of appointment is only for new clients, so your request could not be accepted.',
      existing_clients_only: (displayName) => `This kind of appointment is only for clients who have had an appointment with ${displayName} before, so your request could not be accepted.`,
    },
    otherTypes: 'You are welcome to book another kind of appointment at any time.',
    therapistIntro: {
      new_request: 'A new appointment request is waiting for your decision. Until you approve or decline it, the time is held.',
      request_lapsed: 'An appointment request was not decided in time: it has lapsed, the time is free again, and the client has been told.',
      request_withdrawn: 'An appointment request was withdrawn before it was decided. The time is free again.',
    },
    decideBy: 'Decide by',
    consoleIntro: 'Approve or decline it in the console:',
    consoleLinkText: 'Open the requests',
  },

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
