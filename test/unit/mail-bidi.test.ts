/**
 * Mail in a right-to-left language: the HTML says its direction, and every value set into a text
 * is a bidi isolate, so a Latin title or name keeps its order inside Hebrew sentences. Left-to-right
 * languages get the values as they are.
 */
import t from 'tap';
import { mailLocale, templates } from '../../src/mail/templates';

const info = { name: 'Dana Levi', url: 'https://brownbag.example/sign-in/link?token=x', minutes: 15 };

t.test('Hebrew mail: rtl, values isolated', async (t) => {
  const r = templates.signInLink(mailLocale('he'), info);
  t.match(r.html, /<html lang="he" dir="rtl">/);
  t.match(r.text, '\u2068Dana Levi\u2069');
  t.match(r.html, '<a href="https://brownbag.example/sign-in/link?token=x">', 'the link is a link');
});

t.test('English mail: ltr, values as they are', async (t) => {
  const r = templates.signInLink(mailLocale('en'), info);
  t.match(r.html, /<html lang="en" dir="ltr">/);
  t.match(r.text, /^Hi Dana Levi,/);
  t.notMatch(r.text, '\u2068');
});
