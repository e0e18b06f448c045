// "Bankafschrift inlezen" on the treasurer's page (docs/banking.md, "Statements and matching"): a statement file from
// the bank (camt.053 or MT940) is read, its certain matches booked at once; the page shows the lines grouped as booked,
// proposed (confirm) and not matched (assign to an open receivable, chosen by name), and the account's reconciliation.
// Its words in English live here, not in en.js.
import { api, el, eur, t, lang, date, table, showError, Problem, particulars, announce } from './app.js';

const EN_STATEMENTS = {
  'Bankafschrift inlezen': 'Import bank statement',
  'Lees het afschrift van de bank in (camt.053 of MT940). Wat zeker bij een openstaande vordering of een betaling uit een batch hoort, wordt meteen geboekt; hetzelfde afschrift nog eens inlezen boekt niets dubbel.':
    'Import the bank\'s statement (camt.053 or MT940). What surely belongs to an open receivable or a batch payment is booked at once; importing the same statement again books nothing twice.',
  'Afschrift (bestand)': 'Statement (file)', 'Formaat': 'Format', 'Herkennen uit het bestand': 'Recognise from the file', 'Inlezen': 'Import',
  'Kies eerst een bestand.': 'Choose a file first.', 'Afschrift ingelezen': 'Statement imported', 'Dit afschrift was al ingelezen; er is niets dubbel geboekt.': 'This statement was imported before; nothing was booked twice.',
  'Rekening': 'Account', 'Periode': 'Period', 'Beginsaldo': 'Opening balance', 'Eindsaldo': 'Closing balance',
  'Gekoppeld': 'Matched', 'Voorgesteld': 'Proposed', 'Niet gekoppeld': 'Unmatched', 'Geboekt': 'Booked', 'Te veel betaald (terug te betalen)': 'Overpaid (to refund)',
  'Gekoppeld en geboekt': 'Matched and booked', 'Voorstellen om te bevestigen': 'Proposals to confirm', 'Niet gekoppeld: toewijzen': 'Unmatched: assign',
  'Regel': 'Line', 'Datum': 'Date', 'Bedrag': 'Amount', 'Tegenpartij': 'Counterparty', 'Kenmerk': 'Reference', 'Toelichting': 'Explanation',
  'Hoort bij': 'Belongs to', 'Actie': 'Action', 'Bevestigen': 'Confirm', 'Toewijzen': 'Assign', 'Kies een vordering': 'Choose a receivable',
  'Geen regels.': 'No lines.', 'Regel bevestigd en geboekt': 'Line confirmed and booked', 'Regel toegewezen en geboekt': 'Line assigned and booked',
  'Alleen een bijschrijving kan aan een vordering worden toegewezen.': 'Only a credit can be assigned to a receivable.',
  'Aansluiting met het grootboek': 'Reconciliation with the ledger', 'Volgens de bank': 'According to the bank', 'Volgens het grootboek': 'According to the ledger',
  'Verschil': 'Difference', 'Nog niet geboekt': 'Not booked yet', 'Sluit aan': 'Reconciles', 'Sluit niet aan: onverklaard': 'Does not reconcile: unexplained',
  'Eerder ingelezen afschriften': 'Statements imported before', 'Openen': 'Open', 'Nog geen afschriften.': 'No statements yet.', 'bij': 'in', 'af': 'out',
};
const tt = nl => (lang() === 'en' ? (EN_STATEMENTS[nl] ?? t(nl)) : nl);
const field = (id, label, control) => el('div', { class: 'field' }, el('label', { for: id }, tt(label)), control);
// A refused file names the place ("line 12", "entry 3"), the field and the reason; on a Dutch page each is worded on its
// own, since the service's detail joins them into one English sentence.
const dutchProblem = error => {
  const d = error.doc || {};
  const reason = d.errors?.[d.field ?? 'file']?.[0];
  if (!d.location || !reason) return particulars(error.message);
  return `${particulars(d.location)}, ${particulars(d.field)}: ${particulars(reason)}`;
};
const problem = (form, error) => showError(form, error instanceof Problem ? error.field : null,
  error instanceof Problem && lang() !== 'en' ? dutchProblem(error) : String(error?.message || error));
