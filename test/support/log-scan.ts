/**
 * A phone number as a log scan must search for it. Scanning for the words of a secret finds names,
 * addresses and notes, but a phone number is not made of words: every piece of `+1 555 0199 8765`
 * is short and common, and a filter for long words drops them all. So a phone is searched as its
 * last ten digits (the number without its country code) with any of the separators people write
 * between them: as given, digits only, `(555) 0199-8765`, `+15550199…`.
 */
export function phonePattern(phone: string): RegExp {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) throw new Error('a test phone number needs at least 7 digits to be searched for');
  return new RegExp(digits.slice(-10).split('').join('[\\s().\\/+-]*'));
}

/** Personal data a booking flow carries, for a log scan to look for (a file adds its own free text, a reason). */
export const PERSONAL_DATA = {
  name: 'Quincy Zebulon-Marsh',
  partner: 'Perpetua Vantongeren',
  email: 'quincy.zm@private-mail.example',
  partnerEmail: 'perpetua.v@private-mail.example',
  phone: '+1 555 0199 8765',
  note: 'erectile difficulties since the spring',
};

/** The lines written to stdout and stderr while `act` runs (none of them printed), put back whatever `act` does. */
export async function capturedLogLines(act: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => (lines.push(...String(chunk).split('\n').filter(Boolean)), true);
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    await act();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return lines;
}

/**
 * Asserts the lines hold no personal data: no word longer than four letters of any of the
 * secrets (names, addresses, notes, reasons), and the phone number in none of its forms.
 */
export function expectNoPersonalData(lines: string[], secrets: Record<string, string> & { phone: string }): string {
  const all = lines.join('\n').toLowerCase();
  for (const secret of Object.values(secrets)) {
    for (const fragment of secret.toLowerCase().split(/[\s@.]+/).filter((w) => w.length > 4)) expect(all).not.toContain(fragment);
  }
  // The filter above drops every piece of a phone number; search for the number itself.
  expect(all).not.toMatch(phonePattern(secrets.phone));
  return all;
}
