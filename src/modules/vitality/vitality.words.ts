/** A health judgement's reason in words: the catalogue's sentence for the rules' reason key, filled with its values. */
import { pick } from '../../core/i18n/catalogue';
import type { Messages } from '../../core/i18n/locale';
import type { Reason } from './rules';

export function sayReason(m: Messages, r: Reason): string {
  const said = pick(m.health.reason, r.key, r.values) ?? r.key;
  return r.values.counted === 'going' ? `${said} ${m.health.countedByRsvps}` : said;
}
