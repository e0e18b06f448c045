// Shared by every page: the token, calls to /api with RFC 9457 problem handling, Dutch formatting and the NL/EN toggle.
// Plain ES module, no dependencies: the pages work without any outside network.

import { EN_MORE } from './en.js';
import { REFUSALS_NL, STEP_NL } from './refusals.js';
import { EN_OBJECTIONS } from './objections-en.js';
import { EN_AUTH, token, who, signOut, sessionExpired } from './auth.js';

const LANG_KEY = 'pvo.lang';

export const REGIONS = [
  ['noord-nederland', 'Noord-Nederland'], ['oost-nederland', 'Oost-Nederland'], ['midden-nederland', 'Midden-Nederland'],
  ['noord-holland', 'Noord-Holland'], ['amsterdam-amstelland', 'Amsterdam-Amstelland'], ['rotterdam', 'Rotterdam'],
  ['den-haag', 'Den Haag'], ['zeeland-west-brabant', 'Zeeland-West-Brabant'], ['oost-brabant', 'Oost-Brabant'], ['limburg', 'Limburg'],
];
export const PROVINCES = ['Groningen', 'Fryslân', 'Drenthe', 'Overijssel', 'Flevoland', 'Gelderland', 'Utrecht', 'Noord-Holland',
  'Zuid-Holland', 'Zeeland', 'Noord-Brabant', 'Limburg'];

// ---- language -------------------------------------------------------------------------------------------------
const EN = {
  'Uitloggen': 'Sign out', 'Aangemeld als': 'Signed in as', 'Taal': 'Language', 'Aanmelden': 'Sign in', 'Rol': 'Role',
  'Regio': 'Region', 'Provincie': 'Province', 'Bereik': 'Scope', 'Gebruiker (optioneel)': 'User (optional)',
  'PVO-manager': 'PVO manager', 'Provinciaal ambtenaar': 'Provincial officer', 'Ministerie': 'Ministry', 'Penningmeester': 'Treasurer',
  'Mijn regio in één oogopslag': 'My region at a glance', 'Jaar': 'Year', 'Bron': 'Source', 'Toegezegd': 'Committed',
  'Betaald': 'Paid', 'Open': 'Open', 'Vrijgevallen': 'Released', 'Terug te betalen': 'To repay', 'Ontvangen': 'Received', 'Te ontvangen': 'Receivable', 'Totaal': 'Total',
  'Aanvragen': 'Applications', 'Binnenkort te doen': 'Due soon', 'Nieuwe aanvraag': 'New application', 'Kenmerk': 'Id',
  'Titel': 'Title', 'Fonds': 'Fund', 'Gevraagd': 'Requested', 'Projectkosten': 'Project costs', 'Thema': 'Theme',
  'Financieringsplan': 'Funding plan', 'Deel': 'Part', 'Bron toevoegen': 'Add source', 'Aanvraag opslaan': 'Save application',
  'Controles': 'Checks', 'Status': 'State', 'Toegekend': 'Granted', 'Termijnen': 'Deadlines', 'Geschiedenis': 'History',
  'Acties': 'Actions', 'Cijfers per bron': 'Figures per source', 'Te verrekenen': 'Payable', 'Terug te vorderen': 'To reclaim',
  'Subsidie': 'Subsidy', 'Niets te doen binnen 14 dagen.': 'Nothing due within 14 days.', 'Geen aanvragen.': 'No applications.',
  'Te beslissen': 'To decide', 'Budget over per fonds': 'Budget left per fund', 'Plafond': 'Ceiling', 'Beschikbaar': 'Available',
  'Reden': 'Reason', 'Bedrag': 'Amount', 'Einddatum': 'End date', 'Verantwoording uiterlijk': 'Accountability due',
  'Verdeling': 'Split', 'Verlenen': 'Grant', 'Afwijzen': 'Reject', 'Informatie vragen': 'Request information',
  'Beoordeling starten': 'Start review', 'Indienen': 'Submit', 'Intrekken': 'Withdraw', 'Verantwoording indienen': 'Submit accountability',
  'Eerste goedkeuring door': 'First approval by', 'wacht op tweede goedkeurder': 'waiting for a second approver',
  'Vier ogen': 'Four eyes', 'Exporteren': 'Export', 'Periode van': 'Period from', 'tot en met': 'to', 'Stand per': 'As of',
  'Dialect': 'Dialect', 'Bestand': 'File', 'Downloaden': 'Download', 'Controleren tegen het grootboek': 'Verify against the ledger',
  'Manifest': 'Manifest', 'Rijen': 'Rows', 'Regio\'s vergeleken': 'Regions compared', 'Scenario\'s': 'Scenarios',
  'Oplosser': 'Solver', 'Per inwoner': 'Per inhabitant', 'Berekenen': 'Compute', 'Bezig…': 'Working…',
  'Wat is PvoFinance?': 'What is PvoFinance?', 'Naar mijn pagina': 'To my page', 'Laden…': 'Loading…',
  'Dit veld is verplicht.': 'This field is required.', 'Aanvraag': 'Application', 'Wanneer': 'When', 'Wie': 'Who', 'Wat': 'What',
  'Niveau': 'Tier', 'Dit is niet geldig': 'This is not valid', 'Dit mag u niet doen': 'You may not do this',
  'Dit bestaat niet (meer)': 'This does not exist (any more)',
  'Dit kan nu niet: de gegevens zijn intussen gewijzigd of de stap is al gezet': 'This cannot be done now: the data changed meanwhile or the step was already taken',
  'Geweigerd: er is niet genoeg budget of een regel staat het niet toe': 'Refused: not enough budget, or a rule does not allow it',
  'De opslag is even niet bereikbaar; probeer het zo opnieuw': 'Storage is briefly unavailable; try again in a moment', 'Inwoners': 'Inhabitants', 'Verantwoording': 'Accountability', 'Resultaten': 'Results',
};
Object.assign(EN, EN_MORE, EN_AUTH, EN_OBJECTIONS);
export function lang() { return localStorage.getItem(LANG_KEY) || 'nl'; }
export function t(nl) { return lang() === 'en' ? (EN[nl] ?? nl) : nl; }
/** Translates every element with data-t (its Dutch text is the key), and sets the html lang. */
export function translate(root = document) {
  document.documentElement.lang = lang();
  for (const el of root.querySelectorAll('[data-t]')) {
    el.textContent = t(el.dataset.t);
  }
}

