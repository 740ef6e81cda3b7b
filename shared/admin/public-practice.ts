import type { PracticeSettings } from '../domain/practice-settings';

/**
 * What clients may know of the practice before booking: its name, cancellation policy, where
 * in-person sessions take place, how to reach it, and the locale its times are written in. Never
 * the video link (that comes by email to a booked client) or anything about its clients.
 */
export function publicPractice(settings: PracticeSettings) {
  return {
    name: settings.practiceName,
    cancellationPolicy:
      settings.cancellationPolicy ??
      `Please cancel or reschedule at least ${settings.lateCancellationHours} hours before your appointment.`,
    lateCancellationHours: settings.lateCancellationHours,
    lateCancellationMode: settings.lateCancellationMode,
    ...(settings.address ? { address: settings.address } : {}),
    ...(settings.contact && (settings.contact.phone || settings.contact.email) ? { contact: settings.contact } : {}),
    ...(settings.locale ? { locale: settings.locale } : {}),
  };
}
