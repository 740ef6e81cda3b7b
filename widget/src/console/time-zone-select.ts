import { h } from '../dom';

/**
 * A select of the IANA time zones this browser knows (the API checks the name again). A zone the
 * browser does not list (an alias such as `Asia/Calcutta` kept from before) is kept as an option, so
 * showing a therapist never changes their zone behind the admin's back.
 */
export function timeZoneSelect(current: string): HTMLSelectElement {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zones = known.includes(current) || !current ? [...known] : [current, ...known];
  if (!zones.includes('UTC')) zones.push('UTC');
  const select = h('select', null, zones.map((zone) => h('option', { value: zone }, zone.replace(/_/g, ' '))));
  select.value = current || 'UTC';
  return select;
}
