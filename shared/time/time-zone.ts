import { IANAZone } from 'luxon';

/**
 * Names already found valid. luxon checks a name by building an Intl formatter, about 0.2 ms: every
 * availability request validates its zone, and the profile of one (decision 47) had this as its largest
 * item of our own code. Only valid names are kept, and at most MAX_REMEMBERED of them (Intl accepts any
 * capitalisation, so the names a caller can send are not just the few hundred zones): tz data does not
 * change while a process runs.
 */
const remembered = new Set<string>();
const MAX_REMEMBERED = 1000;

/** True for a real IANA zone name (`Europe/Berlin`, `UTC`); false for offsets and inventions. */
export function isIanaZone(name: string): boolean {
  if (remembered.has(name)) return true;
  if (!IANAZone.isValidZone(name)) return false;
  // luxon also accepts fixed offsets such as "UTC+3" as "valid zones"; the contract wants IANA names.
  if (/^(utc|gmt)?[+-]/i.test(name) || /^[+-]/.test(name)) return false;
  if (remembered.size >= MAX_REMEMBERED) remembered.clear();
  remembered.add(name);
  return true;
}
