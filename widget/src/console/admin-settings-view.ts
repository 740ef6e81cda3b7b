import { h } from '../dom';
import { FieldErrors, newId, numberInput, readNumber, textInput } from './form';
import { strings } from './strings';
import type { ViewDefinition } from './views';

/** `GET|PUT /v1/admin/settings`, field by field as shared/domain/practice-settings.ts has them. */
interface Settings {
  practiceName: string;
  senderName: string;
  senderEmail: string;
  allowedOrigins: string[];
  lateCancellationHours: number;
  lateCancellationMode: 'refuse' | 'flag';
  reminderOffsetsMinutes: number[];
  retentionDays: number;
  auditRetentionDays: number;
  emailsNameSessionType: boolean;
  cancellationPolicy?: string;
  address?: string;
  videoUrl?: string;
  verifyClientEmail: 'off' | 'always';
  verificationMinutes: number;
  requestHoldHours: number;
  contact?: { phone?: string; email?: string };
  locale?: string;
  limits: { bookingsPerSourcePerHour: number; activeBookingsPerClient: number; verificationEmailsPerAddressPerDay: number };
}

/** What the form PUTs: `null` removes the contact details or the locale (SettingsBody). */
type SettingsPut = Omit<Settings, 'contact' | 'locale'> & { contact: Settings['contact'] | null; locale: string | null };

/** The English locales offered (any other English tag set through the API is offered too, as it is). */
const LOCALES = ['en-US', 'en-GB', 'en-CA', 'en-AU', 'en-IE', 'en-NZ', 'en-IN', 'en-ZA'];
type Clock = '' | 'h12' | 'h23';
const CLOCK_EXTENSION = /-u-hc-(h11|h12|h23|h24)$/;

/** 'en-GB-u-hc-h23' → the date format 'en-GB' and the clock 'h23'; no extension: the locale's own clock. */
function splitLocale(locale: string | undefined): { base: string; clock: Clock } {
  if (!locale) return { base: '', clock: '' };
  const match = CLOCK_EXTENSION.exec(locale);
  const cycle = match?.[1];
  return { base: match ? locale.slice(0, match.index) : locale, clock: cycle === 'h11' || cycle === 'h12' ? 'h12' : cycle ? 'h23' : '' };
}
const joinLocale = (base: string, clock: Clock): string | null => (base ? `${base}${clock ? `-u-hc-${clock}` : ''}` : null);

/** "December 2, 2026, 3:00 PM": what a date format looks like, beside its name. */
function example(locale: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(Date.UTC(2026, 11, 2, 15, 0));
  } catch {
    return locale;
  }
}

/** The form as typed (numbers as text, so a half-typed value survives a draft). */
interface SettingsDraft {
  practiceName: string;
  senderName: string;
  senderEmail: string;
  address: string;
  videoUrl: string;
  emailsNameSessionType: boolean;
  cancellationPolicy: string;
  lateCancellationHours: string;
  lateCancellationMode: 'refuse' | 'flag';
  reminders: { amount: string; unit: 'hours' | 'minutes' }[];
  retentionDays: string;
  auditRetentionDays: string;
  allowedOrigins: string[];
  verifyClientEmail: 'off' | 'always';
  verificationMinutes: string;
  requestHoldHours: string;
  contactPhone: string;
  contactEmail: string;
  localeBase: string;
  clock: Clock;
  limitSource: string;
  limitActive: string;
  limitVerify: string;
}

const MAX_REMINDERS = 5;

