import ICAL from 'ical.js';
import type { Booking, Client } from '../../../shared/domain/booking';
import type { PracticeSettings } from '../../../shared/domain/practice-settings';
import type { SessionType } from '../../../shared/domain/therapist';
import type { OutgoingEmail } from '../../../shared/mail/mailer';
import type { ClientMessageInput, TherapistMessageInput } from '../../../shared/notifications/notification-content';

/** Test data for the notification tests: a couples booking whose details must not leak. */

export const NOTE = 'private-note-xyz';
export const CANCEL_REASON = 'private-reason';
export const SESSION_TYPE_NAME = 'Couples sex therapy';

export const alex: Client = { name: 'Alex Morgan', email: 'alex@example.org', phone: '+49 30 1111111' };
export const blake: Client = { name: 'Blake Rivers', email: 'blake@example.net', phone: '+49 30 2222222' };

export const couplesSession: SessionType = {
  id: 'couples-50',
  name: SESSION_TYPE_NAME,
  kind: 'couples',
  durationMinutes: 50,
  modality: 'in_person',
  description: 'Sex therapy for couples dealing with intimacy issues',
};

export const videoSession: SessionType = { ...couplesSession, id: 'couples-video', modality: 'telehealth' };

export const therapist = {
  displayName: 'Dr. Sam Lee',
  email: 'sam.lee@practice.example',
  timeZone: 'Europe/Berlin',
};

export function settings(overrides: Partial<PracticeSettings> = {}): PracticeSettings {
  return {
    practiceName: 'Harbour Street Practice',
    senderName: 'Harbour Street Appointments',
    senderEmail: 'appointments@harbour.example',
    allowedOrigins: [],
    lateCancellationHours: 24,
    verifyClientEmail: 'off',
    verificationMinutes: 30,
    requestHoldHours: 48,
    lateCancellationMode: 'flag',
    reminderOffsetsMinutes: [1440],
    retentionDays: 30,
    emailsNameSessionType: false,
    limits: { bookingsPerSourcePerHour: 1000, activeBookingsPerClient: 1000, verificationEmailsPerAddressPerDay: 1000 },
    auditRetentionDays: 2192,
    ...overrides,
  };
}

/** 2 December 2026, 15:00–15:50 in Berlin (CET, GMT+1). */
export function couplesBooking(overrides: Partial<Booking> = {}): Booking {
  return {
    id: '3b0c1f8e-8d0a-4e57-9b7e-5a4f0c1d2e3f',
    status: 'confirmed',
    therapistId: 'therapist-1',
    sessionTypeId: couplesSession.id,
    start: '2026-12-02T14:00:00.000Z',
    end: '2026-12-02T14:50:00.000Z',
    timeZone: 'Europe/Berlin',
    therapistTimeZone: 'Europe/Berlin',
    blockedUntil: '2026-12-02T15:00:00.000Z',
    ledgerDates: ['2026-12-02'],
    clients: [alex, blake],
    note: NOTE,
    createdAt: '2026-11-20T09:00:00.000Z',
    updatedAt: '2026-11-20T09:00:00.000Z',
    sequence: 0,
    ...overrides,
  };
}

export const manageUrlFor = (client: Client) =>
  `https://book.harbour.example/manage?token=${client === alex ? 'tok-alex' : 'tok-blake'}`;

export function clientInput(overrides: Partial<ClientMessageInput> = {}): ClientMessageInput {
  const recipient = overrides.recipient ?? alex;
  return {
    kind: 'confirmation',
    booking: couplesBooking(),
    recipient,
    therapist: { displayName: therapist.displayName },
    sessionType: couplesSession,
    settings: settings(),
    manageUrl: manageUrlFor(recipient),
    now: new Date('2026-11-20T09:00:05.000Z'),
    ...overrides,
  };
}

export function therapistInput(overrides: Partial<TherapistMessageInput> = {}): TherapistMessageInput {
  return {
    kind: 'confirmation',
    booking: couplesBooking(),
    therapist,
    sessionType: couplesSession,
    settings: settings(),
    ...overrides,
  };
}

/** The one VEVENT of an email's calendar part, read by Mozilla's parser (independent of the writer). */
export function parseCalendar(email: OutgoingEmail): { calendar: ICAL.Component; event: ICAL.Component } {
  if (!email.calendar) throw new Error('the email has no calendar part');
  const calendar = new ICAL.Component(ICAL.parse(email.calendar.content));
  const event = calendar.getFirstSubcomponent('vevent');
  if (!event) throw new Error('the calendar has no VEVENT');
  return { calendar, event };
}

/** The .ics text with folded lines joined again, so a search finds values split across lines. */
export function unfoldedIcs(email: OutgoingEmail): string {
  return (email.calendar?.content ?? '').replace(/\r?\n[ \t]/g, '');
}

/** Every place a reader could see: subject, both bodies and the (unfolded) .ics. */
export function everything(email: OutgoingEmail): Record<'subject' | 'text' | 'html' | 'ics', string> {
  return { subject: email.subject, text: email.text, html: email.html, ics: unfoldedIcs(email) };
}
