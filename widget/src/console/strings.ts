/**
 * Every word the console shows, in one table in the widget's style, so a practice can translate it
 * by editing this file and rebuilding. Kept apart from the widget's table: the widget is embedded on
 * every page of a practice's site and should not carry the console's words (decision 57).
 */
export const strings = {
  lang: 'en',
  appTitle: 'Practice console',
  skipToContent: 'Skip to content',
  mainMenu: 'Main menu',
  therapistArea: 'Your practice week',
  adminArea: 'Practice administration',
  loading: 'Loading…',
  saving: 'Saving…',
  saved: 'Saved.',
  removed: 'Removed.',
  save: 'Save',
  cancel: 'Cancel',
  remove: 'Remove',
  add: 'Add',
  edit: 'Edit',
  close: 'Close',
  tryAgain: 'Try again',
  copy: 'Copy',
  copied: 'Copied.',
  networkError: 'The booking service could not be reached. Check your connection and try again.',
  genericError: 'Something went wrong. Please try again.',
  checkFields: 'Some fields need attention.',
  loadFailed: 'This page could not be loaded.',
  notFound: 'There is no such page in the console.',
  noAccess: 'This sign-in has no access to the console: it is neither linked to a therapist nor an administrator.',

  // Signing in and out.
  signInTitle: 'Sign in to the practice console',
  signInAs: (who: string) => `Sign in as ${who}`,
  signingIn: 'Signing in…',
  signInFailed: 'Signing in did not work.',
  signInIncomplete: 'Signing in did not complete. Please sign in again.',
  signInAgain: 'Sign in again',
  signOut: 'Sign out',
  signedInAs: (who: string) => `Signed in as ${who}`,
  administrator: 'administrator',
  localOnlyBadge: 'Local runtime only.',
  localOnlyExplained:
    'This page exists only on a developer’s machine, to sign in as the demo practice’s accounts. A deployed practice signs in on its own Cognito sign-in page instead.',
  sessionEnded: 'Your sign-in ended. Sign in again to go on: what you were editing is kept.',
  restoredDraft: 'You are signed in again. Your unsaved changes are back; nothing was saved yet.',
};
