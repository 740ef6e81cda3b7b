import { h } from '../dom';
import { confirmDialog } from './confirm-dialog';
import { ApiError, SignInNeeded } from './console-api';
import { FieldErrors } from './form';
import { strings } from './strings';
import type { OpenView, ViewContext, ViewDefinition } from './views';

/** One page of `GET /v1/admin/export` (ExportResponse). */
type ExportPage = Record<(typeof KINDS)[number], unknown[]> & { format: string; settings?: unknown; nextCursor?: string };
const KINDS = ['therapists', 'schedules', 'sessionTypes', 'overrides', 'timeOff', 'bookings', 'series'] as const;

/**
 * The practice's data (issue 17): erase one client by their address (after a dialog that says what
 * goes and what stays), and download everything as one JSON file, every page of the export
 * assembled in the browser. Nothing of either is kept in the page once done.
 */
export const adminDataView: ViewDefinition = {
  route: '#/admin/data',
  title: strings.dataTitle,
  area: 'admin',
  open: async (ctx: ViewContext): Promise<OpenView> => {
    const eraseErrors = new FieldErrors();
    const exportErrors = new FieldErrors();
    const email = h('input', { type: 'email', autocomplete: 'off', spellcheck: 'false', maxlength: 254 });
    const eraseButton = h('button', { type: 'button', class: 'danger', onclick: () => void erase() }, strings.eraseClient);
    const eraseResult = h('p', { class: 'erase-result' });
    const exportButton = h('button', { type: 'button', class: 'primary', onclick: () => void download() }, strings.downloadExport);
    const exportResult = h('p', { class: 'export-result' });

    async function erase(): Promise<void> {
      const address = email.value.trim();
      eraseResult.textContent = '';
      if (!address || !email.checkValidity()) {
        eraseErrors.show(new ApiError(400, 'validation_failed', strings.checkFields, [{ path: 'email', message: strings.eraseNeedsEmail }]));
        return;
      }
      eraseErrors.clear();
      const { done } = confirmDialog({ host: element, title: strings.eraseTitle(address), message: strings.eraseWarning, confirmLabel: strings.confirmErase });
      if (!(await done)) return;
      eraseButton.disabled = true;
      try {
        const { erased } = await ctx.api.post<{ erased: number }>('/v1/admin/clients/erase', { email: address });
        email.value = '';
        eraseResult.textContent = strings.erasedCount(erased);
        ctx.announce(strings.erasedCount(erased));
      } catch (error) {
        if (!(error instanceof SignInNeeded)) eraseErrors.show(error);
      } finally {
        eraseButton.disabled = false;
      }
    }

    async function download(): Promise<void> {
      exportButton.disabled = true;
      exportErrors.clear();
      exportResult.textContent = strings.exporting;
      ctx.announce(strings.exporting);
      try {
        const all: Record<string, unknown> = { format: 'practice-export.v1', exportedAt: new Date().toISOString(), ...Object.fromEntries(KINDS.map((k) => [k, []])) };
        let cursor: string | undefined;
        do {
          const page = await ctx.api.get<ExportPage>(`/v1/admin/export${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
          for (const kind of KINDS) (all[kind] as unknown[]).push(...(page[kind] ?? []));
          if (page.settings) all.settings = page.settings;
          cursor = page.nextCursor;
        } while (cursor);
        const blob = new Blob([JSON.stringify(all, null, 2)], { type: 'application/json' });
        const url = URL.createObjectURL(blob);
        const link = h('a', { href: url, download: `practice-export-${new Date().toISOString().slice(0, 10)}.json`, hidden: true });
        element.append(link);
        link.click();
        link.remove();
        // The browser has the file once the click is handled; the page keeps no copy.
        setTimeout(() => URL.revokeObjectURL(url), 0);
        const counts = Object.fromEntries(KINDS.map((k) => [k, (all[k] as unknown[]).length])) as Record<(typeof KINDS)[number], number>;
        exportResult.textContent = strings.exported(counts.therapists, counts.bookings, counts.series);
        ctx.announce(exportResult.textContent);
      } catch (error) {
        exportResult.textContent = '';
        if (!(error instanceof SignInNeeded)) exportErrors.show(error);
      } finally {
        exportButton.disabled = false;
      }
    }

    const element = h('div', { class: 'data-view' },
      h('section', { 'aria-labelledby': 'data-erase' },
        h('h2', { id: 'data-erase' }, strings.eraseHeading),
        h('p', null, strings.eraseExplained),
        eraseErrors.summary,
        eraseErrors.field('email', strings.eraseEmailLabel, email, strings.eraseEmailHint),
        h('div', { class: 'actions' }, eraseButton),
        eraseResult,
      ),
      h('section', { 'aria-labelledby': 'data-export' },
        h('h2', { id: 'data-export' }, strings.exportHeading),
        h('p', null, strings.exportExplained),
        exportErrors.summary,
        h('div', { class: 'actions' }, exportButton),
        exportResult,
      ),
    );
    return { element };
  },
};
