import type { PracticeSettings } from '../domain/practice-settings';
import type { Therapist } from '../domain/therapist';
import type { OutgoingEmail } from '../mail/mailer';
import { renderEmail, type EmailBlock } from '../notifications/email-layout';
import { EN_WORDING } from '../notifications/message-wording';
import { contactFooter, sender } from '../notifications/notification-content';
import { htmlLang, therapistEmailLocale } from '../notifications/email-locale';

/**
 * The one email a therapist gets when one of their other calendars starts failing: plain and
 * discreet, naming the calendar by the label they gave it (never its URL, which for a feed is its
 * secret), saying what went wrong in the plain words stored as lastError, and what still holds.
 */
export function calendarFailingEmail(input: { therapist: Therapist; settings: PracticeSettings; label?: string; lastError: string; consoleUrl: string }): OutgoingEmail {
  const w = EN_WORDING;
  const which = input.label ? `Your calendar "${input.label}"` : 'One of your other calendars';
  const blocks: EmailBlock[] = [
    { type: 'paragraph', text: `${which} could not be read: ${input.lastError}` },
    {
      type: 'paragraph',
      text: 'Its busy times from the last good read still block your booking page, but anything added there since is not blocking yet. We will keep trying, and will not email about it again until it has worked once more.',
    },
    { type: 'link', intro: 'You can check it, sync it again or remove it in your console:', text: 'Open the console', href: input.consoleUrl },
    { type: 'signoff', lines: [w.therapistFooter(input.settings.practiceName)] },
    ...contactFooter(input.settings, w),
  ];
  const subject = 'A calendar could not be read';
  return { from: sender(input.settings), to: input.therapist.email, subject, ...renderEmail({ title: subject, lang: htmlLang(therapistEmailLocale(input.settings)), blocks }) };
}