// ---- formatting (nl-NL by default; amounts always as € 1.234,56) ----------------------------------------------
const money = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** "1234.5" → "€ 1.234,50" (exact for the amounts the API sends: decimal text with two places). */
export function eur(text) {
  if (text === null || text === undefined || text === '') return '';
  const n = Number(text);
  const s = money.format(Math.abs(n));
  return (n < 0 ? '-' : '') + '€ ' + s;
}
/** "2026-11-23" → "23-11-2026". */
export function date(iso) {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso));
  return m ? `${m[3]}-${m[2]}-${m[1]}` : String(iso);
}
/** "23-11-2026" or "2026-11-23" → "2026-11-23" for the API. */
export function isoDate(text) {
  const m = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(text.trim());
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : text.trim();
}
/**
 * An amount as a person in the Netherlands types it → the API's "30000.00"; null when it is no amount. The rule,
 * Dutch first (AMOUNT_RULE says it next to every amount field):
 * - a comma is the decimal sign and dots before it group thousands: "30.000,00", "30000,5", "30.000,-";
 * - without a comma, dots that each stand before exactly three digits group thousands: "30.000" and "1.234" are
 *   thirty thousand and one thousand two hundred and thirty-four, never 30 or 1.234;
 * - otherwise one dot before one or two digits is a decimal point (the API's own form "30000.50");
 * - anything else ("1.2345", "1,2,3", "30.00.0") is refused rather than guessed.
 * Cents are exact (string arithmetic).
 */
export function parseAmount(text) {
  let s = String(text ?? '').trim().replace(/^€\s*/, '').replace(/\s/g, '');
  if (s === '') return null;
  const neg = s.startsWith('-');
  if (neg) s = s.slice(1);
  const grouped = /^\d{1,3}(\.\d{3})+$/;
  let whole, frac;
  if (s.includes(',')) {
    const m = /^([\d.]+),(\d{1,2}|-{1,2})$/.exec(s);
    if (!m || !(/^\d+$/.test(m[1]) || grouped.test(m[1]))) return null;
    whole = m[1].replace(/\./g, ''); frac = m[2].startsWith('-') ? '' : m[2];
  } else if (/^\d+$/.test(s) || grouped.test(s)) {
    whole = s.replace(/\./g, ''); frac = '';
  } else {
    const m = /^(\d+)\.(\d{1,2})$/.exec(s);
    if (!m) return null;
    whole = m[1]; frac = m[2];
  }
  whole = whole.replace(/^0+(?=\d)/, '');
  return `${neg ? '-' : ''}${whole}.${(frac + '00').slice(0, 2)}`;
}
/** The reading rule of amounts, shown next to every amount field (see parseAmount). */
export const AMOUNT_RULE = 'Een punt scheidt duizendtallen, een komma de centen: 30.000 en 30.000,00 zijn dertigduizend, 1.234 is duizendtweehonderdvierendertig.';
/** Amount text → cents as BigInt, exact. */
export function cents(text) {
  const a = parseAmount(text);
  if (a === null) return null;
  const neg = a.startsWith('-');
  const [w, f] = a.replace('-', '').split('.');
  const c = BigInt(w) * 100n + BigInt(f);
  return neg ? -c : c;
}
export function fromCents(c) {
  const neg = c < 0n; const a = neg ? -c : c;
  return (neg ? '-' : '') + (a / 100n).toString() + '.' + (a % 100n).toString().padStart(2, '0');
}

// ---- the token and calls --------------------------------------------------------------------------------------
// Kept by js/auth.js (development tokens or the OIDC code flow); re-exported for the pages.
export { token, who, signIn, signOut } from './auth.js';

