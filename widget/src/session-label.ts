import type { Practice, SessionType } from './api-client';
import { strings } from './strings';

/**
 * Where the session takes place, said the same way on the type step, the summary and the
 * confirmation: the practice's address for in person (the words alone when none is set), and for
 * video that it is online and the link comes by email (the widget never has the link). Shown to
 * every client alike, whatever their zone: someone booking from far away must see it is in person.
 */
export const placeText = (type: Pick<SessionType, 'modality'>, practice?: Practice) =>
  type.modality === 'in_person' ? (practice?.address ? strings.inPersonAt(practice.address) : strings.inPerson) : strings.online;

/**
 * "80 min · In person at 12 Elm St": the facts a client weighs when choosing a session. The kind
 * (individual, couples) only when the type's name does not already say it, so a line never
 * repeats its title ("Couples session / Couples · 80 min").
 */
export function sessionFacts(type: SessionType, practice?: Practice): string {
  const kind = type.kind === 'couples' ? strings.couples : strings.individual;
  const named = type.name.toLowerCase().includes(kind.toLowerCase().replace(/s$/, ''));
  return [!named && kind, strings.minutes(type.durationMinutes), placeText(type, practice)].filter(Boolean).join(' · ');
}
