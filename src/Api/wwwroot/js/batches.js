// "Betalingen klaarzetten" on the treasurer's page (docs/banking.md, "Payment batches"): what is due by a date, chosen
// with checkboxes, made into a SEPA batch (pain.001) for the bank; the batches with their state, a download and a
// cancel behind a confirmation that says what is released. Its words in English live here, not in en.js.
import { api, el, eur, t, lang, date, isoDate, today, table, clearErrors, showError, Problem, particulars, announce, regionName, fromCents } from './app.js';

const EN_BATCHES = {
  'Betalingen klaarzetten': 'Prepare payments',
  'Kies wat betaald moet worden; de dienst maakt er een SEPA-batch van (pain.001) om bij de bank aan te bieden. De bedragen zijn dan gereserveerd, zodat ze niet in een tweede batch komen. Betaald zijn ze pas als het bankafschrift de betaling laat zien.':
    'Choose what is to be paid; the service makes a SEPA batch (pain.001) of it to hand to the bank. The amounts are then reserved, so they cannot go into a second batch. They count as paid only once the bank statement shows the payment.',
  'Te betalen tot en met (dd-mm-jjjj)': 'Due by (dd-mm-yyyy)', 'Uitvoeringsdatum (dd-mm-jjjj)': 'Execution date (dd-mm-yyyy)', 'Tonen': 'Show',
  'Kiezen': 'Select', 'Omschrijving': 'Description', 'Soort': 'Kind', 'Regio': 'Region', 'Datum': 'Date', 'Bedrag': 'Amount',
  'Begunstigde': 'Payee', 'Betaler': 'Payer', 'Stand': 'Status', 'Voorschot': 'Advance', 'Betaling na vaststelling': 'Payment after determination',
  'Toezegging': 'Commitment', 'In batch': 'In batch', 'Klaar om te betalen': 'Ready to pay', 'Niet in uw bereik': 'Outside your reach',
  'Bankgegevens ontbreken': 'Bank details missing', 'Bankgegevens invullen': 'Enter bank details', 'van de begunstigde': 'of the payee', 'van de betaler': 'of the payer',
  'Geselecteerd': 'Selected', 'betalingen': 'payments', 'Batch maken': 'Make batch', 'Niets te betalen tot en met deze datum.': 'Nothing to pay by this date.',
  'Kies ten minste één betaling.': 'Choose at least one payment.', 'Vul een datum in als dd-mm-jjjj, bijvoorbeeld 23-11-2026.': 'Fill in a date as dd-mm-yyyy, e.g. 23-11-2026.',
  'Batch gemaakt': 'Batch made', 'Bestand downloaden': 'Download file', 'Batches': 'Batches', 'Nog geen batches.': 'No batches yet.',
  'Batch': 'Batch', 'Uitvoering': 'Execution', 'Aantal': 'Count', 'Totaal': 'Total', 'Bevestigd door de bank': 'Confirmed by the bank', 'Acties': 'Actions',
  'Downloaden': 'Download', 'Annuleren': 'Cancel', 'open': 'open', 'deels bevestigd': 'partly confirmed', 'bevestigd': 'confirmed', 'geannuleerd': 'cancelled',
  'Batch annuleren?': 'Cancel the batch?', 'Ja, annuleren': 'Yes, cancel', 'Nee, laten staan': 'No, keep it',
  'betalingen komen weer vrij en kunnen opnieuw worden klaargezet': 'payments are released and can be prepared again',
  'Bied het bestand daarna niet meer aan bij de bank.': 'Do not hand the file to the bank after this.', 'Batch geannuleerd': 'Batch cancelled',
  'IBAN': 'IBAN', 'Rekeninghouder': 'Account holder', 'Opslaan': 'Save', 'Bankgegevens opgeslagen': 'Bank details saved', 'Laden…': 'Loading…',
  'Gegevens onvolledig: niet alles is gelezen.': 'Incomplete: not everything was read.', 'van': 'of',
};
const tt = nl => (lang() === 'en' ? (EN_BATCHES[nl] ?? t(nl)) : nl);
const KIND = { advance: 'Voorschot', payment: 'Betaling na vaststelling', commitment: 'Toezegging' };
const STATE = { open: ['open', 'wait'], 'partly-confirmed': ['deels bevestigd', 'act'], confirmed: ['bevestigd', 'good'], cancelled: ['geannuleerd', 'done'] };
// The state in words on a badge: the text carries the meaning, the colour only repeats it.
const badge = s => el('span', { class: `badge badge-${STATE[s]?.[1] ?? 'wait'}`, 'data-state': s }, tt(STATE[s]?.[0] ?? s));
const field = (id, label, control) => el('div', { class: 'field' }, el('label', { for: id }, tt(label)), control);
const problem = (form, error) => showError(form, error instanceof Problem ? error.field : null,
  error instanceof Problem && lang() !== 'en' ? particulars(error.message) : String(error?.message || error));

