/**
 * A likely typo in an email's domain and what was probably meant ("gmial.con" → "gmail.com"), as a
 * hint only: an address we do not recognise may well be right, so nothing is ever refused for it
 * (decision 112).
 */
const DOMAINS = [
  'gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com', 'aol.com', 'live.com', 'msn.com',
  'me.com', 'mac.com', 'protonmail.com', 'proton.me', 'gmx.com', 'comcast.net', 'googlemail.com',
  'yahoo.co.uk', 'hotmail.co.uk', 'btinternet.com', 'mail.com',
];

/** Top-level domains that are only ever slips of ".com". */
const COM_SLIPS = /\.(con|cmo|ocm|cpm|vom|xom|comm|coom|ccom|c0m)$/;

/** Edits (insert, delete, replace, swap two neighbours) between two strings: optimal string alignment. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The address as probably meant, or undefined when it looks right (or is not an address at all). */
export function suggestEmail(address: string): string | undefined {
  const trimmed = address.trim();
  const at = trimmed.lastIndexOf('@');
  if (at < 1 || at === trimmed.length - 1) return undefined;
  const local = trimmed.slice(0, at);
  const typed = trimmed.slice(at + 1).toLowerCase();
  if (DOMAINS.includes(typed)) return undefined;
  const domain = typed.replace(COM_SLIPS, '.com');
  let best: string | undefined;
  let bestDistance = 3;
  const name = (d: string) => d.slice(0, d.indexOf('.'));
  for (const known of DOMAINS) {
    const distance = editDistance(domain, known);
    // Short names are close to too much (mx.com is not me.com, aim.com not mail.com): two edits from
    // 9 characters on, one below, and below 8 only in the ending.
    const near = known.length < 8 ? distance === 1 && name(known) === name(domain) : distance <= (known.length < 9 ? 1 : 2);
    if (near && distance < bestDistance) [best, bestDistance] = [known, distance];
  }
  const meant = best ?? (domain !== typed ? domain : undefined);
  return meant && meant !== typed ? `${local}@${meant}` : undefined;
}
