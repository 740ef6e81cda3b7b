import { AuditLog } from '../audit/audit-log';
import { ClientHistoryRepository } from '../clients/client-history';
import { BookingRepository } from '../store/booking-repository';
import { DeliveryClaims } from '../store/delivery-claims';
import { createDocumentClient } from '../store/dynamo-client';
import { EmailFeedbackRepository } from '../store/email-feedback-repository';
import { ReminderRepository } from '../store/reminder-repository';
import { SettingsRepository } from '../store/settings-repository';
import { TherapistRepository } from '../store/therapist-repository';
import { provide } from './dependencies';

/** The table (DynamoDB) and the repositories over it: imported by every function that reads or writes it. */
provide({
  db: (d) => createDocumentClient(d.config),
  therapists: (d) => new TherapistRepository(d.db, d.config.tableName),
  bookings: (d) => new BookingRepository(d.db, d.config.tableName),
  settings: (d) => new SettingsRepository(d.db, d.config.tableName),
  reminders: (d) => new ReminderRepository(d.db, d.config.tableName),
  claims: (d) => new DeliveryClaims(d.db, d.config.tableName),
  emailFeedback: (d) => new EmailFeedbackRepository(d.db, d.config.tableName),
  // The secret is read when an address is first hashed, not when the repository is built.
  audit: (d) => new AuditLog(d.db, d.config.tableName, d.clock, d.settings),
  clientHistory: (d) => new ClientHistoryRepository(d.db, d.config.tableName, () => d.config.manageTokenSecret),
});
