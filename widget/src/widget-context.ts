import type { ApiClient, Practice, Therapist } from './api-client';

/**
 * What every view of one flow shares. A new flow (attributes changed, a manage link opened) gets a
 * new context whose predecessor is aborted, so late answers of the old flow are dropped.
 */
export interface WidgetContext {
  api: ApiClient;
  /** The API's origin: besides the page's, the only one the widget loads anything from (a therapist's photo). */
  apiOrigin: string;
  /** The zone times are shown and booked in: detected, changeable by the client. */
  zone: string;
  therapists(): Promise<Therapist[]>;
  practice(): Promise<Practice>;
  /** Replaces the current step, moving focus to its heading once the client has interacted. */
  show(step: HTMLElement): void;
  /** Says something politely to screen readers (loading, results). */
  announce(text: string): void;
}
