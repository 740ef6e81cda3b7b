import { IANAZone } from 'luxon';

/** True for a real IANA zone name (`Europe/Berlin`, `UTC`); false for offsets and inventions. */
export function isIanaZone(name: string): boolean {
  if (!IANAZone.isValidZone(name)) return false;
  // luxon also accepts fixed offsets such as "UTC+3" as "valid zones"; the contract wants IANA names.
  return !/^(utc|gmt)?[+-]/i.test(name) && !/^[+-]/.test(name);
}
