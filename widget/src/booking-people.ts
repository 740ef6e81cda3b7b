import type { Booking } from './api-client';
import { h } from './dom';
import { strings } from './strings';

/**
 * Who the appointment is for, as the manage link's holder may see it: their own name and email, and
 * a partner by first name (the server sends no more). An old link both partners shared names
 * everyone by first name only.
 */
export function bookingPeople(booking: Booking): HTMLElement {
  const holder = booking.clients.find((c) => c.email);
  const others = booking.clients.filter((c) => c !== holder).map((c) => c.name).filter(Boolean);
  if (!holder) return h('div', { class: 'people' }, others.length > 0 && h('p', null, strings.forClients(others)));
  return h(
    'div',
    { class: 'people' },
    h('p', null, `${strings.bookedFor}: `, h('strong', null, holder.name), ` (${holder.email})`),
    others.length > 0 && h('p', null, strings.together(others)),
  );
}