/** A refusal of the API: the problem document, with the field it names. */
export class Problem extends Error {
  constructor(status, doc) {
    super(doc?.detail || doc?.title || `HTTP ${status}`);
    this.status = status; this.doc = doc || {}; this.field = this.doc.field || this.doc.extensions?.field || null;
  }
}

/** Calls the API with the bearer token; JSON in and out. Refusals throw a Problem. */
export async function api(path, { method = 'GET', body, headers = {}, raw = false } = {}) {
  const h = { ...headers };
  const tok = token();
  if (tok) h['Authorization'] = `Bearer ${tok}`;
  let payload = body;
  if (body !== undefined && !(body instanceof Blob) && typeof body !== 'string') {
    h['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(path, { method, headers: h, body: payload });
  if (!response.ok) {
    let doc = null;
    try { doc = await response.json(); } catch { /* not JSON */ }
    // A token the API no longer accepts (expired): back to sign-in, which says so.
    if (response.status === 401 && tok) sessionExpired();
    if (response.status === 401) doc = { ...(doc || {}), detail: t('Uw aanmelding is verlopen of ontbreekt; meld u opnieuw aan.') };
    throw new Problem(response.status, doc);
  }
  if (raw) return response;
  if (response.status === 204) return null;
  const type = response.headers.get('content-type') || '';
  return type.includes('json') ? response.json() : response.text();
}

/** Maximum pages listAll reads (200 applications each), so a screen never loops without end. */
const MAX_LIST_PAGES = 50;

/**
 * Every application of a GET /api/applications query: the list answers a page at a time (see `next`), so this
 * follows the pages and joins them into one answer of the same shape.
 */
export async function listAll(path) {
  const sep = path.includes('?') ? '&' : '?';
  let first = null, next = null;
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const doc = await api(`${path}${sep}pageSize=200${next ? `&continuation=${encodeURIComponent(next)}` : ''}`);
    if (first === null) first = doc; else first.applications.push(...doc.applications);
    next = doc.next;
    if (!next) break;
  }
  first.count = first.applications.length;
  return first;
}

/** Clears the errors shown in a form. */
export function clearErrors(form) {
  for (const el of form.querySelectorAll('.error, .error-summary')) el.remove();
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}
/** Shows a message next to the control named by `field` (its name or data-field), or at the form's top. */
export function showError(form, field, message) {
  const p = document.createElement('p');
  p.className = 'error'; p.setAttribute('role', 'alert'); p.textContent = message;
  const control = field && (form.querySelector(`[name="${CSS.escape(field)}"]`)
    || form.querySelector(`[data-field="${CSS.escape(field)}"]`)
    || form.querySelector(`[name="${CSS.escape(field.split(/[.[]/)[0])}"]`));
  if (control) {
    control.setAttribute('aria-invalid', 'true');
    p.id = `${control.id || control.name}-error`;
    const hint = control.dataset.hint ? ` ${control.dataset.hint}` : '';
    control.setAttribute('aria-describedby', p.id + hint);
    control.insertAdjacentElement('afterend', p);
  } else {
    form.prepend(p);
  }
  summarise(form, control, message);
}

/**
 * The error summary at the top of a form: one line per error, each a link to its field, and the focus on the summary
 * so keyboard and screen reader users start from the list of what to put right (the messages also stay by the fields).
 */
function summarise(form, control, message) {
  let box = form.querySelector(':scope > .error-summary');
  if (!box) {
    box = el('div', { class: 'error-summary', tabindex: '-1', 'aria-labelledby': `${form.id || 'form'}-summary-title` },
      el('h3', { id: `${form.id || 'form'}-summary-title` }), el('ul'));
    form.prepend(box);
  }
  const list = box.querySelector('ul');
  const item = el('li');
  if (control && control.id) {
    const link = el('a', { href: `#${control.id}` }, message);
    // Focus the field itself, without the view navigation reading the address's hash.
    link.addEventListener('click', e => { e.preventDefault(); control.focus(); });
    item.append(link);
  } else {
    item.append(message);
  }
  list.append(item);
  const n = list.children.length;
  box.querySelector('h3').textContent = n === 1 ? t('Er is 1 fout in dit formulier') : `${t('Aantal fouten in dit formulier')}: ${n}`;
  box.focus();
}
// What a refusal means, in the user's words, when a problem carries no code the page knows (framework answers).
const STATUS_NL = {
  400: 'Dit is niet geldig', 403: 'Dit mag u niet doen', 404: 'Dit bestaat niet (meer)',
  409: 'Dit kan nu niet: de gegevens zijn intussen gewijzigd of de stap is al gezet', 422: 'Geweigerd: er is niet genoeg budget of een regel staat het niet toe',
  503: 'De opslag is even niet bereikbaar; probeer het zo opnieuw',
};

/**
 * The Dutch wording of every problem `code` the API can answer with (src/Api/Problems/ApiProblems.cs and the grains'
 * refusals); `{veld}` becomes the Dutch label of the problem's `field`. The service's own (English) sentence follows
 * as "Toelichting", because it carries the particulars (the maximum share, what is left). A code missing here falls
 * back to the service's text; tests/PvoFinance.Core.Tests/Web/ProblemWordingTests.cs fails when the API gains a code
 * without a wording here.
 */
export const CODE_NL = {
  Invalid: 'Dit is niet geldig. Controleer {veld}.',
  Forbidden: 'Dit mag u niet doen met uw rol en bereik ({veld}).',
  NotFound: 'Dit bestaat niet (meer): controleer {veld}.',
  Conflict: 'Dit kan nu niet: de gegevens zijn intussen gewijzigd, de stap is al gezet of het bestaat al ({veld}).',
  IdempotencyConflict: 'Dit kenmerk is al eerder gebruikt met een andere inhoud; kies een nieuw kenmerk ({veld}).',
  InBatch: 'Deze betaling zit al in een batch; annuleer die eerst ({veld}).',
  MissingBankDetails: 'Er ontbreken bankgegevens; vul ze eerst in ({veld}).',
  NothingDue: 'Er is niets te betalen dat u in een batch kunt zetten ({veld}).',
  UnknownAccount: 'Geen regio, bron of tussenpersoon heeft deze bankrekening; leg de rekening eerst vast ({veld}).',
  Refused: 'Geweigerd: controleer {veld}.',
  LimitExceeded: 'Geweigerd: dit is meer dan er over is of openstaat. Controleer {veld}.',
  Unbalanced: 'Geweigerd: de boekingen tellen niet op tot nul ({veld}).',
  MixedMemoAndCash: 'Geweigerd: uren in natura en geld kunnen niet in één boeking ({veld}).',
  ReservationClosed: 'Geweigerd: deze reservering is al volledig geboekt of vrijgegeven ({veld}).',
  ExceedsReservation: 'Geweigerd: dit is meer dan er nog gereserveerd is ({veld}).',
  NotReversible: 'Geweigerd: deze boeking kan niet worden teruggedraaid ({veld}).',
  LimitOfJournal: 'Geweigerd: het dagboek heeft zijn maximale omvang bereikt ({veld}).',
  Overflow: 'Geweigerd: het bedrag is te groot om te verwerken ({veld}).',
  TooLarge: 'Het verzoek is te groot ({veld}).',
  UnsupportedMediaType: 'Het verzoek heeft een vorm die de dienst niet leest ({veld}).',
  Unavailable: 'De opslag is even niet bereikbaar; probeer het zo opnieuw met dezelfde gegevens.',
  Internal: 'Er ging iets mis in de dienst; er is niets gewijzigd. Probeer het opnieuw of meld het.',
  StorageRefused: 'Dit dossier is te groot geworden om op te slaan; opnieuw proberen helpt niet. Er is niets gewijzigd; meld het.',
};

// Dutch labels of the fields problems name (the API's member names); indexed fields are built in fieldLabel().
const FIELD_NL = {
  id: 'het kenmerk', name: 'de naam', funder: 'de financier', kind: 'de soort', region: 'de regio', regionId: 'de regio', province: 'de provincie',
  scope: 'het bereik', caller: 'uw aanmelding', sub: 'uw aanmelding', role: 'de rol', user: 'de gebruiker', state: 'de status van de aanvraag',
  body: 'de gegevens', amount: 'het bedrag', amounts: 'de bedragen', requested: 'het gevraagde bedrag', projectCosts: 'de projectkosten',
  realisedCosts: 'de gerealiseerde kosten', title: 'de titel', theme: 'het thema', themes: 'de thema\'s', funding: 'het financieringsplan',
  fundingSource: 'het fonds', source: 'de bron', ceiling: 'het plafond', year: 'het jaar', budget: 'het budget', reason: 'de reden',
  endDate: 'de einddatum', accountabilityDue: 'de verantwoordingsdatum', advances: 'de voorschotten', split: 'de verdeling',
  results: 'de resultaten', auditorStatement: 'de controleverklaring', reference: 'het betalingskenmerk', weeks: 'het aantal weken',
  receiptId: 'het kenmerk van de ontvangst', debtor: 'de betaler', hours: 'het aantal uren', description: 'de omschrijving',
  recordId: 'het kenmerk van de uren', chargeId: 'het kenmerk van de doorbelasting', projectId: 'het project', contributionId: 'het kenmerk van de bijdrage',
  contributor: 'de bijdrager', commitmentId: 'het kenmerk van de toezegging', paymentId: 'het betalingskenmerk', allocationId: 'het kenmerk van de toewijzing',
  levyRate: 'het bedrag per inwoner', overhead: 'het overheadpercentage', hourlyRate: 'het uurtarief', maxCofinancing: 'het maximale aandeel',
  intermediary: 'de tussenpersoon', participants: 'de deelnemende gemeenten', from: 'de begindatum', to: 'de einddatum', asOf: 'de standdatum',
  dialect: 'het dialect', export: 'de export', file: 'het bestand', scenario: 'het scenario', scenarios: 'de scenario\'s', version: 'de versie',
  indexation: 'de indexatie', populationGrowth: 'de bevolkingsgroei', mode: 'de modus', limit: 'het maximum', 'Idempotency-Key': 'het verzoekkenmerk',
  'Content-Type': 'de soort gegevens', valueDate: 'de valutadatum', key: 'het kenmerk', transferId: 'het kenmerk van de overboeking',
  postings: 'de boekingen', action: 'de actie', terms: 'de voorwaarden', note: 'de notitie',
};
/** The Dutch label of a problem's field: "funding[1].amount" → "deel 2 (bedrag) van het financieringsplan". */
export function fieldLabel(field) {
  if (!field) return 'de gegevens';
  let m = /^(funding|split|postings|advances)\[(\d+)\]\.?(\w*)$/.exec(field);
  if (m) {
    const whole = { funding: 'het financieringsplan', split: 'de verdeling', postings: 'de boekingen', advances: 'de voorschotten' }[m[1]];
    const part = { amount: ' (bedrag)', source: ' (bron)', account: ' (rekening)', on: ' (datum)' }[m[3]] ?? '';
    return `deel ${Number(m[2]) + 1}${part} van ${whole}`;
  }
  m = /^amounts\.(\d{4})$/.exec(field);
  if (m) return `het bedrag voor ${m[1]}`;
  m = /^perInhabitant\.(\w+)$/.exec(field);
  if (m) return `het bedrag per inwoner (${m[1]})`;
  return FIELD_NL[field] ?? FIELD_NL[field.split(/[.[]/)[0]] ?? `het veld „${field}”`;
}
/** The text of a refusal for the page's language: Dutch per code (with the field's label) and the service's words after it; English pages show the service's text. */
export function problemText(error) {
  const code = error.doc?.code ?? error.doc?.extensions?.code;
  if (lang() === 'en' || error.status === 401) return error.message;
  const wording = code && CODE_NL[code];
  if (!wording) {
    const lead = STATUS_NL[error.status];
    return lead ? `${lead}. ${error.message}` : error.message;
  }
  const nl = wording.replace('{veld}', fieldLabel(error.field));
  return error.message && error.message !== error.doc?.title ? `${nl} Toelichting: ${particulars(error.message)}` : nl;
}

/** Names the page knows by id (funds and sources from fillOptions, municipalities by CBS code), for refusals. */
export const NAMES = new Map();
const named = id => NAMES.get(id) ?? (REGIONS.find(r => r[0] === id)?.[1]) ?? id;
const pctNl = p => `${Number(p).toLocaleString('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %`;
const escapeRe = s => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Each of the service's sentences as a pattern: `{}` takes any value; a sentence that ends in ": " goes on with another.
// The most specific first (the most fixed text), so "{} is required." never takes a sentence that has its own wording.
const WORDINGS = REFUSALS_NL.map(([en, nl]) => {
  const open = en.endsWith(': ');
  const re = new RegExp(`^${en.split('{}').map(escapeRe).join('(.+?)')}${open ? '(.*)' : ''}$`, 's');
  return { re, nl, open, fixed: en.replace(/\{\}/g, '').length };
}).sort((a, b) => b.fixed - a.fixed);
/** One value of a refusal in the page's words: amounts in euros, dates dd-mm-jjjj, ids as names, a sentence worded in turn. */
function wordValue(raw, kind) {
  const v = String(raw).replace(/^'(.*)'$/s, '$1');
  switch (kind) {
    case 'raw': return v;
    case 'pct': return pctNl(v);
    case 'state': return stateText(v).toLowerCase();
    case 'trigger': return STEP_NL[v] ?? v;
    case 'field': return fieldLabel(v);
    case 'scope': return scopeName(v);
    case 'theme': return raw === 'not given' ? 'het project heeft geen thema' : `het thema van het project is ${v}`;
    default: break;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return date(v);
  if (/^-?\d+\.\d{2}$/.test(v)) return eur(v);
  if (NAMES.has(v) || REGIONS.some(r => r[0] === v)) return named(v);
  if (v === 'national' || /^(province|region):/.test(v)) return scopeName(v);
  if (/\s/.test(v) && /[.:]$/.test(v)) return particulars(v);
  return v;
}
/**
 * The particulars of a refusal in Dutch: every sentence the service refuses with has its Dutch wording in
 * js/refusals.js, filled with the values of this refusal (€ amounts, dd-mm-jjjj dates, names instead of ids, no account
 * names). A sentence without one (a framework's) stays as written, with its machine dates turned to dd-mm-jjjj.
 */
export function particulars(text) {
  const s = String(text ?? '').trim();
  for (const w of WORDINGS) {
    const m = w.re.exec(s);
    if (!m) continue;
    const values = m.slice(1, w.open ? -1 : undefined);
    const nl = w.nl.replace(/\{(\d+)(?::(\w+))?\}/g, (_, i, kind) => wordValue(values[Number(i)] ?? '', kind));
    const said = w.open ? nl + particulars(m[m.length - 1]) : nl;
    return said.charAt(0).toUpperCase() + said.slice(1);
  }
  return s.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_, y, mo, d) => `${d}-${mo}-${y}`);
}
/** Shows a Problem (or any error) in a form, next to its field: in Dutch per code on Dutch pages, the service's text on English ones. */
export function showProblem(form, error) {
  if (error instanceof Problem) {
    showError(form, error.field, problemText(error));
  } else {
    showError(form, null, String(error?.message || error));
  }
}

/** The common header: who is signed in, the language toggle, sign out. Sends to / when there is no token. */
export function header({ requireRole } = {}) {
  const me = who();
  if (requireRole && (!token() || !me || me.role !== requireRole)) { toSignIn(); return null; }
  const bar = document.getElementById('bar');
  if (bar) {
    bar.innerHTML = '';
    const home = el('a', { href: '/', class: 'brand' }, 'PvoFinance');
    bar.append(home);
    if (me) bar.append(el('span', { class: 'who', id: 'who' }, `${t('Aangemeld als')} ${me.label}`));
    const langLabel = el('label', { for: 'lang' }, t('Taal'));
    const select = el('select', { id: 'lang' }, el('option', { value: 'nl' }, 'Nederlands'), el('option', { value: 'en' }, 'English'));
    select.value = lang();
    select.addEventListener('change', () => { localStorage.setItem(LANG_KEY, select.value); location.reload(); });
    bar.append(langLabel, select);
    if (me) {
      const out = el('button', { type: 'button', id: 'sign-out' }, t('Uitloggen'));
      out.addEventListener('click', signOut);
      bar.append(out);
    }
  }
  translate();
  return me;
}

/**
 * Sends a person who is not signed in (or not in the page's role) to the sign-in page with this address as `next`,
 * so a link to an application or a view survives the sign-in (js/index.js and js/callback.js go on to it).
 */
export function toSignIn() {
  const here = location.pathname + location.search + location.hash;
  location.href = here === '/' ? '/' : `/?next=${encodeURIComponent(here)}`;
}
/**
 * Where to go after signing in: `next` when it is a page of this service the role may open (an application page, or
 * the role's own page with its view), else the role's page. Anything else (another site, //host) is ignored.
 */
export function afterSignIn(role, next) {
  const home = pageOf(role);
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return home;
  const path = next.split(/[?#]/)[0];
  return path === '/application.html' || path === home ? next : home;
}

/** A tiny element builder: el('td', {class:'x'}, 'text', child). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}

/** Fills a select with items (funding sources, scenarios) by name (the id is the value), keeping the chosen one while it is still offered. */
export function fillOptions(select, items) {
  for (const x of items) if (x.name) NAMES.set(x.id, x.name);
  const keep = select.value;
  select.replaceChildren(...items.map(x => el('option', { value: x.id }, x.name || x.id)));
  if (keep && items.some(x => x.id === keep)) select.value = keep;
}

/**
 * A table from rows: cols = [[heading, row => cell, 'num'?]], in a box of its own that scrolls sideways when the
 * table is wider than the screen (the page itself never does). `rowId` gives each row a data-id (the row's id, for
 * links and tests) without showing it.
 */
export function table(cols, rows, attrs = {}, { rowId } = {}) {
  const box = el('div', { class: 'table-box', tabindex: '0', role: 'region', 'aria-label': attrs['aria-label'] ?? null });
  box.append(el('table', attrs,
    el('thead', {}, el('tr', {}, cols.map(([h, , cls]) => el('th', { scope: 'col', class: cls }, t(h))))),
    el('tbody', {}, rows.map(r => el('tr', { 'data-id': rowId ? rowId(r) : null }, cols.map(([, f, cls]) => el('td', { class: cls }, f(r))))))));
  return box;
}

/** Today in Amsterdam as yyyy-mm-dd. */
export function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}
/** Days after today as yyyy-mm-dd. */
export function dayPlus(days) {
  const d = new Date(today() + 'T12:00:00Z'); d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The page of a role. */
export function pageOf(role) {
  return { 'pvo-manager': '/manager.html', 'provincial-officer': '/officer.html', 'ministry': '/ministry.html', 'treasurer': '/treasurer.html' }[role] || '/';
}

/** A horizontal SVG bar chart: items = [{label, value}], values as numbers. */
export function barChart(items, { title, format = v => String(v), width = 640 } = {}) {
  const ns = 'http://www.w3.org/2000/svg';
  const rowH = 22, labelW = 190, valueW = 120;
  const max = Math.max(1e-9, ...items.map(i => Math.abs(i.value)));
  const svg = document.createElementNS(ns, 'svg');
  const h = items.length * rowH + 8;
  // The viewBox keeps the drawing's proportions; CSS (svg.chart) lets it take the width it is given, up to its own.
  svg.setAttribute('viewBox', `0 0 ${width} ${h}`); svg.setAttribute('class', 'chart'); svg.style.maxWidth = `${width}px`;
  svg.setAttribute('role', 'img'); if (title) svg.setAttribute('aria-label', title);
  items.forEach((item, i) => {
    const y = 4 + i * rowH;
    const text = document.createElementNS(ns, 'text');
    text.setAttribute('x', 0); text.setAttribute('y', y + 15); text.textContent = item.label; svg.append(text);
    const bar = document.createElementNS(ns, 'rect');
    const w = Math.max(1, Math.abs(item.value) / max * (width - labelW - valueW));
    bar.setAttribute('x', labelW); bar.setAttribute('y', y + 3); bar.setAttribute('width', w); bar.setAttribute('height', rowH - 6);
    bar.setAttribute('class', item.value < 0 ? 'bar neg' : 'bar'); svg.append(bar);
    const val = document.createElementNS(ns, 'text');
    val.setAttribute('x', labelW + w + 6); val.setAttribute('y', y + 15); val.textContent = format(item.value); svg.append(val);
  });
  return withTable(svg, items, title, format);
}

let chartCount = 0;
/**
 * A chart and its figures as a table: the table is read by a screen reader (it is only visually hidden) and shown to
 * anyone with the "Toon als tabel" button, so the figures never live in a drawing alone (WCAG 1.1.1, 1.3.1).
 */
function withTable(svg, items, title, format) {
  const id = `chart-table-${++chartCount}`;
  const box = el('div', { class: 'chart-box' });
  const tbl = el('table', { id, class: 'chart-table sr-only' },
    title ? el('caption', {}, title) : null,
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('Omschrijving')), el('th', { scope: 'col', class: 'num' }, t('Waarde')))),
    el('tbody', {}, items.map(i => el('tr', {}, el('th', { scope: 'row' }, i.label), el('td', { class: 'num' }, format(i.value))))));
  const toggle = el('button', { type: 'button', class: 'chart-toggle', 'aria-controls': id, 'aria-expanded': 'false' }, t('Toon als tabel'));
  toggle.addEventListener('click', () => {
    const shown = tbl.classList.toggle('sr-only') === false;
    toggle.setAttribute('aria-expanded', String(shown));
    toggle.textContent = t(shown ? 'Verberg de tabel' : 'Toon als tabel');
  });
  box.append(svg, toggle, el('div', { class: 'table-box' }, tbl));
  return box;
}