function toDraft(s: Settings): SettingsDraft {
  return {
    practiceName: s.practiceName,
    senderName: s.senderName,
    senderEmail: s.senderEmail,
    address: s.address ?? '',
    videoUrl: s.videoUrl ?? '',
    emailsNameSessionType: s.emailsNameSessionType,
    cancellationPolicy: s.cancellationPolicy ?? '',
    lateCancellationHours: String(s.lateCancellationHours),
    lateCancellationMode: s.lateCancellationMode,
    reminders: s.reminderOffsetsMinutes.map((m) => (m % 60 === 0 ? { amount: String(m / 60), unit: 'hours' as const } : { amount: String(m), unit: 'minutes' as const })),
    retentionDays: String(s.retentionDays),
    auditRetentionDays: String(s.auditRetentionDays),
    allowedOrigins: [...s.allowedOrigins],
    verifyClientEmail: s.verifyClientEmail,
    verificationMinutes: String(s.verificationMinutes),
    requestHoldHours: String(s.requestHoldHours),
    contactPhone: s.contact?.phone ?? '',
    contactEmail: s.contact?.email ?? '',
    localeBase: splitLocale(s.locale).base,
    clock: splitLocale(s.locale).clock,
    limitSource: String(s.limits.bookingsPerSourcePerHour),
    limitActive: String(s.limits.activeBookingsPerClient),
    limitVerify: String(s.limits.verificationEmailsPerAddressPerDay),
  };
}

/**
 * The practice settings, grouped by what they affect, each with help text and, where a choice shows
 * something about the client to whoever reads their inbox, what it shows. PUT merges, so an optional
 * text left empty is sent as empty where the API takes that (policy, address) and left out where it
 * does not (the video link must be a URL: it cannot be cleared here, decision 55).
 */
