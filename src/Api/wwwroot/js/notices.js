// The notices on top of a role's "Mijn werk": deadlines that came near, made by the hourly sweep (Orleans reminders)
// whether or not anyone looked. A badge counts the unread ones in words; each notice names the application (a link),
// the last day in Dutch date form, how many days are left and what to do; "Gelezen" marks it read for this user only.
// Hooked into a page by an element #notices-box and this module; it needs nothing else of the page's own script.
import { api, el, lang, token } from './app.js';

/** Notices shown at once; the rest is counted. */
const PAGE = 10;

/** English wording of this module's Dutch texts (the Dutch text is the key). */
const EN = {
  'Meldingen': 'Notices', 'ongelezen': 'unread', 'Geen meldingen: er loopt geen termijn af.': 'No notices: no deadline is coming up.',
  'Gelezen': 'Mark read', 'Nieuw': 'New', 'Gezien': 'Seen', 'uiterlijk': 'due', 'vandaag': 'today', 'over': 'in', 'dag': 'day', 'dagen': 'days',
  'te laat sinds': 'overdue since', 'en nog': 'and', 'meldingen': 'more notices', 'Meldingen laden lukte niet': 'Loading the notices failed',
};

/** Per deadline kind: its name and what to do, in Dutch and English (the API's action is Dutch). */
const KINDS = {
  Decision: ['Beslistermijn loopt af', 'Decision term ends', 'Decide on the application or extend the decision term (once)'],
  ObjectionTerm: ['Bezwaartermijn loopt af', 'Objection term ends', 'Lodge an objection if you disagree with the decision'],
  ObjectionDecision: ['Beslissing op bezwaar', 'Decision on the objection due', 'Decide on the objection or extend its term'],
  Accountability: ['Verantwoording', 'Accountability due', 'Submit the accountability with content report and financial statement'],
  Determination: ['Vaststelling', 'Determination due', 'Determine the subsidy'],
  Payment: ['Betaling', 'Payment due', 'Pay the rest or record the repayment'],
  Limitation: ['Laatste dag intrekken of terugvorderen', 'Last day to revoke or reclaim', 'Last chance to revoke the determination or reclaim money'],
  PenaltyRunning: ['Dwangsom gaat lopen', 'Penalty starts running', 'The penalty starts running today: decide as soon as possible'],
  PenaltyDecision: ['Dwangsom vaststellen', 'Penalty to be decided', 'Decide the amount of the penalty'],
};

const en = () => lang() === 'en';
const tr = nl => (en() ? EN[nl] ?? nl : nl);

/** "21 december 2026" (or "21 December 2026" in English). */
export function longDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(en() ? 'en-GB' : 'nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

function when(n) {
  if (n.daysLeft < 0) return `${tr('te laat sinds')} ${longDate(n.due)}`;
  if (n.daysLeft === 0) return `${tr('uiterlijk')} ${longDate(n.due)} (${tr('vandaag')})`;
  return `${tr('uiterlijk')} ${longDate(n.due)} (${tr('over')} ${n.daysLeft} ${tr(n.daysLeft === 1 ? 'dag' : 'dagen')})`;
}

function item(n, reload) {
  const [nl, english, todo] = KINDS[n.kind] ?? [n.kind, n.kind, n.action];
  const read = el('button', { type: 'button', class: 'secondary', id: `notice-read-${n.id}`, onclick: async () => {
    read.disabled = true;
    try { await api(`/api/notices/${encodeURIComponent(n.id)}/read`, { method: 'POST', body: {} }); } finally { await reload(); }
  } }, tr('Gelezen'));
  // Two cells, as the task list below: whether it is new (in words, not colour alone), then what, when and to do.
  return el('li', { 'data-id': n.id, class: n.read ? 'notice read' : 'notice unread' },
    el('span', { class: n.read ? 'when muted' : 'when' }, n.read ? tr('Gezien') : tr('Nieuw')),
    el('div', {},
      el('span', { class: n.daysLeft <= 0 ? 'what late' : 'what' }, `${en() ? english : nl}, ${when(n)}`), ' — ',
      el('a', { href: `/application.html?id=${encodeURIComponent(n.applicationId)}`, translate: 'no' }, n.title),
      el('br'), el('span', { class: 'notice-action' }, en() ? todo : n.action),
      n.read ? '' : [' ', read]));
}

/** Fills #notices-box with the caller's notices; again after one is marked read. */
export async function showNotices(box = document.getElementById('notices-box')) {
  if (!box || !token()) return;
  const reload = () => showNotices(box);
  try {
    const inbox = await api(`/api/notices?pageSize=${PAGE}`);
    const heading = el('h3', { id: 'notices-title' }, `${tr('Meldingen')} `,
      el('span', { class: inbox.unread > 0 ? 'badge badge-act' : 'badge badge-done', id: 'notices-unread' }, `${inbox.unread} ${tr('ongelezen')}`));
    box.replaceChildren(heading, inbox.total === 0
      ? el('p', { id: 'notices-none', class: 'muted' }, tr('Geen meldingen: er loopt geen termijn af.'))
      : el('ol', { class: 'tasks notices', id: 'notices', 'aria-labelledby': 'notices-title' }, inbox.notices.map(n => item(n, reload))),
      inbox.total > inbox.count ? el('p', { class: 'muted' }, `${tr('en nog')} ${inbox.total - inbox.count} ${tr('meldingen')}`) : '');
  } catch (e) {
    box.replaceChildren(el('p', { class: 'error' }, `${tr('Meldingen laden lukte niet')}: ${e.message}`));
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => showNotices());
else showNotices();