const STATE_NL = {
  Draft: 'Concept', Submitted: 'Ingediend', UnderReview: 'In behandeling', InformationRequested: 'Informatie gevraagd',
  Granted: 'Verleend', AmendmentRequested: 'Wijziging gevraagd', AccountabilitySubmitted: 'Verantwoording ingediend',
  Determined: 'Vastgesteld', Settled: 'Afgewikkeld', Rejected: 'Afgewezen', Withdrawn: 'Ingetrokken', Revoked: 'Ingetrokken door het fonds', Closed: 'Gesloten',
};
const STATE_EN = { Draft: 'Draft', Submitted: 'Submitted', UnderReview: 'Under review', InformationRequested: 'Information requested',
  Granted: 'Granted', AmendmentRequested: 'Amendment requested', AccountabilitySubmitted: 'Accountability submitted', Determined: 'Determined',
  Settled: 'Settled', Rejected: 'Rejected', Withdrawn: 'Withdrawn', Revoked: 'Revoked', Closed: 'Closed' };
/** An application state in words. */
export function stateText(s) { return (lang() === 'en' ? STATE_EN[s] : STATE_NL[s]) ?? s; }
// Badge colours by what a state means for the person; the word is always there, so colour is never the only sign.
const STATE_TONE = { Draft: 'draft', Submitted: 'wait', UnderReview: 'wait', InformationRequested: 'act', AmendmentRequested: 'act',
  Granted: 'good', AccountabilitySubmitted: 'wait', Determined: 'good', Settled: 'done', Closed: 'done', Rejected: 'bad', Withdrawn: 'done', Revoked: 'bad' };
