import * as z from '../validation/zod';

/**
 * Free text typed by people (names, notes, labels, settings) reaches emails, invitations, the
 * calendar feed and therapists' screens. Control characters in it are never meant: NUL breaks
 * C strings downstream, ESC sequences repaint terminals, CR/LF split a line (or a header) in two.
 * So every free-text field goes through one of these two refinements (decision 31):
 *
 * - single-line text (names, emails, phones, labels, settings) refuses every C0 control
 *   (U+0000–U+001F), DEL (U+007F) and every C1 control (U+0080–U+009F), line breaks included;
 * - multi-line text (a client's note, a cancel reason, a bio, a description, the cancellation
 *   policy), typed into a text area, may also hold line feeds, carriage returns and tabs.
 *
 * Each is the last check of its field (`z.string().check(z.trim(), z.maxLength(100), singleLine)`), so a
 * trimmed field is checked trimmed. test/unit/http/control-characters.test.ts walks every request
 * schema so that no field skips them.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_BUT_LINE_BREAKS_AND_TABS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export const SINGLE_LINE_MESSAGE = 'must not contain control characters or line breaks';
export const MULTI_LINE_MESSAGE = 'must not contain control characters (line breaks and tabs are fine)';

export const singleLine = z.refine<string>((s) => !CONTROL.test(s), SINGLE_LINE_MESSAGE);
export const multiLine = z.refine<string>((s) => !CONTROL_BUT_LINE_BREAKS_AND_TABS.test(s), MULTI_LINE_MESSAGE);

/**
 * A URL in one line. `z.url()` quietly strips tabs and line breaks (as the URL parser does), so a
 * check after it never sees them: the control check has to come first.
 */
export const singleLineUrl = () => z.string().check(singleLine, z.url());

/**
 * An https URL in one line. For what a browser fetches on a client's screen (a therapist's photo):
 * plain http would let anyone on the client's network see (and swap) what a therapy booking page loads.
 */
export const singleLineHttpsUrl = () =>
  singleLineUrl().check(z.refine<string>((s) => s.toLowerCase().startsWith('https://'), 'must be an https:// address'));
