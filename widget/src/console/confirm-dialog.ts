import { h, type Child } from '../dom';
import { newId } from './form';
import { strings } from './strings';

export interface ConfirmOptions {
  title: string;
  /** What will happen, said before the user agrees to it. */
  message: Child;
  confirmLabel: string;
  /** Extra input inside the dialog (a reason); read by the caller after it resolves true. */
  extra?: HTMLElement;
  /** Where the dialog is put (inside the view, so it goes away with it). */
  host: HTMLElement;
}

/**
 * A confirmation step in a modal `<dialog>`: the browser keeps focus inside it, Escape closes it,
 * and the page behind is inert. Resolves true when confirmed; focus goes back to what opened it
 * either way, so a keyboard user carries on where they were.
 */
export function confirmDialog(options: ConfirmOptions): { done: Promise<boolean>; dialog: HTMLDialogElement } {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
  const titleId = newId('dlg');
  const messageId = newId('dlg-msg');
  let resolve!: (ok: boolean) => void;
  const done = new Promise<boolean>((r) => (resolve = r));
  const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': titleId, 'aria-describedby': messageId },
    h('h2', { id: titleId }, options.title),
    h('p', { id: messageId }, options.message),
    options.extra,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'danger', onclick: () => finish(true) }, options.confirmLabel),
      h('button', { type: 'button', onclick: () => finish(false) }, strings.keep),
    ),
  );
  let finished = false;
  function finish(ok: boolean) {
    if (finished) return;
    finished = true;
    if (dialog.open) dialog.close();
    dialog.remove();
    if (opener?.isConnected) opener.focus();
    resolve(ok);
  }
  dialog.addEventListener('close', () => finish(false));
  options.host.append(dialog);
  dialog.showModal();
  return { done, dialog };
}
