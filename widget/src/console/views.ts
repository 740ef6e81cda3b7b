import type { ConsoleApi } from './console-api';
import type { Account } from './session';

/** The signed-in therapist's profile (`GET /v1/me`), when the sign-in is linked to one. */
export interface TherapistProfile {
  id: string;
  displayName: string;
  email: string;
  bio?: string;
  photoUrl?: string;
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
  /** How this sign-in was made: the security view works on the user's own Cognito sign-in. */
  signIn: SignInContext;
  /** Counts the menu's badges again (after a view changed what they count: a request decided). */
  recount(): void;
}

/**
 * The sign-in's own settings at Cognito's user API (AWS only), which takes the ACCESS token: the
 * same fresh-or-sign-in-again handling the API's ID token gets, given to the view that needs it.
 */
export interface SignInContext {
  kind: 'local' | 'cognito';
  /** Cognito only: `https://cognito-idp.<region>.amazonaws.com/`. */
  userApiUrl?: string;
  /** Cognito only: whether the pool requires a second step of every sign-in (config `signIn.mfa`). */
  mfa?: 'optional' | 'required';
  /** Cognito only: the discreet name an authenticator app lists this sign-in under. */
  issuer?: string;
  /** A fresh access token, or SignInNeeded (after the shell has started signing in again). */
  accessToken(): Promise<string>;
  /** Cognito refused the access token: a refreshed one to retry with once, or SignInNeeded. */
  refused(): Promise<string>;
  /** Refused again: keep the view's draft, sign in again, throw SignInNeeded. */
  signInAgain(): Promise<never>;
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
  /**
   * Therapist views need a sign-in linked to a therapist; admin views the admin group; account
   * views (the sign-in's own settings) come with either.
   */
  area: 'therapist' | 'admin' | 'account';
  /** Builds the view once its data is loaded (throwing shows the shell's error with a retry). */
  open(context: ViewContext): Promise<OpenView>;
  /**
   * What waits in the view (requests to decide), shown as a badge at its menu entry. A view with a
   * count of 0 is passed over when the console opens on no route: the first view is for when
   * something waits there.
   */
  count?(context: ViewContext): Promise<number>;
}
