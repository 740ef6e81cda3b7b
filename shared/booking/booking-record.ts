import type { Booking, Client } from '../domain/booking';
import type { StatusFields } from './hold-decision';

/**
 * A new booking's stored record from its decided parts: the booking service's and the honeypot's
 * decoy (decision 129) build it here, so a decoy has exactly the fields a real booking has.
 */
export function newBookingRecord(args: {
  id: string;
  status: Partial<StatusFields> & Pick<Booking, 'status'>;
  therapistId: string;
  sessionTypeId: string;
  start: Date;
  end: Date;
  blockedUntil: Date;
  timeZone: string;
  therapistTimeZone: string;
  ledgerDates: string[];
  clients: Client[];
  note?: string;
  locale?: string;
  fields?: Pick<Booking, 'seriesId' | 'occurrenceIndex'>;
  now: Date;
}): Booking {
  const createdAt = args.now.toISOString();
  return {
    id: args.id,
    ...args.status,
    therapistId: args.therapistId,
    sessionTypeId: args.sessionTypeId,
    start: args.start.toISOString(),
    end: args.end.toISOString(),
    timeZone: args.timeZone,
    therapistTimeZone: args.therapistTimeZone,
    blockedUntil: args.blockedUntil.toISOString(),
    ledgerDates: args.ledgerDates,
    clients: args.clients.map((c) => ({ name: c.name, email: c.email, ...(c.phone ? { phone: c.phone } : {}) })),
    ...(args.note ? { note: args.note } : {}),
    ...(args.locale ? { locale: args.locale } : {}),
    ...args.fields,
    createdAt,
    updatedAt: createdAt,
    sequence: 0,
  };
}
