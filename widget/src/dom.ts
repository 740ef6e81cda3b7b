export type Child = Node | string | number | false | null | undefined | Child[];
type AttrValue = string | number | boolean | null | undefined | ((event: any) => void);

/**
 * A tiny element builder, so views read as markup without a framework. Text always goes in as text
 * nodes (never innerHTML): names and notes typed by clients can never become markup.
 * `onclick` etc. become listeners; `value`/`checked` are set as properties (live state, not defaults);
 * false/null/undefined attributes are left out.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, AttrValue> | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value' || key === 'checked') (el as any)[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el: Node, children: Child[]): void {
  for (const child of children) {
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else if (child !== false && child !== null && child !== undefined) el.appendChild(document.createTextNode(String(child)));
  }
}