/** An application state as a badge with its text. */
export function stateBadge(s) { return el('span', { class: `badge badge-${STATE_TONE[s] ?? 'wait'}` }, stateText(s)); }

/** A region's name ("limburg" → "Limburg"). */
export function regionName(id) { return REGIONS.find(r => r[0] === id)?.[1] ?? id; }
/** A scope in words: "national" → "Landelijk", "province:Limburg" → "Provincie Limburg", "region:limburg" → "Regio Limburg". */
export function scopeName(scope) {
  if (!scope || scope === 'national') return t('Landelijk');
  const [kind, id] = String(scope).split(':');
  if (kind === 'province') return `${t('Provincie')} ${id}`;
  if (kind === 'region') return `${t('Regio')} ${regionName(id)}`;
  return scope;
}
/** An owner of funds in words: "national" → "Rijk", "province:Limburg" → "Provincie Limburg", "region:x" → the region's name. */
export function ownerName(owner) { return owner === 'national' ? t('Rijk') : scopeName(owner); }

/**
 * An id proposed from a title: lower case, accents dropped, anything but a-z and 0-9 a dash, at most 60 characters
 * ("Keurmerk Venlo 2026" → "keurmerk-venlo-2026"), so a person need not invent one. `taken` ids get -2, -3, ….
 */