/** Fills `section` with the batch view; returns a refresh. */
export function batches(section) {
  const dueBy = el('input', { id: 'batch-due', name: 'dueBy', value: date(today()) });
  const execution = el('input', { id: 'batch-execution', name: 'executionDate', value: date(today()) });
  const items = el('div', { id: 'batch-items' }, el('p', { class: 'muted' }, tt('Laden…')));
  const total = el('p', { id: 'batch-total', role: 'status' });
  const make = el('button', { type: 'button', id: 'batch-make' }, tt('Batch maken'));
  const made = el('p', { id: 'batch-made', role: 'status' });
  const form = el('form', { id: 'batch-form', novalidate: true },
    el('div', { class: 'row' }, field('batch-due', 'Te betalen tot en met (dd-mm-jjjj)', dueBy), field('batch-execution', 'Uitvoeringsdatum (dd-mm-jjjj)', execution)),
    el('button', { type: 'submit', id: 'batch-show', class: 'secondary' }, tt('Tonen')), items, total, make, made);
  const list = el('div', { id: 'batch-list' });
  const dialog = el('dialog', { id: 'batch-dialog', 'aria-labelledby': 'batch-dialog-title' },
    el('h2', { id: 'batch-dialog-title' }, tt('Batch annuleren?')), el('p', { id: 'batch-dialog-what' }),
    el('p', {}, tt('Bied het bestand daarna niet meer aan bij de bank.')),
    el('button', { type: 'button', id: 'batch-yes' }, tt('Ja, annuleren')), ' ',
    el('button', { type: 'button', id: 'batch-no', class: 'secondary' }, tt('Nee, laten staan')));
  const bankDialog = el('dialog', { id: 'bank-dialog', 'aria-labelledby': 'bank-dialog-title' });
  section.replaceChildren(el('h2', { id: 'batches-title' }, tt('Betalingen klaarzetten')),
    el('p', { class: 'muted' }, tt('Kies wat betaald moet worden; de dienst maakt er een SEPA-batch van (pain.001) om bij de bank aan te bieden. De bedragen zijn dan gereserveerd, zodat ze niet in een tweede batch komen. Betaald zijn ze pas als het bankafschrift de betaling laat zien.')),
    form, el('h3', {}, tt('Batches')), list, dialog, bankDialog);

  let shown = [];
  let key = crypto.randomUUID(); // one Idempotency-Key per batch to make: a double click makes one batch
  const chosen = () => shown.filter(i => items.querySelector(`input[data-item="${CSS.escape(i.item)}"]`)?.checked);
  const sum = () => {
    const c = chosen();
    total.textContent = `${tt('Geselecteerd')}: ${c.length} ${tt('betalingen')}, ${eur(fromCents(c.reduce((s, i) => s + BigInt(i.cents), 0n)))}`;
    make.disabled = c.length === 0;
  };

  const ask = (question, answer) => new Promise(resolve => {
    document.getElementById('batch-dialog-what').textContent = question;
    const done = a => { dialog.close(); resolve(a); };
    document.getElementById('batch-yes').onclick = () => done(answer);
    document.getElementById('batch-no').onclick = () => done(null);
    dialog.oncancel = e => { e.preventDefault(); done(null); };
    dialog.showModal();
  });

  // Missing bank details are entered where they are missed: the party's IBAN and holder, then the list is read again.
  const enterBank = (m) => {
    const iban = el('input', { id: 'bank-iban', name: 'iban', autocomplete: 'off' });
    const holder = el('input', { id: 'bank-holder', name: 'holder' });
    const bankForm = el('form', { id: 'bank-form', novalidate: true },
      el('p', {}, `${tt('Bankgegevens invullen')}: ${m.party}`), field('bank-iban', 'IBAN', iban), field('bank-holder', 'Rekeninghouder', holder),
      el('button', { type: 'submit', id: 'bank-save' }, tt('Opslaan')), ' ',
      el('button', { type: 'button', class: 'secondary', onclick: () => bankDialog.close() }, tt('Annuleren')));
    bankForm.addEventListener('submit', async e => {
      e.preventDefault(); clearErrors(bankForm);
      try {
        await api(m.record, { method: 'PUT', body: { iban: iban.value, holder: holder.value } });
        bankDialog.close(); announce(tt('Bankgegevens opgeslagen')); await showItems();
      } catch (error) { problem(bankForm, error); }
    });
    bankDialog.replaceChildren(el('h2', { id: 'bank-dialog-title' }, tt('Bankgegevens invullen')), bankForm);
    bankDialog.showModal(); iban.focus();
  };

  const status = (i) => {
    if (i.inBatch) return el('span', { class: 'badge badge-wait' }, `${tt('In batch')} PVO${String(i.inBatch).padStart(7, '0')}`);
    if (i.missingBankDetails) {
      return el('span', { class: 'missing-bank' }, el('strong', {}, tt('Bankgegevens ontbreken')), ' ',
        i.missing.map(m => el('button', { type: 'button', class: 'secondary', 'data-party': m.party, onclick: () => enterBank(m) },
          `${tt('Bankgegevens invullen')} ${tt(m.role === 'creditor' ? 'van de begunstigde' : 'van de betaler')}`)));
    }
    return i.mayPay ? tt('Klaar om te betalen') : tt('Niet in uw bereik');
  };

  async function showItems() {
    clearErrors(form);
    const due = isoDate(dueBy.value.trim());
    if (!/^\d{4}-\d{2}-\d{2}$/.test(due)) { showError(form, 'dueBy', tt('Vul een datum in als dd-mm-jjjj, bijvoorbeeld 23-11-2026.')); return; }
    try {
      const answer = await api(`/api/bank/payment-candidates?dueBy=${due}`);
      shown = answer.items;
      const payable = i => !i.inBatch && !i.missingBankDetails && i.mayPay;
      items.replaceChildren(shown.length === 0 ? el('p', { class: 'muted' }, tt('Niets te betalen tot en met deze datum.')) : table([
        [tt('Kiezen'), i => el('input', { type: 'checkbox', 'data-item': i.item, checked: payable(i), disabled: !payable(i), 'aria-label': `${tt('Kiezen')}: ${i.description}`, onchange: sum })],
        [tt('Omschrijving'), i => i.description], [tt('Soort'), i => tt(KIND[i.kind] ?? i.kind)], [tt('Regio'), i => regionName(i.region)],
        [tt('Datum'), i => date(i.due)], [tt('Bedrag'), i => eur(i.amount), 'num'],
        [tt('Begunstigde'), i => i.creditor ? `${i.creditor.holder}, ${i.creditor.ibanGrouped}` : '—'],
        [tt('Betaler'), i => i.debtor ? `${i.debtor.holder}, ${i.debtor.ibanGrouped}` : '—'], [tt('Stand'), status],
      ], shown, { id: 'batch-table', 'aria-label': tt('Betalingen klaarzetten') }, { rowId: i => i.item }),
      answer.truncated ? el('p', { class: 'muted' }, tt('Gegevens onvolledig: niet alles is gelezen.')) : null);
      sum();
    } catch (error) { problem(form, error); }
  }

  async function download(b) {
    const response = await api(b.file, { raw: true });
    const blob = await response.blob();
    const link = el('a', { href: URL.createObjectURL(blob), download: b.fileName, hidden: true }, b.fileName);
    document.body.append(link);
    link.click();
    link.remove();
  }

  async function showBatches() {
    try {
      const answer = await api('/api/bank/payment-batches?pageSize=20');
      list.replaceChildren(answer.batches.length === 0 ? el('p', { class: 'muted' }, tt('Nog geen batches.')) : table([
        [tt('Batch'), b => b.messageId], [tt('Stand'), b => badge(b.state)], [tt('Uitvoering'), b => date(b.executionDate)], [tt('Aantal'), b => String(b.nbOfTxs), 'num'],
        [tt('Totaal'), b => eur(b.ctrlSum), 'num'], [tt('Bevestigd door de bank'), b => `${b.confirmed} ${tt('van')} ${b.nbOfTxs}`],
        [tt('Acties'), b => el('span', {},
          el('button', { type: 'button', class: 'secondary', 'data-download': b.number, onclick: () => download(b).catch(e => problem(form, e)) }, `${tt('Downloaden')} ${b.fileName}`), ' ',
          b.state === 'open' ? el('button', { type: 'button', class: 'secondary', 'data-cancel': b.number, onclick: () => cancel(b) }, tt('Annuleren')) : null)],
      ], answer.batches, { id: 'batch-list-table', 'aria-label': tt('Batches') }, { rowId: b => String(b.number) }));
    } catch (error) { problem(form, error); }
  }

  async function cancel(b) {
    const what = `${b.messageId}: ${b.nbOfTxs} ${tt('betalingen komen weer vrij en kunnen opnieuw worden klaargezet')} (${eur(b.ctrlSum)}).`;
    if (!await ask(what, true)) return;
    try {
      await api(`/api/bank/payment-batches/${b.number}/cancel`, { method: 'POST', body: {} });
      announce(`${tt('Batch geannuleerd')}: ${b.messageId}`);
      await Promise.all([showItems(), showBatches()]);
    } catch (error) { problem(form, error); }
  }

  form.addEventListener('submit', e => { e.preventDefault(); showItems(); });
  make.addEventListener('click', async () => {
    clearErrors(form);
    const c = chosen();
    if (c.length === 0) { showError(form, null, tt('Kies ten minste één betaling.')); return; }
    const exec = isoDate(execution.value.trim());
    if (!/^\d{4}-\d{2}-\d{2}$/.test(exec)) { showError(form, 'executionDate', tt('Vul een datum in als dd-mm-jjjj, bijvoorbeeld 23-11-2026.')); return; }
    make.disabled = true;
    try {
      const b = await api('/api/bank/payment-batches', { method: 'POST', body: { executionDate: exec, items: c.map(i => i.item) }, headers: { 'Idempotency-Key': key } });
      key = crypto.randomUUID();
      const text = `${tt('Batch gemaakt')}: ${b.messageId}, ${b.nbOfTxs} ${tt('betalingen')}, ${eur(b.ctrlSum)}`;
      made.replaceChildren(text, ' ', el('button', { type: 'button', id: 'batch-download', onclick: () => download(b).catch(e => problem(form, e)) }, `${tt('Bestand downloaden')} (${b.fileName})`));
      announce(text);
      await Promise.all([showItems(), showBatches()]);
    } catch (error) { problem(form, error); make.disabled = false; }
  });
  return async () => { await Promise.all([showItems(), showBatches()]); };
}
