import { h } from '../dom';
import { ApiError, SignInNeeded, segment } from './console-api';
import { FieldErrors } from './form';
import { strings } from './strings';
import type { ViewContext, ViewDefinition } from './views';

interface SessionType {
  id: string;
  name: string;
  kind: 'individual' | 'couples';
  durationMinutes: number;
  modality: 'in_person' | 'telehealth';
  description?: string;
  hidden?: boolean;
  /** Who may book it (absent: everyone). */
  audience?: 'everyone' | 'new_clients' | 'existing_clients';
  /** Whether a booking waits for the therapist's approval (absent: none). */
  approval?: 'none' | 'new_clients' | 'always';
}

/** The open form as plain JSON (also the draft): what the user typed, numbers as text. */
interface TypeDraft {
  id?: string;
  name: string;
  kind: string;
  durationMinutes: string;
  modality: string;
  description: string;
  hidden: boolean;
  audience: string;
  approval: string;
}

const isDraft = (v: unknown): v is TypeDraft =>
  typeof v === 'object' && v !== null && typeof (v as TypeDraft).name === 'string' && typeof (v as TypeDraft).kind === 'string' && typeof (v as TypeDraft).durationMinutes === 'string';

/** The body of POST and PUT: everything but the id (the API makes one from the name). */
function bodyOf(d: TypeDraft): Record<string, unknown> {
  const duration = d.durationMinutes.trim() === '' ? undefined : Number(d.durationMinutes);
  return {
    name: d.name,
    kind: d.kind,
    ...(duration === undefined ? {} : { durationMinutes: Number.isFinite(duration) ? duration : null }),
    modality: d.modality,
    ...(d.description.trim() ? { description: d.description } : {}),
    hidden: d.hidden,
    audience: d.audience,
    approval: d.approval,
  };
}
/** Hide or show: the type as it is, so a PUT keeps its audience and approval. */
const updateOf = (t: SessionType, hidden: boolean) => ({
  name: t.name, kind: t.kind, durationMinutes: t.durationMinutes, modality: t.modality, ...(t.description ? { description: t.description } : {}), hidden,
  ...(t.audience ? { audience: t.audience } : {}), ...(t.approval ? { approval: t.approval } : {}),
});
/** The draft of a stored type; a draft kept before these fields existed opens with their defaults. */
const draftOf = (t: SessionType): TypeDraft => ({
  id: t.id, name: t.name, kind: t.kind, durationMinutes: String(t.durationMinutes), modality: t.modality, description: t.description ?? '', hidden: Boolean(t.hidden),
  audience: t.audience ?? 'everyone', approval: t.approval ?? 'none',
});

/**
 * The therapist's session types: a list with hide/show, edit and delete, and one form for adding
 * or editing. A type with future bookings cannot be deleted (409): the view says why and offers
 * to hide it, which is what the therapist wants in that case.
 */
export const sessionTypesView: ViewDefinition = {
  route: '#/session-types',
  title: strings.sessionTypesTitle,
  area: 'therapist',
  open: async (ctx) => {
    const { sessionTypes } = await ctx.api.get<{ sessionTypes: SessionType[] }>('/v1/me/session-types');
    return sessionTypesEditor(ctx, sessionTypes);
  },
};