export function slug(text, taken = []) {
  const base = String(text ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 56).replace(/-+$/, '');
  if (!base) return '';
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; n < 1000; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
  return base;
}
/**
 * Proposes the id field's value from the given fields while the person has not typed an id of their own: the id
 * follows the title until it is edited by hand. `taken()` lists ids already in use.
 */
export function proposeId(idInput, fromInputs, { taken = () => [], prefix = '' } = {}) {
  idInput.dataset.proposed = 'true';
  const propose = () => {
    if (idInput.dataset.proposed !== 'true' || idInput.readOnly) return;
    const text = fromInputs.map(i => i.value.trim()).filter(Boolean).join(' ');
    idInput.value = text ? slug(`${prefix}${text}`, taken()) : '';
  };
  for (const i of fromInputs) i.addEventListener('input', propose);
  idInput.addEventListener('input', () => { idInput.dataset.proposed = idInput.value.trim() === '' ? 'true' : 'false'; });
  idInput.form?.addEventListener('reset', () => { idInput.dataset.proposed = 'true'; });
  return propose;
}

/**
 * Says what an action did in a banner at the top of the page and moves the focus there, so the person (and a screen
 * reader) hears the outcome at once instead of finding it under a form further down.
 */
export function announce(text, { tone = 'ok' } = {}) {
  let banner = document.getElementById('banner');
  if (!banner) {
    banner = el('div', { id: 'banner', role: 'status', tabindex: '-1' });
    document.querySelector('main')?.prepend(banner);
  }
  banner.className = `banner banner-${tone}`;
  banner.textContent = text;
  banner.hidden = false;
  banner.focus();
}

