import type { PracticeSettings } from '../domain/practice-settings';

/** What clients may know of the practice before booking: its name and cancellation policy. */
export function publicPractice(settings: PracticeSettings) {
  return {
    name: settings.practiceName,
    cancellationPolicy:
      settings.cancellationPolicy ??
      `Please cancel or reschedule at least ${settings.lateCancellationHours} hours before your appointment.`,
    lateCancellationHours: settings.lateCancellationHours,
    lateCancellationMode: settings.lateCancellationMode,
  };
}
