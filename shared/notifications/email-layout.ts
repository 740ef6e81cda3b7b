/**
 * Renders a message, described as a few blocks, as plain text and as a simple, accessible HTML
 * email with inline styles. Every value that reaches the HTML passes through `escapeHtml` here, and
 * only here: callers hand over raw strings.
 */

export interface DetailRow {
  label: string;
  value: string;
  /** Makes the value a link (only http and https links are ever rendered as anchors). */
  href?: string;
}

export type EmailBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'details'; rows: DetailRow[] }
  | { type: 'link'; intro: string; text: string; href: string }
  | { type: 'signoff'; lines: string[] };

export interface EmailLayoutInput {
  /** Used as the HTML document's title. */
  title: string;
  /** The `lang` of the HTML. */
  lang: string;
  blocks: EmailBlock[];
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

function isWebUrl(href: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(href);
}

/** No line breaks or control characters inside a single value: one value, one line. */
function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

export function renderText(blocks: readonly EmailBlock[]): string {
  const parts = blocks.map((block) => {
    switch (block.type) {
      case 'paragraph':
        return block.text;
      case 'details':
        return block.rows.map((row) => `${row.label}: ${oneLine(row.value)}`).join('\n');
      case 'link':
        return `${block.intro}\n${oneLine(block.href)}`;
      case 'signoff':
        return block.lines.join('\n');
    }
  });
  return `${parts.join('\n\n')}\n`;
}

const STYLE = {
  body: 'margin:0;padding:0;background-color:#ffffff;',
  container:
    'max-width:600px;margin:0 auto;padding:24px 16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1f2933;',
  paragraph: 'margin:0 0 16px 0;',
  details: 'margin:0 0 16px 0;padding:12px 16px;background-color:#f4f5f7;border-radius:4px;',
  row: 'margin:0 0 4px 0;',
  link: 'color:#1d4ed8;text-decoration:underline;',
};

function htmlValue(value: string, href: string | undefined): string {
  const text = escapeHtml(oneLine(value));
  if (href === undefined || !isWebUrl(href)) return text;
  return `<a href="${escapeHtml(href)}" style="${STYLE.link}">${text}</a>`;
}

export function renderHtml(input: EmailLayoutInput): string {
  const body = input.blocks.map((block) => {
    switch (block.type) {
      case 'paragraph':
        return `<p style="${STYLE.paragraph}">${escapeHtml(block.text)}</p>`;
      case 'details': {
        const rows = block.rows.map(
          (row) => `<p style="${STYLE.row}"><strong>${escapeHtml(row.label)}:</strong> ${htmlValue(row.value, row.href)}</p>`,
        );
        return `<div style="${STYLE.details}">\n${rows.join('\n')}\n</div>`;
      }
      case 'link': {
        const link = isWebUrl(block.href)
          ? htmlValue(block.text, block.href)
          : escapeHtml(oneLine(block.href));
        return `<p style="${STYLE.paragraph}">${escapeHtml(block.intro)}<br>${link}</p>`;
      }
      case 'signoff':
        return `<p style="${STYLE.paragraph}">${block.lines.map(escapeHtml).join('<br>')}</p>`;
    }
  });
  const lang = escapeHtml(input.lang);
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(input.title)}</title>`,
    '</head>',
    `<body style="${STYLE.body}">`,
    `<div role="article" aria-label="${escapeHtml(input.title)}" lang="${lang}" style="${STYLE.container}">`,
    ...body,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export function renderEmail(input: EmailLayoutInput): { text: string; html: string } {
  return { text: renderText(input.blocks), html: renderHtml(input) };
}
