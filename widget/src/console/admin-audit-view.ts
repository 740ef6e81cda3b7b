import { h } from '../dom';
import { FieldErrors } from './form';
import { strings } from './strings';
import type { ViewDefinition } from './views';

/** One entry of `GET /v1/admin/audit`: ids only, never personal data. */
interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  target: string;
}
interface AuditPage {
  entries: AuditEntry[];
  nextCursor?: string;
}

/** The range as typed, also the view's draft. */
interface RangeDraft {
  from: string;
  to: string;
}

/**
 * The practice's audit log (issue 17): the changes of a chosen range, newest first, a page at a
 * time ("Show older changes" follows the API's cursor). Left empty, the range is the API's default
 * (the last 30 days by the server's clock, which locally is the virtual one). The actor is "you"
 * when it is the signed-in subject; an action reads as words; the target stays the id it is.
 */
export const adminAuditView: ViewDefinition = {
  route: '#/admin/audit',
  title: strings.auditTitle,
  area: 'admin',
  open: async (ctx) => {
    const errors = new FieldErrors();
    const from = h('input', { type: 'date' });
    const to = h('input', { type: 'date' });
    const listArea = h('div');
    const status = h('p', { class: 'hint', 'aria-live': 'polite' });
    let shown: AuditEntry[] = [];
    let range: RangeDraft = { from: '', to: '' };
    let cursor: string | undefined;

    const fetchPage = (r: RangeDraft, after?: string) => {
      const query = new URLSearchParams({ ...(r.from ? { from: r.from } : {}), ...(r.to ? { to: r.to } : {}), ...(after ? { cursor: after } : {}), limit: '50' });
      return ctx.api.get<AuditPage>(`/v1/admin/audit?${query}`);
    };
    const when = new Intl.DateTimeFormat(strings.lang, { dateStyle: 'medium', timeStyle: 'medium' });
    const who = (actor: string) => (actor === ctx.account.subject ? strings.auditYou : actor === 'system' ? strings.auditSystem : actor);
    const cell = (label: string, ...content: (string | HTMLElement)[]) => h('td', null, h('span', { class: 'cell-label', 'aria-hidden': 'true' }, label, ': '), ...content);

    function render(focusRow?: number): void {
      if (!shown.length) {
        listArea.replaceChildren(h('p', null, strings.auditNone));
        return;
      }
      const rows = shown.map((e) =>
        h('tr', null,
          cell(strings.colWhen, h('time', { datetime: e.at }, when.format(new Date(e.at)))),
          cell(strings.colWho, who(e.actor)),
          cell(strings.colWhat, strings.auditActions[e.action] ?? e.action),
          cell(strings.colWhich, h('code', null, e.target)),
        ),
      );
      const more = cursor ? h('button', { type: 'button', onclick: (ev: Event) => void older(ev.currentTarget as HTMLButtonElement) }, strings.auditMore) : null;
      listArea.replaceChildren(
        h('table', { class: 'stack audit' },
          h('caption', { class: 'sr' }, strings.auditListHeading),
          h('thead', null, h('tr', null, [strings.colWhen, strings.colWho, strings.colWhat, strings.colWhich].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', null, rows),
        ),
        h('div', { class: 'actions' }, more),
      );
      if (focusRow !== undefined) {
        const row = listArea.querySelectorAll('tbody tr')[focusRow] as HTMLElement | undefined;
        if (row) {
          row.tabIndex = -1;
          row.focus();
        }
      }
    }

    async function show(r: RangeDraft): Promise<void> {
      const page = await fetchPage(r);
      range = r;
      shown = page.entries;
      cursor = page.nextCursor;
      render();
      status.textContent = strings.auditLoaded(shown.length);
    }

    async function older(button: HTMLButtonElement): Promise<void> {
      button.disabled = true;
      try {
        const page = await fetchPage(range, cursor);
        const firstNew = shown.length;
        shown = [...shown, ...page.entries];
        cursor = page.nextCursor;
        // Focus goes to the first of the older rows, so a keyboard user continues where they left off.
        render(page.entries.length ? firstNew : undefined);
        status.textContent = strings.auditLoaded(shown.length);
      } catch (error) {
        button.disabled = false;
        errors.show(error);
      }
    }

    const submit = h('button', { type: 'submit', class: 'primary' }, strings.auditShow);
    const form = h('form', {
      novalidate: true,
      class: 'audit-range',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        errors.clear();
        submit.disabled = true;
        try {
          await show({ from: from.value, to: to.value });
        } catch (error) {
          errors.show(error);
        } finally {
          submit.disabled = false;
        }
      },
    },
      errors.summary,
      errors.field('from', strings.auditFromLabel, from),
      errors.field('to', strings.auditToLabel, to, strings.auditRangeHint),
      h('div', { class: 'actions' }, submit),
    );

    await show(range);
    return {
      element: h('div', { class: 'admin-audit' },
        h('p', null, strings.auditIntro),
        form,
        h('h2', null, strings.auditListHeading),
        status,
        listArea,
      ),
      draft: (): RangeDraft => ({ from: from.value, to: to.value }),
      restore: (kept: unknown) => {
        const r = kept as Partial<RangeDraft>;
        from.value = r.from ?? '';
        to.value = r.to ?? '';
      },
    };
  },
};