/** Says what an action did next to its form (for whoever looks there) and in the banner at the top, which takes the focus. */
export function say(target, text) {
  target.textContent = text;
  announce(text);
}

/**
 * One page, several views: each section carries data-view, the navigation (nav#views, links to #view) shows one at a
 * time. The address's hash names the view, or an element inside one (e.g. #new-title), so links and reloads land on
 * the same view; without a hash the first view (the person's work) shows.
 */
export function views() {
  const nav = document.getElementById('views');
  nav.setAttribute('aria-label', t('Onderdelen van de pagina'));
  const names = [...nav.querySelectorAll('a')].map(a => a.getAttribute('href').slice(1));
  const show = (initial) => {
    const hash = decodeURIComponent(location.hash.slice(1));
    const target = hash && !names.includes(hash) ? document.getElementById(hash) : null;
    const view = names.includes(hash) ? hash : target?.closest('[data-view]')?.dataset.view ?? names[0];
    for (const s of document.querySelectorAll('[data-view]')) s.hidden = s.dataset.view !== view;
    for (const a of nav.querySelectorAll('a')) {
      if (a.getAttribute('href') === `#${view}`) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    }
    if (target) target.scrollIntoView();
    else if (!initial) {
      // A view chosen in the navigation: its first heading takes the focus, so keyboard and screen reader start there.
      const heading = document.querySelector(`[data-view="${view}"] h2`);
      if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus(); }
      window.scrollTo(0, 0);
    }
  };
  window.addEventListener('hashchange', () => {
    // The banner told of an action in the view just left.
    const banner = document.getElementById('banner');
    if (banner) banner.hidden = true;
    show(false);
  });
  show(true);
}


