import { h } from '../dom';
import { segment } from './console-api';
import { FieldErrors, newId, textInput } from './form';
import { strings } from './strings';
import { timeZoneSelect } from './time-zone-select';
import type { TherapistProfile, ViewDefinition } from './views';

type Therapist = TherapistProfile;

/** The form's input, also the view's draft: which therapist it edits (none: a new one) and the fields as typed. */
interface TherapistDraft {
  editing?: string;
  displayName: string;
  email: string;
  timeZone: string;
  bio: string;
  photoUrl: string;
  id: string;
}

const blank = (): TherapistDraft => ({ displayName: '', email: '', timeZone: 'Europe/Berlin', bio: '', photoUrl: '', id: '' });

/**
 * The practice's therapists: a list with each one's state, a form to add one or change one, and
 * deactivate / reactivate. Deactivating is the API's DELETE (their bookings stay); reactivating is
 * the PUT with `active: true` and the profile as it is, the one way the API has (decision 55).
 */
export const adminTherapistsView: ViewDefinition = {
  route: '#/admin/therapists',
  title: strings.therapistsTitle,
  area: 'admin',
  open: async (ctx) => {
    let therapists = (await ctx.api.get<{ therapists: Therapist[] }>('/v1/admin/therapists')).therapists;
    const listArea = h('div');
    const confirmArea = h('div');
    const formArea = h('section', { 'aria-labelledby': 'therapist-form-heading' });
    let form = therapistForm(blank());

    const reload = async () => {
      therapists = (await ctx.api.get<{ therapists: Therapist[] }>('/v1/admin/therapists')).therapists;
      renderList();
    };

    function renderList(): void {
      if (!therapists.length) {
        listArea.replaceChildren(h('p', null, strings.therapistsNone));
        return;
      }
      const rows = [...therapists].sort((a, b) => a.displayName.localeCompare(b.displayName, strings.lang)).map((t) =>
        h('tr', null,
          h('td', null, h('span', { class: 'cell-label', 'aria-hidden': 'true' }, strings.colName, ': '), t.displayName),
          h('td', null, h('span', { class: 'cell-label', 'aria-hidden': 'true' }, strings.colEmail, ': '), t.email),
          h('td', null, h('span', { class: 'cell-label', 'aria-hidden': 'true' }, strings.colTimeZone, ': '), t.timeZone),
          h('td', null, h('span', { class: t.active ? 'state ok' : 'state off' }, t.active ? strings.statusActive : strings.statusInactive)),
          h('td', null, h('div', { class: 'row-actions' },
            h('button', { type: 'button', 'aria-label': strings.editTherapist(t.displayName), onclick: () => startEdit(t) }, strings.edit),
            t.active
              ? h('button', { type: 'button', class: 'danger', 'aria-label': strings.deactivateTherapist(t.displayName), onclick: () => confirmDeactivate(t) }, strings.deactivate)
              : h('button', { type: 'button', 'aria-label': strings.reactivateTherapist(t.displayName), onclick: (e: Event) => void reactivate(t, e.currentTarget as HTMLButtonElement) }, strings.reactivate),
          )),
        ),
      );
      listArea.replaceChildren(
        h('table', { class: 'stack therapists' },
          h('caption', { class: 'sr' }, strings.therapistsListHeading),
          h('thead', null, h('tr', null, [strings.colName, strings.colEmail, strings.colTimeZone, strings.colStatus, strings.colActions].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', null, rows),
        ),
      );
    }

    function showForm(draft: TherapistDraft, focus: boolean): void {
      form = therapistForm(draft);
      formArea.replaceChildren(form.element);
      if (focus) form.focus();
    }

    function startEdit(t: Therapist): void {
      confirmArea.replaceChildren();
      showForm({ editing: t.id, displayName: t.displayName, email: t.email, timeZone: t.timeZone, bio: t.bio ?? '', photoUrl: t.photoUrl ?? '', id: t.id }, true);
    }

    function confirmDeactivate(t: Therapist): void {
      const headingId = newId('confirm');
      const textId = newId('confirm-text');
      const errors = new FieldErrors();
      const heading = h('h2', { id: headingId, tabindex: '-1' }, strings.confirmDeactivateHeading(t.displayName));
      const yes = h('button', {
        type: 'button',
        class: 'danger',
        onclick: async () => {
          yes.disabled = true;
          try {
            await ctx.api.delete(`/v1/admin/therapists/${segment(t.id)}`);
            confirmArea.replaceChildren();
            await reload();
            ctx.announce(strings.deactivated(t.displayName));
            focusRowButton(strings.reactivateTherapist(t.displayName));
          } catch (error) {
            yes.disabled = false;
            errors.show(error);
          }
        },
      }, strings.deactivate);
      confirmArea.replaceChildren(
        h('section', { class: 'confirm', role: 'group', 'aria-labelledby': headingId, 'aria-describedby': textId },
          heading,
          h('p', { id: textId }, strings.confirmDeactivateText),
          errors.summary,
          h('div', { class: 'actions' }, yes,
            h('button', { type: 'button', onclick: () => { confirmArea.replaceChildren(); focusRowButton(strings.deactivateTherapist(t.displayName)); } }, strings.keepActive)),
        ),
      );
      heading.focus();
    }

    async function reactivate(t: Therapist, button: HTMLButtonElement): Promise<void> {
      button.disabled = true;
      try {
        await ctx.api.put(`/v1/admin/therapists/${segment(t.id)}`, { displayName: t.displayName, email: t.email, timeZone: t.timeZone, ...(t.bio ? { bio: t.bio } : {}), ...(t.photoUrl ? { photoUrl: t.photoUrl } : {}), active: true });
        await reload();
        ctx.announce(strings.reactivated(t.displayName));
        focusRowButton(strings.deactivateTherapist(t.displayName));
      } catch (error) {
        button.disabled = false;
        const errors = new FieldErrors();
        confirmArea.replaceChildren(errors.summary);
        errors.show(error);
      }
    }

    function focusRowButton(label: string): void {
      listArea.querySelector<HTMLButtonElement>(`button[aria-label="${CSS.escape(label)}"]`)?.focus();
    }

    /** The add / change form; saving adds or changes, then the list is read again. */
    function therapistForm(draft: TherapistDraft) {
      const errors = new FieldErrors();
      const editing = draft.editing;
      const displayName = textInput(draft.displayName, { autocomplete: 'off', maxlength: 100 });
      const email = h('input', { type: 'email', value: draft.email, autocomplete: 'off', maxlength: 254 });
      const timeZone = timeZoneSelect(draft.timeZone);
      const bio = h('textarea', { rows: 3, maxlength: 2000 });
      bio.value = draft.bio;
      const photoUrl = h('input', { type: 'url', value: draft.photoUrl, autocomplete: 'off', spellcheck: false, maxlength: 500, placeholder: 'https://' });
      const id = textInput(draft.id, { autocomplete: 'off', spellcheck: false, pattern: '[a-z0-9-]*' });
      const headingText = editing ? strings.editTherapistHeading(draft.displayName) : strings.addTherapistHeading;
      const heading = h('h2', { id: 'therapist-form-heading', tabindex: '-1' }, headingText);
      const submit = h('button', { type: 'submit', class: 'primary' }, editing ? strings.save : strings.addTherapist);
      const read = (): TherapistDraft => ({ ...(editing ? { editing } : {}), displayName: displayName.value, email: email.value, timeZone: timeZone.value, bio: bio.value, photoUrl: photoUrl.value, id: id.value });
      const element = h('form', {
        novalidate: true,
        onsubmit: async (e: Event) => {
          e.preventDefault();
          errors.clear();
          submit.disabled = true;
          const input = read();
          const body = {
            displayName: input.displayName,
            email: input.email.trim(),
            timeZone: input.timeZone,
            ...(input.bio.trim() ? { bio: input.bio } : {}),
            // Left empty, it is left out: the PUT removes the photo.
            ...(input.photoUrl.trim() ? { photoUrl: input.photoUrl.trim() } : {}),
            ...(!editing && input.id.trim() ? { id: input.id.trim() } : {}),
          };
          try {
            if (editing) await ctx.api.put(`/v1/admin/therapists/${segment(editing)}`, body);
            else await ctx.api.post('/v1/admin/therapists', body);
            await reload();
            showForm(blank(), false);
            ctx.announce(editing ? strings.saved : strings.therapistAdded(body.displayName.trim()));
            (editing ? listArea.querySelector<HTMLButtonElement>(`button[aria-label="${CSS.escape(strings.editTherapist(body.displayName.trim()))}"]`) : null)?.focus() ??
              form.focus();
          } catch (error) {
            errors.show(error);
          } finally {
            submit.disabled = false;
          }
        },
      },
        heading,
        editing ? null : h('p', { class: 'hint invitation' }, strings.invitationHint),
        errors.summary,
        errors.field('displayName', strings.displayNameLabel, displayName, strings.displayNameHint),
        errors.field('email', strings.emailLabel, email, strings.emailHint),
        errors.field('timeZone', strings.timeZoneLabel, timeZone, strings.therapistZoneHint),
        errors.field('bio', strings.bioLabel, bio, strings.bioHint),
        errors.field('photoUrl', strings.photoUrlLabel, photoUrl, strings.photoUrlHint),
        editing ? null : errors.field('id', strings.idLabel, id, strings.idHint),
        h('div', { class: 'actions' }, submit,
          editing ? h('button', { type: 'button', onclick: () => { showForm(blank(), false); focusRowButton(strings.editTherapist(draft.displayName)); } }, strings.cancel) : null),
      );
      return { element, read, focus: () => (editing ? displayName : heading).focus() };
    }

    renderList();
    formArea.replaceChildren(form.element);
    return {
      element: h('div', { class: 'admin-therapists' },
        h('h2', null, strings.therapistsListHeading),
        listArea,
        confirmArea,
        formArea,
      ),
      draft: () => form.read(),
      restore: (kept: unknown) => showForm({ ...blank(), ...(kept as Partial<TherapistDraft>) }, true),
    };
  },
};
