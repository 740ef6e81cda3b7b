import { editDistance, suggestEmail } from '../../../widget/src/email-typos';

describe('email typo hints', () => {
  test.each([
    ['name@gmial.con', 'name@gmail.com'],
    ['Name.Surname@hotmial.com', 'Name.Surname@hotmail.com'],
    ['a@yaho.com', 'a@yahoo.com'],
    ['a@outlok.com', 'a@outlook.com'],
    ['a@iclod.com', 'a@icloud.com'],
    ['a@gmail.co', 'a@gmail.com'],
    ['a@gnail.com', 'a@gmail.com'],
    ['a@hotmail.cmo', 'a@hotmail.com'],
    ['a@yahoo.ocm', 'a@yahoo.com'],
    ['a@aol.co', 'a@aol.com'],
    ['a@me.co', 'a@me.com'],
    // A .com slip on a domain we do not know is still a slip.
    ['a@my-company.con', 'a@my-company.com'],
    [' a@GMAIL.CON ', 'a@gmail.com'],
  ])('%s → %s', (typed, meant) => expect(suggestEmail(typed)).toBe(meant));

  test.each([
    'a@gmail.com', 'a@example.com', 'a@mail.com', 'a@gmx.de', 'a@web.de', 'a@proton.me', 'a@yahoo.co.uk',
    // Short names are close to too much: one edit at most, so a real domain is not "corrected".
    'a@mx.com', 'a@aim.com', 'a@example.co',
    // Not addresses (the form's own check says so): no hint.
    'a@', '@gmail.con', 'plain text', '',
  ])('no hint for %p', (typed) => expect(suggestEmail(typed)).toBeUndefined());

  test('edit distance counts a swap of neighbours as one edit', () => {
    expect(editDistance('gmial.com', 'gmail.com')).toBe(1);
    expect(editDistance('gmial.con', 'gmail.com')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});
