import { formatTime, language } from './format';

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

/**
 * The old names browsers still list (ICU keeps them as canonical) and the names the places have now.
 * The old ones stay searchable, never shown.
 */
const RENAMED: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara', 'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca', 'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba', 'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis', 'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville', 'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata', 'Asia/Katmandu': 'Asia/Kathmandu', 'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh', 'Atlantic/Faeroe': 'Atlantic/Faroe', 'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton', 'Pacific/Ponape': 'Pacific/Pohnpei', 'Pacific/Truk': 'Pacific/Chuuk',
};

const knows = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** A zone under its current name, where the browser accepts that name (and Etc/UTC as UTC). */
export function modernZone(zone: string): string {
  if (zone === 'Etc/UTC' || zone === 'Etc/GMT') return 'UTC';
  const renamed = RENAMED[zone];
  return renamed && knows(renamed) ? renamed : zone;
}

/** The zone the client's device is set to: what the client expects times in. */
export function detectedZone(): string {
  try {
    return modernZone(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
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

/** "Kolkata" for Asia/Kolkata, "Buenos Aires" for America/Argentina/Buenos_Aires. */
export const cityOf = (zone: string) => (zone.split('/').pop() ?? zone).replace(/_/g, ' ');

function zoneNamePart(zone: string, style: 'longGeneric' | 'shortOffset', at: number): string {
  return new Intl.DateTimeFormat(language(), { timeZone: zone, timeZoneName: style }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/** "Central European Time (GMT+1)": a zone as people say it, with its offset now. */
export function zoneLabel(zone: string, now = Date.now()): string {
  return `${zoneNamePart(zone, 'longGeneric', now)} (${zoneNamePart(zone, 'shortOffset', now)})`;
}

/** Minutes east of UTC from "GMT+5:30", "GMT-3", "GMT". */
export function offsetMinutes(shortOffset: string): number {
  const m = /([+-])(\d{1,2})(?::?(\d\d))?/.exec(shortOffset);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
}

/** One entry of the zone list: zones that read the same and keep the same offsets all year. */
export interface ZoneEntry {
  /** "Central European Time" */
  name: string;
  /** "GMT+1", now. */
  offset: string;
  /** The zones it covers, under their current names (the preferred one first). */
  zones: string[];
  /** Lower-case words it is found by: its name, offset, every city, old names included. */
  terms: string[];
}

/** Lower case, without accents, underscores as spaces: what a search compares. */
export const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/_/g, ' ').toLowerCase().trim();

/**
 * The zone list, deduplicated: one entry per name and pair of January and July offsets. Built by
 * the browser's Intl alone (no zone tables): about 220 entries from about 420 zones. The preferred
 * zone of an entry is one in `prefer` (the detected and the chosen zone), else a common one.
 */
export function zoneEntries(prefer: string[], now = Date.now()): ZoneEntry[] {
  const year = new Date(now).getUTCFullYear();
  const january = Date.UTC(year, 0, 1);
  const july = Date.UTC(year, 6, 1);
  const lang = language();
  const entries = new Map<string, ZoneEntry>();
  for (const listed of zoneChoices(...prefer)) {
    const zone = modernZone(listed);
    let name: string, offset: string, key: string;
    try {
      const offsets = new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: 'shortOffset' });
      const at = (t: number) => offsets.formatToParts(t).find((p) => p.type === 'timeZoneName')!.value;
      name = zoneNamePart(zone, 'longGeneric', now);
      offset = at(now);
      key = `${name}|${at(january)}|${at(july)}`;
    } catch {
      continue; // a name this browser lists but cannot format: leave it out
    }
    let entry = entries.get(key);
    if (!entry) entries.set(key, (entry = { name, offset, zones: [], terms: [fold(name), fold(offset)] }));
    if (!entry.zones.includes(zone)) entry.zones.push(zone);
    entry.terms.push(fold(cityOf(zone)), ...(listed !== zone ? [fold(cityOf(listed))] : []));
  }
  const rank = (zone: string) => {
    const i = prefer.indexOf(zone);
    if (i >= 0) return i;
    const common = COMMON_ZONES.indexOf(zone);
    return common >= 0 ? prefer.length + common : 1000;
  };
  const list = [...entries.values()];
  for (const entry of list) entry.zones.sort((a, b) => rank(a) - rank(b));
  // West to east, then by name: neighbours in the list are neighbours on the globe.
  return list.sort((a, b) => offsetMinutes(a.offset) - offsetMinutes(b.offset) || a.name.localeCompare(b.name));
}

/**
 * The entries a search finds, each with the zone it would choose: the city typed ("paris" chooses
 * Europe/Paris in the Central European entry), else the entry's preferred zone. An empty search
 * finds everything, with `first` (the detected zone) at the top.
 */
export function searchZones(entries: ZoneEntry[], query: string, first?: string): { entry: ZoneEntry; zone: string }[] {
  const q = fold(query);
  const found: { entry: ZoneEntry; zone: string }[] = [];
  for (const entry of entries) {
    if (q && !entry.terms.some((t) => t.includes(q))) continue;
    const city = q ? entry.zones.find((z) => fold(cityOf(z)).includes(q) || Object.keys(RENAMED).some((old) => RENAMED[old] === z && fold(cityOf(old)).includes(q))) : undefined;
    found.push({ entry, zone: city ?? entry.zones[0]! });
  }
  const top = first ? found.findIndex((f) => f.entry.zones.includes(first)) : -1;
  if (top > 0) found.unshift(...found.splice(top, 1));
  return found;
}

/**
 * The time now in an entry's zones, in the widget's clock: its offset applied and formatted in UTC,
 * so the whole list needs one formatter rather than one per zone.
 */
export const localTimeNow = (entry: ZoneEntry, now = Date.now()) => formatTime(now + offsetMinutes(entry.offset) * 60_000, 'UTC');
