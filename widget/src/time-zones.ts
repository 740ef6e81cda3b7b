/** Shown when the browser cannot list its zones: where most clients of a practice will be. */
const COMMON_ZONES = [
  'Pacific/Honolulu', 'America/Anchorage', 'America/Los_Angeles', 'America/Denver', 'America/Phoenix', 'America/Chicago',
  'America/New_York', 'America/Halifax', 'America/St_Johns', 'America/Sao_Paulo', 'America/Mexico_City', 'America/Toronto',
  'America/Vancouver', 'Atlantic/Reykjavik', 'Europe/London', 'Europe/Dublin', 'Europe/Lisbon', 'Europe/Paris', 'Europe/Berlin',
  'Europe/Amsterdam', 'Europe/Madrid', 'Europe/Rome', 'Europe/Stockholm', 'Europe/Warsaw', 'Europe/Athens', 'Europe/Helsinki',
  'Europe/Istanbul', 'Europe/Moscow', 'Africa/Lagos', 'Africa/Johannesburg', 'Africa/Cairo', 'Africa/Nairobi', 'Asia/Dubai',
  'Asia/Jerusalem', 'Asia/Karachi', 'Asia/Kolkata', 'Asia/Bangkok', 'Asia/Singapore', 'Asia/Hong_Kong', 'Asia/Shanghai',
  'Asia/Tokyo', 'Asia/Seoul', 'Australia/Perth', 'Australia/Adelaide', 'Australia/Brisbane', 'Australia/Sydney',
  'Pacific/Auckland', 'UTC',
];

/** The zone the client's device is set to: what the client expects times in. */
export function detectedZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Every zone the browser knows (or a common list), always including the ones in use. */
export function zoneChoices(...inUse: string[]): string[] {
  let all: string[] = COMMON_ZONES;
  try {
    all = Intl.supportedValuesOf('timeZone');
  } catch {
    /* older browsers: the common list */
  }
  return [...new Set([...all, ...inUse, 'UTC'])].sort();
}