export const adminSettingsView: ViewDefinition = {
  route: '#/admin/settings',
  title: strings.settingsTitle,
  area: 'admin',
  open: async (ctx) => {
    const loaded = (await ctx.api.get<{ settings: Settings }>('/v1/admin/settings')).settings;
    const errors = new FieldErrors();

    const practiceName = textInput(loaded.practiceName, { maxlength: 120 });
    const address = textInput(loaded.address, { maxlength: 300 });
    const videoUrl = h('input', { type: 'url', value: loaded.videoUrl ?? '', maxlength: 500 });
    const senderName = textInput(loaded.senderName, { maxlength: 120 });
    const senderEmail = h('input', { type: 'email', value: loaded.senderEmail });
    const namesType = h('input', { type: 'checkbox', id: newId('f'), checked: loaded.emailsNameSessionType });
    const policy = h('textarea', { rows: 4, maxlength: 2000 });
    policy.value = loaded.cancellationPolicy ?? '';
    const windowHours = numberInput(loaded.lateCancellationHours, { min: 0, max: 720, step: 1 });
    const retention = numberInput(loaded.retentionDays, { min: 1, max: 3650, step: 1 });
    const auditRetention = numberInput(loaded.auditRetentionDays, { min: 30, max: 3660, step: 1 });
    const verificationMinutes = numberInput(loaded.verificationMinutes, { min: 5, max: 1440, step: 1 });
    const requestHoldHours = numberInput(loaded.requestHoldHours, { min: 1, max: 720, step: 1 });
    const limitSource = numberInput(loaded.limits.bookingsPerSourcePerHour, { min: 1, max: 100000, step: 1 });
    const limitActive = numberInput(loaded.limits.activeBookingsPerClient, { min: 1, max: 100000, step: 1 });
    const limitVerify = numberInput(loaded.limits.verificationEmailsPerAddressPerDay, { min: 1, max: 100000, step: 1 });
    const contactPhone = h('input', { type: 'tel', value: loaded.contact?.phone ?? '', maxlength: 40, autocomplete: 'off' });
    const contactEmail = h('input', { type: 'email', value: loaded.contact?.email ?? '', maxlength: 254, autocomplete: 'off' });
    const loadedLocale = splitLocale(loaded.locale);
    const localeSelect = h('select', null,
      h('option', { value: '' }, strings.localeFollow),
      ...[...LOCALES, ...(loadedLocale.base && !LOCALES.includes(loadedLocale.base) ? [loadedLocale.base] : [])].map((tag) =>
        h('option', { value: tag }, strings.localeOption(strings.localeNames[tag] ?? tag, example(tag)))),
    );
    localeSelect.value = loadedLocale.base;
    const clockSelect = h('select', null,
      h('option', { value: '' }, strings.clockDefault),
      h('option', { value: 'h12' }, strings.clock12),
      h('option', { value: 'h23' }, strings.clock24),
    );
    clockSelect.value = loadedLocale.clock;
    // The clock is part of the locale tag: with "follow the website" there is no tag to carry it.
    const syncClock = () => {
      clockSelect.disabled = localeSelect.value === '';
      if (clockSelect.disabled) clockSelect.value = '';
    };
    localeSelect.addEventListener('change', syncClock);
    syncClock();

    const modeName = newId('mode');
    const mode = (value: 'flag' | 'refuse', label: string, hint: string) => {
      const hintId = newId('hint');
      const input = h('input', { type: 'radio', name: modeName, value, id: newId('f'), 'aria-describedby': hintId, checked: loaded.lateCancellationMode === value });
      return { input, element: h('div', { class: 'choice' }, input, h('div', null, h('label', { for: input.id }, label), h('p', { class: 'hint', id: hintId }, hint))) };
    };
    const flag = mode('flag', strings.modeFlag, strings.modeFlagHint);
    const refuse = mode('refuse', strings.modeRefuse, strings.modeRefuseHint);
    const modeGroup = h('fieldset', { class: 'choices' }, h('legend', null, strings.modeLegend), flag.element, refuse.element);
    const modeError = errors.register('lateCancellationMode', modeGroup);
    modeGroup.append(modeError);
    modeGroup.setAttribute('aria-describedby', modeError.id);

    // Whether a booking waits for its clients to prove their addresses: the same radio pattern.
    const verifyName = newId('verify');
    const verifyChoice = (value: 'always' | 'off', label: string, hint: string) => {
      const hintId = newId('hint');
      const input = h('input', { type: 'radio', name: verifyName, value, id: newId('f'), 'aria-describedby': hintId, checked: loaded.verifyClientEmail === value });
      return { input, element: h('div', { class: 'choice' }, input, h('div', null, h('label', { for: input.id }, label), h('p', { class: 'hint', id: hintId }, hint))) };
    };
    const verifyAlways = verifyChoice('always', strings.verifyAlways, strings.verifyAlwaysHint);
    const verifyOff = verifyChoice('off', strings.verifyOff, strings.verifyOffHint);
    const verifyGroup = h('fieldset', { class: 'choices' }, h('legend', null, strings.verifyLegend), verifyAlways.element, verifyOff.element);
    const verifyError = errors.register('verifyClientEmail', verifyGroup);
    verifyGroup.append(verifyError);
    verifyGroup.setAttribute('aria-describedby', verifyError.id);

    // Lists: reminders and origins, each row with its own Remove, and its own place for errors (`reminderOffsetsMinutes.1`).
    let reminders = toDraft(loaded).reminders;
    let origins = [...loaded.allowedOrigins];
    const reminderList = h('div', { class: 'list-rows' });
    const originList = h('div', { class: 'list-rows' });
    const remindersGroup = h('fieldset', { class: 'list-group' });
    const originsGroup = h('fieldset', { class: 'list-group' });
    const addReminder = h('button', { type: 'button', onclick: () => { reminders = [...readReminders(), { amount: '1', unit: 'hours' }]; drawReminders(); focusLast(reminderList, 'input'); } }, strings.addReminder);
    const addOrigin = h('button', { type: 'button', onclick: () => { origins = [...readOrigins(), '']; drawOrigins(); focusLast(originList, 'input'); } }, strings.addOrigin);
    const reminderRows: { amount: HTMLInputElement; unit: HTMLSelectElement }[] = [];
    const originRows: HTMLInputElement[] = [];

    function readReminders(): SettingsDraft['reminders'] {
      return reminderRows.map((r) => ({ amount: r.amount.value, unit: r.unit.value === 'minutes' ? 'minutes' : 'hours' }));
    }
    function readOrigins(): string[] {
      return originRows.map((o) => o.value);
    }
    function focusLast(list: HTMLElement, selector: string): void {
      const all = list.querySelectorAll<HTMLElement>(selector);
      (all[all.length - 1] ?? list).focus();
    }

    function drawReminders(): void {
      reminderRows.length = 0;
      reminderList.replaceChildren(
        ...(reminders.length ? [] : [h('p', { class: 'muted' }, strings.noReminders)]),
        ...reminders.map((r, i) => {
          const n = i + 1;
          const amount = numberInput(r.amount === '' ? undefined : Number(r.amount), { min: 1, step: 1 });
          amount.value = r.amount;
          amount.setAttribute('aria-label', strings.reminderAmount(n));
          const unit = h('select', { 'aria-label': strings.reminderUnit(n) }, h('option', { value: 'hours' }, strings.hoursBefore), h('option', { value: 'minutes' }, strings.minutesBefore));
          unit.value = r.unit;
          reminderRows.push({ amount, unit });
          const error = errors.register(`reminderOffsetsMinutes.${i}`, amount);
          amount.setAttribute('aria-describedby', error.id);
          return h('div', { class: 'list-row' },
            h('span', { class: 'row-name', 'aria-hidden': 'true' }, strings.reminderLabel(n)),
            amount, unit,
            h('button', { type: 'button', 'aria-label': strings.removeReminder(n), onclick: () => { reminders = readReminders().filter((_, j) => j !== i); drawReminders(); if (reminders.length) focusLast(reminderList, 'button'); else addReminder.focus(); } }, strings.remove),
            error,
          );
        }),
      );
      addReminder.hidden = reminders.length >= MAX_REMINDERS;
    }

    function drawOrigins(): void {
      originRows.length = 0;
      originList.replaceChildren(
        ...(origins.length ? [] : [h('p', { class: 'muted' }, strings.noOrigins)]),
        ...origins.map((o, i) => {
          const n = i + 1;
          const input = h('input', { type: 'url', value: o, 'aria-label': strings.originLabel(n), placeholder: 'https://', autocomplete: 'off', spellcheck: false });
          originRows.push(input);
          const error = errors.register(`allowedOrigins.${i}`, input);
          input.setAttribute('aria-describedby', error.id);
          return h('div', { class: 'list-row' }, input,
            h('button', { type: 'button', 'aria-label': strings.removeOrigin(n), onclick: () => { origins = readOrigins().filter((_, j) => j !== i); drawOrigins(); if (origins.length) focusLast(originList, 'button'); else addOrigin.focus(); } }, strings.remove),
            error,
          );
        }),
      );
    }

    const remindersHint = h('p', { class: 'hint', id: newId('hint') }, strings.remindersHint);
    const remindersError = errors.register('reminderOffsetsMinutes', remindersGroup);
    remindersGroup.setAttribute('aria-describedby', `${remindersHint.id} ${remindersError.id}`);
    remindersGroup.append(h('legend', null, strings.settingsReminders), remindersHint, reminderList, remindersError, addReminder);
    const originsHint = h('p', { class: 'hint', id: newId('hint') }, strings.originsHint);
    const originsError = errors.register('allowedOrigins', originsGroup);
    originsGroup.setAttribute('aria-describedby', `${originsHint.id} ${originsError.id}`);
    originsGroup.append(h('legend', null, strings.settingsWebsite), originsHint, originList, originsError, addOrigin);

    const namesTypeHint = h('p', { class: 'hint', id: newId('hint') }, strings.namesSessionTypeHint);
    const namesTypeError = errors.register('emailsNameSessionType', namesType);
    namesType.setAttribute('aria-describedby', `${namesTypeHint.id} ${namesTypeError.id}`);

    const read = (): SettingsDraft => ({
      practiceName: practiceName.value,
      senderName: senderName.value,
      senderEmail: senderEmail.value,
      address: address.value,
      videoUrl: videoUrl.value,
      emailsNameSessionType: namesType.checked,
      cancellationPolicy: policy.value,
      lateCancellationHours: windowHours.value,
      lateCancellationMode: refuse.input.checked ? 'refuse' : 'flag',
      reminders: readReminders(),
      retentionDays: retention.value,
      auditRetentionDays: auditRetention.value,
      allowedOrigins: readOrigins(),
      verifyClientEmail: verifyOff.input.checked ? 'off' : 'always',
      verificationMinutes: verificationMinutes.value,
      requestHoldHours: requestHoldHours.value,
      contactPhone: contactPhone.value,
      contactEmail: contactEmail.value,
      localeBase: localeSelect.value,
      clock: clockSelect.value === 'h12' || clockSelect.value === 'h23' ? clockSelect.value : '',
      limitSource: limitSource.value,
      limitActive: limitActive.value,
      limitVerify: limitVerify.value,
    });

    const put = (d: SettingsDraft): SettingsPut => {
      const phone = d.contactPhone.trim();
      const email = d.contactEmail.trim();
      const minutes = d.reminders.map((r) => (r.amount.trim() === '' ? Number.NaN : Number(r.amount) * (r.unit === 'hours' ? 60 : 1)));
      return {
        practiceName: d.practiceName,
        senderName: d.senderName,
        senderEmail: d.senderEmail.trim(),
        emailsNameSessionType: d.emailsNameSessionType,
        cancellationPolicy: d.cancellationPolicy,
        address: d.address,
        ...(d.videoUrl.trim() ? { videoUrl: d.videoUrl.trim() } : {}),
        // An empty number goes as null, so the API names the field instead of keeping the old value.
        lateCancellationHours: readNumber(windowHours) ?? (null as unknown as number),
        lateCancellationMode: d.lateCancellationMode,
        reminderOffsetsMinutes: minutes,
        retentionDays: readNumber(retention) ?? (null as unknown as number),
        auditRetentionDays: readNumber(auditRetention) ?? (null as unknown as number),
        allowedOrigins: d.allowedOrigins.map((o) => o.trim()).filter((o) => o !== ''),
        verifyClientEmail: d.verifyClientEmail,
        verificationMinutes: readNumber(verificationMinutes) ?? (null as unknown as number),
        requestHoldHours: readNumber(requestHoldHours) ?? (null as unknown as number),
        // Both empty: none (null removes them); otherwise the whole object, so a field emptied is gone.
        contact: phone || email ? { ...(phone ? { phone } : {}), ...(email ? { email } : {}) } : null,
        locale: joinLocale(d.localeBase, d.localeBase ? d.clock : ''),
        limits: {
          bookingsPerSourcePerHour: readNumber(limitSource) ?? (null as unknown as number),
          activeBookingsPerClient: readNumber(limitActive) ?? (null as unknown as number),
          verificationEmailsPerAddressPerDay: readNumber(limitVerify) ?? (null as unknown as number),
        },
      };
    };

    const restore = (d: SettingsDraft) => {
      practiceName.value = d.practiceName;
      senderName.value = d.senderName;
      senderEmail.value = d.senderEmail;
      address.value = d.address;
      videoUrl.value = d.videoUrl;
      namesType.checked = d.emailsNameSessionType;
      policy.value = d.cancellationPolicy;
      windowHours.value = d.lateCancellationHours;
      (d.lateCancellationMode === 'refuse' ? refuse : flag).input.checked = true;
      reminders = d.reminders;
      drawReminders();
      retention.value = d.retentionDays;
      auditRetention.value = d.auditRetentionDays;
      origins = d.allowedOrigins;
      drawOrigins();
      (d.verifyClientEmail === 'off' ? verifyOff : verifyAlways).input.checked = true;
      verificationMinutes.value = d.verificationMinutes;
      requestHoldHours.value = d.requestHoldHours;
      contactPhone.value = d.contactPhone;
      contactEmail.value = d.contactEmail;
      if (d.localeBase && !localeSelect.querySelector(`option[value="${CSS.escape(d.localeBase)}"]`)) {
        localeSelect.append(h('option', { value: d.localeBase }, strings.localeOption(strings.localeNames[d.localeBase] ?? d.localeBase, example(d.localeBase))));
      }
      localeSelect.value = d.localeBase;
      clockSelect.value = d.clock;
      syncClock();
      limitSource.value = d.limitSource;
      limitActive.value = d.limitActive;
      limitVerify.value = d.limitVerify;
    };

    const submit = h('button', { type: 'submit', class: 'primary' }, strings.saveSettings);
    const limitsHintId = newId('hint');
    const form = h('form', {
      class: 'settings',
      novalidate: true,
      onsubmit: async (e: Event) => {
        e.preventDefault();
        errors.clear();
        submit.disabled = true;
        try {
          const { settings } = await ctx.api.put<{ settings: Settings }>('/v1/admin/settings', put(read()));
          restore(toDraft(settings));
          ctx.announce(strings.saved);
        } catch (error) {
          errors.show(error);
        } finally {
          submit.disabled = false;
        }
      },
    },
      errors.summary,
      h('fieldset', null, h('legend', null, strings.settingsPractice),
        errors.field('practiceName', strings.practiceNameLabel, practiceName, strings.practiceNameHint),
        errors.field('address', strings.addressLabel, address, strings.addressHint),
        errors.field('videoUrl', strings.videoUrlLabel, videoUrl, strings.videoUrlHint),
        errors.field('contact.phone', strings.contactPhoneLabel, contactPhone, strings.contactPhoneHint),
        errors.field('contact.email', strings.contactEmailLabel, contactEmail, strings.contactEmailHint),
      ),
      h('fieldset', null, h('legend', null, strings.settingsDates),
        errors.field('locale', strings.localeLabel, localeSelect, strings.localeHint),
        // No field of its own in the API: an error about the tag lands at the date format above.
        errors.field('locale-clock', strings.clockLabel, clockSelect, strings.clockHint),
      ),
      h('fieldset', null, h('legend', null, strings.settingsEmails),
        errors.field('senderName', strings.senderNameLabel, senderName, strings.senderNameHint),
        errors.field('senderEmail', strings.senderEmailLabel, senderEmail, strings.senderEmailHint),
        h('div', { class: 'field check' }, h('div', { class: 'choice' }, namesType, h('label', { for: namesType.id }, strings.namesSessionTypeLabel)), namesTypeHint, namesTypeError),
      ),
      h('fieldset', null, h('legend', null, strings.settingsNewBookings),
        verifyGroup,
        errors.field('verificationMinutes', strings.verificationMinutesLabel, verificationMinutes, strings.verificationMinutesHint),
        errors.field('requestHoldHours', strings.requestHoldHoursLabel, requestHoldHours, strings.requestHoldHoursHint),
      ),
      h('fieldset', null, h('legend', null, strings.settingsCancellation),
        errors.field('cancellationPolicy', strings.policyLabel, policy, strings.policyHint),
        errors.field('lateCancellationHours', strings.windowLabel, windowHours, strings.windowHint),
        modeGroup,
      ),
      remindersGroup,
      h('fieldset', null, h('legend', null, strings.settingsPrivacy),
        errors.field('retentionDays', strings.retentionLabel, retention, strings.retentionHint),
        errors.field('auditRetentionDays', strings.auditRetentionLabel, auditRetention, strings.auditRetentionHint),
      ),
      originsGroup,
      h('fieldset', { 'aria-describedby': limitsHintId }, h('legend', null, strings.settingsLimits),
        h('p', { class: 'hint', id: limitsHintId }, strings.limitsHint),
        errors.field('limits.bookingsPerSourcePerHour', strings.limitSourceLabel, limitSource, strings.limitSourceHint),
        errors.field('limits.activeBookingsPerClient', strings.limitActiveLabel, limitActive, strings.limitActiveHint),
        errors.field('limits.verificationEmailsPerAddressPerDay', strings.limitVerifyLabel, limitVerify, strings.limitVerifyHint),
      ),
      h('div', { class: 'actions' }, submit),
    );
    drawReminders();
    drawOrigins();
    return {
      element: form,
      draft: () => read(),
      restore: (kept: unknown) => restore({ ...toDraft(loaded), ...(kept as Partial<SettingsDraft>) }),
    };
  },
};
