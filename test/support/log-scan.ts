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
