import { h } from './dom';

/**
 * A button for an action that waits on the server: while it runs the button says so, shows a spinner
 * and ignores presses. aria-disabled rather than disabled, so keyboard focus stays on it.
 */
export function busyButton(label: string, busyLabel: string, run: () => Promise<void>, className = 'btn primary'): HTMLButtonElement {
  let busy = false;
  const button: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: className,
      onclick: async () => {
        if (busy) return;
        busy = true;
        button.setAttribute('aria-disabled', 'true');
        button.replaceChildren(h('span', { class: 'spin', 'aria-hidden': 'true' }), busyLabel);
        try {
          await run();
        } finally {
          busy = false;
          button.removeAttribute('aria-disabled');
          button.replaceChildren(label);
        }
      },
    },
    label,
  );
  return button;
}
