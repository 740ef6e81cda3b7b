import type { SessionType } from './api-client';
import { strings } from './strings';

/** "Couples · 80 min · In person": the facts a client weighs when choosing a session. */
export const sessionFacts = (type: SessionType, kind = true) =>
  [kind && (type.kind === 'couples' ? strings.couples : strings.individual), strings.minutes(type.durationMinutes), type.modality === 'in_person' ? strings.inPerson : strings.telehealth].filter(Boolean).join(' · ');
