import type { Booking, Client } from '../domain/booking';
import type { PracticeSettings } from '../domain/practice-settings';
import type { SessionType, Therapist } from '../domain/therapist';
import type { OutgoingEmail } from '../mail/mailer';

export type BookingMessageKind = 'confirmation' | 'reschedule' | 'cancellation' | 'reminder';

export interface ClientMessageInput {
  kind: BookingMessageKind;
  /** The booking as the message describes it (times, status, sequence). */
  booking: Booking;
  recipient: Client;
  therapist: Pick<Therapist, 'displayName'>;
  sessionType?: SessionType;
  settings: PracticeSettings;
  /** The client's manage link (reschedule / cancel). */
  manageUrl: string;
  /** For a reschedule: where the session was before. */
  previousStart?: string;
}

export interface TherapistMessageInput {
  kind: Exclude<BookingMessageKind, 'reminder'>;
  booking: Booking;
  therapist: Pick<Therapist, 'displayName' | 'email' | 'timeZone'>;
  sessionType?: SessionType;
  settings: PracticeSettings;
  previousStart?: string;
}

export declare function composeClientEmail(input: ClientMessageInput): OutgoingEmail;
export declare function composeTherapistEmail(input: TherapistMessageInput): OutgoingEmail;
