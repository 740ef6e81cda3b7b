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
  /**
   * The one action of an email (the manage or verification link) drawn as a button: a table cell
   * and an anchor with inline styles, which every mail client draws (no CSS classes, no images,
   * no VML). Still a real link with the same href; the plain text part reads as a 'link' does.
   */
  | { type: 'button'; intro: string; text: string; href: string }
  | { type: 'signoff'; lines: string[] }
  /** The practice's public contact details, at the foot: a phone as a `tel:` link, an email as `mailto:`. */
  | { type: 'contact'; intro: string; phone?: { label: string; value: string }; email?: { label: string; value: string } };

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

/** `tel:` wants digits and a leading +: "+49 (30) 123-4567" dials as tel:+49301234567. None left: no link. */
export function telHref(phone: string): string | undefined {
  const digits = phone.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  return /\d/.test(digits) ? `tel:${digits}` : undefined;
}

/** A plain address only (one @, no spaces, no `?` that would add headers or a body to the mail). */
export function mailtoHref(email: string): string | undefined {
  return /^[^\s@?&#]+@[^\s@?&#]+$/.test(email) ? `mailto:${email}` : undefined;
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
      case 'button':
        return `${block.intro}\n${oneLine(block.href)}`;
      case 'signoff':
        return block.lines.join('\n');
      case 'contact':
        return [block.intro, ...contactRows(block).map((row) => `${row.label}: ${oneLine(row.value)}`)].join('\n');
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
  buttonTable: 'margin:0 0 16px 0;border-collapse:separate;',
  buttonCell: 'border-radius:6px;background-color:#1d4ed8;',
  button:
    'display:inline-block;padding:12px 24px;border:1px solid #1d4ed8;border-radius:6px;background-color:#1d4ed8;color:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:16px;font-weight:bold;line-height:1.25;text-decoration:none;',
  footer: 'margin:24px 0 0 0;padding:16px 0 0 0;border-top:1px solid #d9dde3;font-size:14px;color:#52606d;',
};

function contactRows(block: Extract<EmailBlock, { type: 'contact' }>): { label: string; value: string; href: string | undefined }[] {
  const rows: { label: string; value: string; href: string | undefined }[] = [];
  if (block.phone) rows.push({ ...block.phone, href: telHref(block.phone.value) });
  if (block.email) rows.push({ ...block.email, href: mailtoHref(block.email.value) });
  return rows;
}

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
      case 'button': {
        if (!isWebUrl(block.href)) return `<p style="${STYLE.paragraph}">${escapeHtml(block.intro)}<br>${escapeHtml(oneLine(block.href))}</p>`;
        return [
          `<p style="${STYLE.row}">${escapeHtml(block.intro)}</p>`,
          `<table role="presentation" border="0" cellspacing="0" cellpadding="0" style="${STYLE.buttonTable}"><tr>`,
          `<td style="${STYLE.buttonCell}"><a href="${escapeHtml(block.href)}" style="${STYLE.button}">${escapeHtml(oneLine(block.text))}</a></td>`,
          '</tr></table>',
        ].join('\n');
      }
      case 'signoff':
        return `<p style="${STYLE.paragraph}">${block.lines.map(escapeHtml).join('<br>')}</p>`;
      case 'contact': {
        const rows = contactRows(block).map((row) => {
          const value = escapeHtml(oneLine(row.value));
          const shown = row.href ? `<a href="${escapeHtml(row.href)}" style="${STYLE.link}">${value}</a>` : value;
          return `${escapeHtml(row.label)}: ${shown}`;
        });
        return `<p style="${STYLE.footer}">${[escapeHtml(block.intro), ...rows].join('<br>')}</p>`;
      }
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