// The matcher's account of a line is the service's sentence: worded in Dutch on a Dutch page, like a refusal.
const reasonOf = l => (l.reason == null ? '' : lang() === 'en' ? l.reason : particulars(l.reason));
const signed = l => `${l.direction === 'credit' ? '+' : '−'} ${eur(l.amount)}`;

/** Fills `section` with the import screen; returns a refresh of the list of statements. */
export function statements(section) {
  const file = el('input', { id: 'stmt-file', name: 'file', type: 'file', accept: '.xml,.940,.sta,.txt,application/xml,text/plain' });
  const format = el('select', { id: 'stmt-format', name: 'format' },
    el('option', { value: '' }, tt('Herkennen uit het bestand')), el('option', { value: 'camt053' }, 'camt.053'), el('option', { value: 'mt940' }, 'MT940'));
  const form = el('form', { id: 'stmt-form', novalidate: true },
    el('div', { class: 'row' }, field('stmt-file', 'Afschrift (bestand)', file), field('stmt-format', 'Formaat', format)),
    el('button', { type: 'submit', id: 'stmt-import' }, tt('Inlezen')));
  const result = el('div', { id: 'stmt-result' });
  const list = el('div', { id: 'stmt-list' });
  section.replaceChildren(el('h2', { id: 'statements-title' }, tt('Bankafschrift inlezen')),
    el('p', { class: 'muted' }, tt('Lees het afschrift van de bank in (camt.053 of MT940). Wat zeker bij een openstaande vordering of een betaling uit een batch hoort, wordt meteen geboekt; hetzelfde afschrift nog eens inlezen boekt niets dubbel.')),
    form, result, el('h3', {}, tt('Eerder ingelezen afschriften')), list);

  async function show(view, note) {
    const s = view.statement;
    const receivables = view.receivables ?? (await api(`/api/bank/statements/${encodeURIComponent(s.statementId)}`)).receivables ?? [];
    const group = state => view.lines.filter(l => l.state === state);
    const cols = [['Regel', l => String(l.number), 'num'], ['Datum', l => date(l.bookingDate)], ['Bedrag', signed, 'num'],
      ['Tegenpartij', l => [l.counterparty, l.counterpartyIban].filter(Boolean).join(' · ')], ['Kenmerk', l => l.creditorReference ?? l.endToEndId ?? l.remittance ?? '']];
    const grid = (id, rows, extra) => rows.length ? table([...cols, ...extra].map(([h, f, c]) => [tt(h), f, c]), rows, { id }, { rowId: l => String(l.number) })
      : el('p', { class: 'muted', id }, tt('Geen regels.'));
    const confirm = l => el('button', { type: 'button', id: `stmt-confirm-${l.number}`, onclick: () => decide(s.statementId, l.number, 'confirm', {}, 'Regel bevestigd en geboekt') }, tt('Bevestigen'));
    const assign = l => {
      if (l.direction !== 'credit') return tt('Alleen een bijschrijving kan aan een vordering worden toegewezen.');
      const choose = el('select', { id: `stmt-receivable-${l.number}`, 'aria-label': tt('Kies een vordering') },
        el('option', { value: '' }, tt('Kies een vordering')),
        receivables.map(r => el('option', { value: r.id }, `${r.name} ${r.year} (${eur(r.outstanding)})`)));
      return el('span', {}, choose, ' ', el('button', { type: 'button', id: `stmt-assign-${l.number}`,
        onclick: () => choose.value && decide(s.statementId, l.number, 'assign', { receivable: choose.value }, 'Regel toegewezen en geboekt') }, tt('Toewijzen')));
    };
    const rec = await api(`/api/bank/accounts/${encodeURIComponent(s.account)}/reconciliation`).catch(() => null);
    result.replaceChildren(
      el('h3', {}, `${tt('Rekening')} ${s.accountGrouped}`),
      note ? el('p', { role: 'status', id: 'stmt-note' }, note) : '',
      el('p', { id: 'stmt-counts' }, `${tt('Gekoppeld')}: ${s.counts.matched} · ${tt('Voorgesteld')}: ${s.counts.proposed} · ${tt('Niet gekoppeld')}: ${s.counts.unmatched} · ${tt('Geboekt')}: ${s.booked}`),
      el('p', { class: 'muted' }, `${tt('Periode')}: ${date(s.openingDate)} – ${date(s.closingDate)} · ${tt('Beginsaldo')} ${eur(s.opening)} · ${tt('Eindsaldo')} ${eur(s.closing)}`
        + (s.overpaid !== '0.00' ? ` · ${tt('Te veel betaald (terug te betalen)')}: ${eur(s.overpaid)}` : '')),
      el('h4', {}, tt('Gekoppeld en geboekt')), grid('stmt-matched', group('matched'), [['Hoort bij', l => l.target ?? ''], ['Toelichting', l => reasonOf(l)]]),
      el('h4', {}, tt('Voorstellen om te bevestigen')), grid('stmt-proposed', group('proposed'), [['Hoort bij', l => receivables.find(r => r.id === l.target)?.name ?? l.target ?? ''], ['Actie', confirm]]),
      el('h4', {}, tt('Niet gekoppeld: toewijzen')), grid('stmt-unmatched', group('unmatched'), [['Toelichting', l => reasonOf(l)], ['Actie', assign]]),
      rec ? el('div', { id: 'stmt-reconciliation' }, el('h4', {}, tt('Aansluiting met het grootboek')),
        el('p', {}, `${tt('Volgens de bank')} ${eur(rec.statement)} · ${tt('Volgens het grootboek')} ${eur(rec.ledger)} · ${tt('Verschil')} ${eur(rec.difference)} · ${tt('Nog niet geboekt')} ${eur(rec.unmatched)} · `
          + (rec.reconciles ? tt('Sluit aan') : `${tt('Sluit niet aan: onverklaard')} ${eur(rec.unexplained)}`))) : '');
  }

  async function decide(id, line, action, body, done) {
    try {
      const view = await api(`/api/bank/statements/${encodeURIComponent(id)}/lines/${line}/${action}`, { method: 'POST', body });
      announce(tt(done));
      await show(view, tt(done));
      await refresh();
    } catch (e) { problem(form, e); }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) { showError(form, 'file', tt('Kies eerst een bestand.')); return; }
    try {
      const response = await api(`/api/bank/statements${format.value ? `?format=${format.value}` : ''}`, { method: 'POST', body: chosen, raw: true });
      const view = await response.json();
      await show(view, response.status === 201 ? tt('Afschrift ingelezen') : tt('Dit afschrift was al ingelezen; er is niets dubbel geboekt.'));
      await refresh();
    } catch (e) { problem(form, e); }
  });

  async function refresh() {
    try {
      const page = await api('/api/bank/statements?limit=20');
      list.replaceChildren(page.items.length ? table([
        [tt('Rekening'), s => s.accountGrouped], [tt('Periode'), s => `${date(s.openingDate)} – ${date(s.closingDate)}`],
        [tt('Eindsaldo'), s => eur(s.closing), 'num'], [tt('Gekoppeld'), s => String(s.counts.matched), 'num'],
        [tt('Voorgesteld'), s => String(s.counts.proposed), 'num'], [tt('Niet gekoppeld'), s => String(s.counts.unmatched), 'num'],
        [tt('Actie'), s => el('button', { type: 'button', class: 'secondary', onclick: async () => show(await api(`/api/bank/statements/${encodeURIComponent(s.statementId)}`)) }, tt('Openen'))],
      ], page.items, { id: 'stmt-table' }, { rowId: s => s.statementId }) : el('p', { class: 'muted' }, tt('Nog geen afschriften.')));
    } catch (e) { list.replaceChildren(el('p', { class: 'muted' }, String(e?.message || e))); }
  }
  return refresh;
}
