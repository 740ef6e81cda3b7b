import type { ConsoleApi } from './console-api';
import type { Account } from './session';

/** The signed-in therapist's profile (`GET /v1/me`), when the sign-in is linked to one. */
export interface TherapistProfile {
  id: string;
  displayName: string;
  email: string;
  bio?: string;
  timeZone: string;
  active: boolean;
}

export interface ViewContext {
  api: ConsoleApi;
  account: Account;
  therapist?: TherapistProfile;
  /** Says something to screen readers without moving focus (saved, removed, …). */
  announce(message: string): void;
  /** Opens another view (`#/hours`). */
  go(route: string): void;
}

/** A view as the shell holds it while it is on screen. */
export interface OpenView {
  element: HTMLElement;
  /** The unsaved input, kept when the sign-in ends mid-edit (plain JSON). */
  draft?(): unknown;
  /** Puts a kept draft back after the user signed in again. */
  restore?(draft: unknown): void;
}

export interface ViewDefinition {
  /** The hash route, `#/week`. */
  route: string;
  /** The menu entry and the page's heading. */
  title: string;
  /** Therapist views need a sign-in linked to a therapist; admin views the admin group. */
  area: 'therapist' | 'admin';
  /** Builds the view once its data is loaded (throwing shows the shell's error with a retry). */
  open(context: ViewContext): Promise<OpenView>;
}
