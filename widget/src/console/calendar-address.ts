/**
 * The address a therapist pastes, as the API takes it: Apple and Outlook hand out `webcal://`
 * links, which are https under another name (the scheme only tells a browser to open a calendar
 * app). Anything else goes to the API as typed, for it to accept or refuse with a field error.
 */
export function subscriptionAddress(typed: string): string {
  const trimmed = typed.trim();
  return /^webcals?:\/\//i.test(trimmed) ? trimmed.replace(/^webcals?:\/\//i, 'https://') : trimmed;
}