function sessionTypesEditor(ctx: ViewContext, initial: SessionType[]) {
  let types = [...initial];
  let editing: TypeDraft | undefined;
  const listArea = h('div', { class: 'type-list' });
  const formArea = h('div', { class: 'type-form-area' });
  const notice = h('div', { class: 'type-notice', hidden: true });
  const addButton = h('button', { type: 'button', class: 'primary' }, strings.addSessionType);
  addButton.addEventListener('click', () => openForm({ name: '', kind: 'individual', durationMinutes: '50', modality: 'in_person', description: '', hidden: false, audience: 'everyone', approval: 'none' }));

  const replaceType = (updated: SessionType) => {
    types = types.map((t) => (t.id === updated.id ? updated : t));
  };
  const focusRowButton = (id: string, which: string) => listArea.querySelector<HTMLButtonElement>(`button[data-type="${CSS.escape(id)}"][data-action="${which}"]`)?.focus();

  const setHidden = async (t: SessionType, hidden: boolean) => {
    try {
      const { sessionType } = await ctx.api.put<{ sessionType: SessionType }>(`/v1/me/session-types/${segment(t.id)}`, updateOf(t, hidden));
      replaceType(sessionType);
      notice.hidden = true;
      drawList();
      ctx.announce(hidden ? strings.hidden : strings.shown);
      focusRowButton(t.id, 'visibility');
    } catch (e) {
      if (e instanceof SignInNeeded) return;
      asAlert();
      showNotice(h('p', null, e instanceof ApiError && e.message ? e.message : strings.genericError));
    }
  };

  const asAlert = () => {
    notice.className = 'type-notice form-error';
    notice.setAttribute('role', 'alert');
    notice.removeAttribute('aria-label');
  };

  const showNotice = (...content: (HTMLElement | string)[]) => {
    notice.replaceChildren(...content);
    notice.hidden = false;
    notice.setAttribute('tabindex', '-1');
    notice.focus();
  };

  const askDelete = (t: SessionType) => {
    const yes = h('button', { type: 'button', class: 'danger' }, strings.confirmDeleteYes);
    const no = h('button', { type: 'button' }, strings.cancel);
    no.addEventListener('click', () => ((notice.hidden = true), focusRowButton(t.id, 'delete')));
    yes.addEventListener('click', () => void remove(t));
    notice.className = 'type-notice confirm';
    notice.setAttribute('role', 'alertdialog');
    notice.setAttribute('aria-label', strings.deleteNamed(t.name));
    showNotice(h('p', null, strings.confirmDelete(t.name)), h('div', { class: 'actions' }, yes, no));
    no.focus();
  };

  const remove = async (t: SessionType) => {
    try {
      await ctx.api.delete(`/v1/me/session-types/${segment(t.id)}`);
      types = types.filter((x) => x.id !== t.id);
      notice.hidden = true;
      drawList();
      ctx.announce(strings.deleted);
      addButton.focus();
    } catch (e) {
      if (e instanceof SignInNeeded) return;
      asAlert();
      if (e instanceof ApiError && e.status === 409) {
        const hide = h('button', { type: 'button', class: 'primary' }, strings.hideInstead(t.name));
        hide.addEventListener('click', () => void setHidden(t, true));
        showNotice(h('p', null, strings.inUse(t.name)), h('div', { class: 'actions' }, hide));
        hide.focus();
      } else {
        showNotice(h('p', null, e instanceof ApiError && e.message ? e.message : strings.genericError));
      }
    }
  };

  const drawList = () => {
    if (!types.length) {
      listArea.replaceChildren(h('p', null, strings.noSessionTypes));
      return;
    }
    const button = (t: SessionType, action: string, label: string, text: string, onclick: () => void, cls?: string) =>
      h('button', { type: 'button', 'data-type': t.id, 'data-action': action, 'aria-label': label, class: cls, onclick }, text);
    listArea.replaceChildren(
      h('table', { class: 'stack types' },
        h('thead', null, h('tr', null, [strings.tableName, strings.tableDetails, strings.tableStatus, strings.tableActions].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, types.map((t) =>
          h('tr', null,
            h('td', null, h('strong', null, t.name), t.description ? h('p', { class: 'muted type-description' }, t.description) : null),
            h('td', null, [strings.kindShort[t.kind], strings.minutes(t.durationMinutes), strings.modalityShort[t.modality]].join(' · '),
              t.audience && t.audience !== 'everyone' ? h('p', { class: 'type-rule' }, strings.audienceShort[t.audience]) : null,
              t.approval && t.approval !== 'none' ? h('p', { class: 'type-rule' }, strings.approvalShort[t.approval]) : null),
            h('td', null, t.hidden ? h('span', { class: 'badge hidden-badge' }, strings.hiddenBadge) : h('span', { class: 'badge' }, strings.visibleBadge)),
            h('td', null, h('div', { class: 'row-actions' },
              button(t, 'edit', strings.editNamed(t.name), strings.edit, () => openForm(draftOf(t))),
              button(t, 'visibility', t.hidden ? strings.showNamed(t.name) : strings.hideNamed(t.name), t.hidden ? strings.show : strings.hide, () => void setHidden(t, !t.hidden)),
              button(t, 'delete', strings.deleteNamed(t.name), strings.deleteType, () => askDelete(t), 'danger'),
            )),
          ))),
      ),
    );
  };

  const openForm = (draft: TypeDraft) => {
    editing = { ...draft };
    const d = editing;
    const errors = new FieldErrors();
    const name = h('input', { type: 'text', value: d.name, maxlength: 100, autocomplete: 'off' });
    const kind = h('select', null, h('option', { value: 'individual' }, strings.typeKindIndividual), h('option', { value: 'couples' }, strings.typeKindCouples));
    const duration = h('input', { type: 'number', inputmode: 'numeric', min: 5, max: 480, step: 5, value: d.durationMinutes });
    const modality = h('select', null, h('option', { value: 'in_person' }, strings.modalityInPerson), h('option', { value: 'telehealth' }, strings.modalityVideo));
    const description = h('textarea', { maxlength: 1000 });
    const hidden = h('input', { type: 'checkbox', checked: d.hidden, id: `type-hidden-${Math.random().toString(36).slice(2, 8)}` });
    const audience = h('select', null, (['everyone', 'new_clients', 'existing_clients'] as const).map((v) => h('option', { value: v }, strings.audienceOption[v])));
    const approval = h('select', null, (['none', 'new_clients', 'always'] as const).map((v) => h('option', { value: v }, strings.approvalOption[v])));
    audience.value = d.audience;
    approval.value = d.approval;
    audience.addEventListener('change', () => (d.audience = audience.value));
    approval.addEventListener('change', () => (d.approval = approval.value));
    kind.value = d.kind;
    modality.value = d.modality;
    description.value = d.description;
    name.addEventListener('input', () => (d.name = name.value));
    kind.addEventListener('change', () => (d.kind = kind.value));
    duration.addEventListener('input', () => (d.durationMinutes = duration.value));
    modality.addEventListener('change', () => (d.modality = modality.value));
    description.addEventListener('input', () => (d.description = description.value));
    hidden.addEventListener('change', () => (d.hidden = hidden.checked));
    const hiddenError = errors.register('hidden', hidden);
    hidden.setAttribute('aria-describedby', hiddenError.id);
    const submit = h('button', { type: 'submit', class: 'primary' }, strings.save);
    const cancel = h('button', { type: 'button' }, strings.cancel);
    const heading = h('h2', { tabindex: '-1' }, d.id ? strings.editSessionType(d.name) : strings.newSessionType);
    const form = h('form', { class: 'type-form', novalidate: true, 'aria-labelledby': 'type-form-title' },
      errors.summary,
      errors.field('name', strings.typeName, name, strings.typeNameHint),
      errors.field('kind', strings.typeKind, kind),
      errors.field('durationMinutes', strings.typeDuration, duration),
      errors.field('modality', strings.typeModality, modality),
      errors.field('description', strings.typeDescription, description, strings.typeDescriptionHint),
      errors.field('audience', strings.typeAudience, audience, strings.typeAudienceHint),
      errors.field('approval', strings.typeApproval, approval, strings.typeApprovalHint),
      h('div', { class: 'check-field' }, hidden, h('label', { for: hidden.id }, strings.typeHidden), hiddenError),
      h('div', { class: 'actions' }, submit, cancel),
    );
    heading.id = 'type-form-title';
    const close = () => {
      editing = undefined;
      formArea.replaceChildren();
    };
    cancel.addEventListener('click', () => {
      const id = d.id;
      close();
      if (id) focusRowButton(id, 'edit');
      else addButton.focus();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void (async () => {
        errors.clear();
        submit.disabled = true;
        try {
          const { sessionType } = d.id
            ? await ctx.api.put<{ sessionType: SessionType }>(`/v1/me/session-types/${segment(d.id)}`, bodyOf(d))
            : await ctx.api.post<{ sessionType: SessionType }>('/v1/me/session-types', bodyOf(d));
          if (types.some((t) => t.id === sessionType.id)) replaceType(sessionType);
          else types.push(sessionType);
          close();
          notice.hidden = true;
          drawList();
          ctx.announce(strings.saved);
          focusRowButton(sessionType.id, 'edit');
        } catch (e) {
          submit.disabled = false;
          if (e instanceof SignInNeeded) return;
          errors.show(e);
        }
      })();
    });
    formArea.replaceChildren(h('section', { class: 'type-form-box' }, heading, form));
    heading.focus();
  };

  drawList();
  const element = h('div', { class: 'session-types' },
    h('p', { class: 'hint' }, strings.sessionTypesHint),
    notice,
    listArea,
    h('div', { class: 'actions' }, addButton),
    formArea,
  );
  return {
    element,
    draft: () => (editing ? { ...editing } : undefined),
    restore: (draft: unknown) => {
      if (isDraft(draft)) openForm({ ...draft, audience: draft.audience ?? 'everyone', approval: draft.approval ?? 'none' });
    },
  };
}