// ---- on every page: a skip link and the reading rule next to amount fields -----------------------------------
/** The link "Naar de inhoud" before the header, so a keyboard user passes the header and navigation in one step. */
function skipLink() {
  const main = document.querySelector('main');
  if (!main || document.getElementById('skip')) return;
  if (!main.id) main.id = 'inhoud';
  main.setAttribute('tabindex', '-1');
  const link = el('a', { id: 'skip', class: 'skip', href: `#${main.id}` }, t('Naar de inhoud'));
  // Focus the content without changing the address: the role pages read the hash as the view to show.
  link.addEventListener('click', e => { e.preventDefault(); main.focus(); main.scrollIntoView(); });
  document.body.prepend(link);
}

/**
 * Every amount field (data-amount) gets the reading rule under it, and while typing, how the page reads the entry
 * ("Gelezen als € 30.000,00"), so an ambiguous "1.234" is never a surprise.
 */
function amountHint(input) {
  if (input.dataset.hint) return;
  const id = `${input.id || input.name}-hint`;
  const hint = el('small', { id, class: 'hint', 'aria-live': 'polite' });
  const rule = t(AMOUNT_RULE);
  const show = () => {
    const raw = input.value.trim();
    const a = raw ? parseAmount(raw) : null;
    hint.textContent = raw === '' ? rule : a === null ? `${t('Geen bedrag volgens de regel')}: ${rule}` : `${t('Gelezen als')} ${eur(a)}`;
  };
  input.dataset.hint = id;
  input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
  input.insertAdjacentElement('afterend', hint);
  for (const ev of ['input', 'change', 'focus']) input.addEventListener(ev, show);
  input.form?.addEventListener('reset', () => setTimeout(show));
  show();
}
function amountHints(root) {
  if (root.matches?.('input[data-amount]')) amountHint(root);
  for (const i of root.querySelectorAll?.('input[data-amount]') ?? []) amountHint(i);
}
if (typeof document !== 'undefined' && document.body) {
  skipLink();
  amountHints(document);
  new MutationObserver(records => { for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1) amountHints(n); })
    .observe(document.body, { childList: true, subtree: true });
}
