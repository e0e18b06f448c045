import { NAMES, api, say, listAll, header, el, fillOptions, t, eur, date, isoDate, table, clearErrors, showError, showProblem, today, REGIONS, PROVINCES, token, Problem, parseAmount, cents, fromCents,
  views, scopeName, regionName, stateBadge } from './app.js';
import { tasksFor, renderTasks, fundNames } from './tasks.js';
import { batches } from './batches.js';
import { statements } from './statements.js';

const me = header({ requireRole: 'treasurer' });
const myScope = me?.scope ?? 'national';
document.getElementById('scope-name').textContent = scopeName(myScope);
views();
const scopeSelect = document.getElementById('export-scope');
const scopes = myScope === 'national'
  ? ['national', ...PROVINCES.map(p => `province:${p}`), ...REGIONS.map(([id]) => `region:${id}`)]
  : [myScope];
scopeSelect.replaceChildren(...scopes.map(s => el('option', { value: s }, scopeName(s))));
document.getElementById('export-asof').value = date(today());

const form = document.getElementById('export');

/** The query of the form, or null after showing what is wrong next to the fields. */
function query() {
  clearErrors(form);
  const q = new URLSearchParams();
  q.set('scope', form.elements.scope.value);
  let ok = true;
  for (const name of ['from', 'to', 'asOf']) {
    const raw = form.elements[name].value.trim();
    if (!raw) continue;
    const iso = isoDate(raw);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) { showError(form, name, t('Vul een datum in als dd-mm-jjjj, bijvoorbeeld 23-11-2026.')); ok = false; continue; }
    q.set(name, iso);
  }
  q.set('dialect', form.elements.dialect.value);
  if (form.elements.export.value === 'budgets') {
    // budgets.csv shows a scenario version's plan beside the actuals; the service names an unknown one in its refusal.
    const scenario = form.elements.scenario.value.trim();
    if (scenario) q.set('scenario', scenario);
    const version = form.elements.version.value.trim();
    if (version && !/^[1-9]\d{0,5}$/.test(version)) { showError(form, 'version', t('Vul een versienummer in (1, 2, …) of laat het leeg voor de laatste.')); ok = false; }
    else if (version) q.set('version', version);
  }
  return ok ? q : null;
}

function showManifest(m) {
  const totals = Object.entries(m.totals ?? {}).map(([k, v]) => `${k}: ${eur(v)}`).join(', ');
  document.getElementById('manifest').replaceChildren(el('dl', { id: 'manifest-list' },
    el('dt', {}, t('Bestand')), el('dd', { id: 'manifest-file' }, m.file),
    el('dt', {}, t('Bereik')), el('dd', {}, scopeName(m.scope)),
    el('dt', {}, t('Stand per')), el('dd', { id: 'manifest-asof' }, date(m.asOf)),
    el('dt', {}, t('Rijen')), el('dd', { id: 'manifest-rows' }, String(m.rows)),
    el('dt', {}, t('Bytes')), el('dd', {}, String(m.bytes)),
    el('dt', {}, 'SHA-256'), el('dd', { id: 'manifest-sha' }, m.sha256),
    el('dt', {}, t('Totalen')), el('dd', { id: 'manifest-totals' }, totals)));
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const q = query(); if (!q) return;
  const name = form.elements.export.value;
  const box = document.getElementById('progress-box'); const text = document.getElementById('progress-text');
  const bar = document.getElementById('progress');
  box.hidden = false; bar.removeAttribute('value'); text.textContent = t('Bezig…');
  document.getElementById('download-link').replaceChildren();
  try {
    // A plain link cannot send the token: fetch the file, count what arrives (long exports show progress), then offer it.
    const response = await api(`/api/exports/${name}.csv?${q}`, { raw: true });
    const reader = response.body.getReader();
    const chunks = []; let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value); received += value.length;
      text.textContent = `${received.toLocaleString('nl-NL')} ${t('bytes ontvangen')}`;
    }
    const disposition = response.headers.get('content-disposition') || '';
    const file = /filename=([^;]+)/.exec(disposition)?.[1]?.trim() ?? `${name}.csv`;
    const blob = new Blob(chunks, { type: 'text/csv' });
    const link = el('a', { href: URL.createObjectURL(blob), download: file, id: 'download-file' }, `${t('Opslaan')}: ${file}`);
    document.getElementById('download-link').replaceChildren(link);
    bar.value = 1; bar.max = 1;
    text.textContent = `${t('Klaar')}: ${received.toLocaleString('nl-NL')} bytes`;
    link.click();
    showManifest(await api(`/api/exports/${name}.manifest.json?${q}`));
  } catch (e) {
    box.hidden = true;
    if (e instanceof Problem && e.status === 403) showError(form, 'scope', t('Dit bereik valt buiten uw bevoegdheid.'));
    else showProblem(form, e);
  }
});

document.getElementById('verify').addEventListener('submit', async (event) => {
  event.preventDefault();
  const vform = event.target; clearErrors(vform);
  const result = document.getElementById('verify-result');
  result.replaceChildren();
  const file = vform.elements.file.files[0];
  if (!file) { showError(vform, 'file', t('Kies eerst een bestand.')); return; }
  const q = query(); if (!q) return;
  const name = form.elements.export.value;
  try {
    const r = await api(`/api/exports/${name}/verify?${q}`, { method: 'POST', body: file, headers: { 'Content-Type': 'text/csv' } });
    const lines = [];
    if (r.matches) lines.push(el('p', { class: 'ok', id: 'verify-verdict' }, `✓ ${t('Het bestand komt overeen met het grootboek')} (${r.rows} ${t('rijen')}, ${r.accountsChecked} ${t('rekeningen gecontroleerd')}).`));
    else lines.push(el('p', { class: 'error', id: 'verify-verdict' }, `✗ ${t('Het bestand wijkt af van het grootboek.')}`));
    if (r.firstDifference) {
      const d = r.firstDifference;
      lines.push(el('p', { id: 'verify-difference' }, `${t('Eerste verschil')}: ${t('rij')} ${d.row}, ${t('kolom')} ${d.column}: ${t('verwacht')} „${d.expected ?? ''}”, ${t('gevonden')} „${d.found ?? ''}”.`));
    }
    if (r.accountMismatches?.length) lines.push(el('p', {}, `${t('Rekeningen die afwijken')}: ${r.accountMismatches.map(a => a.account ?? JSON.stringify(a)).join(', ')}`));
    if (r.brokenChains?.length) lines.push(el('p', { class: 'error' }, `${t('Verbroken hashketens')}: ${r.brokenChains.map(c => c.journal ?? JSON.stringify(c)).join(', ')}`));
    result.replaceChildren(...lines);
  } catch (e) { showProblem(vform, e); }
});

/** The work: what is to be paid, most urgent first (advances by their schedule, the rest after a determination), and the granted applications. */
async function payables() {
  const target = document.getElementById('payables');
  const box = document.getElementById('tasks-box');
  try {
    const [list, funds] = await Promise.all([listAll('/api/applications'), fundNames()]);
    renderTasks(box, await tasksFor('treasurer', list.applications), funds, { eur });
    const open = list.applications.filter(a => ['Granted', 'Determined', 'Revoked'].includes(a.state));
    target.replaceChildren(open.length === 0 ? el('p', {}, t('Niets te betalen.')) :
      table([['Aanvraag', a => el('a', { href: `/application.html?id=${encodeURIComponent(a.id)}`, translate: 'no' }, a.title)], ['Regio', a => regionName(a.region)],
        ['Fonds', a => funds.get(a.fundingSource) ?? a.fundingSource], ['Status', a => stateBadge(a.state)], ['Toegekend', a => eur(a.granted), 'num']],
      open, { id: 'payables-table' }, { rowId: a => a.id }));
  } catch (e) {
    target.replaceChildren(el('p', { class: 'error' }, e.message));
    box.replaceChildren(el('p', { class: 'error' }, e.message));
  }
}
// The scenario fields belong to budgets.csv only.
const budgetFields = document.getElementById('budget-fields');
const exportName = form.elements.export;
exportName.addEventListener('change', () => { budgetFields.hidden = exportName.value !== 'budgets'; });
async function scenarioChoices() {
  try {
    const list = await api('/api/planning/scenarios');
    const items = Array.isArray(list) ? list : (list.scenarios ?? []);
    document.getElementById('scenario-list').replaceChildren(...items.map(x => el('option', { value: x.id }, x.name ?? x.id)));
  } catch { /* only a national reach lists scenarios; the id can still be typed */ }
}

// ---- receipts: money received against levy invoices and overhead charges ----------------------------------------
const receiptForm = document.getElementById('receipt');
receiptForm.elements.year.value = today().slice(0, 4);
let receiptSources = [];
async function loadReceiptSources() {
  try {
    receiptSources = (await api('/api/funding-sources')).filter(s => s.kind === 'municipal-levy' || s.kind === 'project-overhead');
    fillOptions(receiptForm.elements.source, receiptSources);
  } catch (e) { showProblem(receiptForm, e); }
}
/** What is still owed: per municipality for a levy, per year for an overhead source (its charges are per project). */
let owedAsked = 0;
/** Municipalities' names by CBS code, from the invoices shown, so a receipt says who paid by name. */
const payerNames = new Map();
async function showOwed() {
  // Only the answer to the latest question is shown: a slower earlier answer (another source) must not overwrite it.
  const asked = ++owedAsked;
  const target = document.getElementById('receipt-invoices');
  const id = receiptForm.elements.source.value; const year = Number(receiptForm.elements.year.value);
  const source = receiptSources.find(s => s.id === id);
  if (!source || !Number.isInteger(year)) { target.replaceChildren(); return; }
  if (source.kind === 'municipal-levy') {
    const r = await api(`/api/funding-sources/${encodeURIComponent(id)}/years/${year}/invoices`);
    if (asked !== owedAsked) return;
    document.getElementById('debtor-list').replaceChildren(...r.invoices.map(i => el('option', { value: i.municipalityName }, i.municipalityCode)));
    for (const i of r.invoices) { payerNames.set(i.municipalityCode, i.municipalityName); NAMES.set(i.municipalityCode, i.municipalityName); }
    target.replaceChildren(r.count === 0 ? el('p', {}, t('Voor dit jaar zijn nog geen facturen gemaakt.')) : el('div', {},
      el('p', {}, `${t('Nog te ontvangen')}: `, el('strong', { id: 'receipt-outstanding' }, eur(r.outstanding)), ` ${t('van')} ${eur(r.total)}`),
      table([['Gemeente', i => i.municipalityName], ['Code', i => i.municipalityCode], ['Bedrag', i => eur(i.amount), 'num'],
        ['Nog te ontvangen', i => eur(i.outstanding), 'num']], r.invoices.filter(i => i.outstanding !== '0.00'), { id: 'receipt-invoices-table' })));
  } else {
    const d = await api(`/api/funding-sources/${encodeURIComponent(id)}`);
    if (asked !== owedAsked) return;
    const y = d.years.find(x => x.year === year);
    target.replaceChildren(el('p', {}, `${t('Nog te ontvangen')}: `, el('strong', { id: 'receipt-outstanding' }, eur(y?.receivable ?? '0.00')),
      ` ${t('van')} ${eur(y?.invoiced ?? '0.00')} ${t('doorbelast')}`));
  }
}
/**
 * The payer as the service knows it: a municipality chosen or typed by its name ("Heerlen", any case) becomes its CBS
 * code; a code or a project id is sent as typed.
 */
function payerCode(text) {
  const name = text.trim().toLocaleLowerCase('nl-NL');
  for (const [code, n] of payerNames) if (n.toLocaleLowerCase('nl-NL') === name) return code;
  return text.trim();
}
const owed = () => showOwed().catch(e => { clearErrors(receiptForm); showProblem(receiptForm, e); });
document.getElementById('receipt-show').addEventListener('click', owed);
receiptForm.elements.source.addEventListener('change', owed);
receiptForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(receiptForm);
  const v = name => receiptForm.elements[name].value.trim();
  let bad = false;
  if (!v('source')) { showError(receiptForm, 'source', t('Er is nog geen bijdrage of overheadbron in uw bereik.')); bad = true; }
  if (!v('debtor')) { showError(receiptForm, 'debtor', t('Dit veld is verplicht.')); bad = true; }
  const debtor = payerCode(v('debtor'));
  const amount = parseAmount(v('amount'));
  if (amount === null) { showError(receiptForm, 'amount', t('Vul een bedrag in, bijvoorbeeld 1.234,56.')); bad = true; }
  if (!v('receiptId')) { showError(receiptForm, 'receiptId', t('Dit veld is verplicht.')); bad = true; }
  if (bad) return;
  try {
    // The receipt id is the bank statement's reference: sending it twice records the money once.
    await api(`/api/funding-sources/${encodeURIComponent(v('source'))}/receipts`, { method: 'POST',
      body: { receiptId: v('receiptId'), year: Number(v('year')), debtor, amount } });
    const payer = payerNames.has(debtor) ? `${payerNames.get(debtor)} (${debtor})` : debtor;
    say(document.getElementById('receipt-result'), `${t('Ontvangst vastgelegd')}: ${eur(amount)} ${t('betaald door')} ${payer}`);
    receiptForm.elements.amount.value = ''; receiptForm.elements.receiptId.value = '';
    await showOwed();
  } catch (e) { showProblem(receiptForm, e); }
});

// ---- commitments of funds and schemes to regions, paid out ------------------------------------------------------
const payForm = document.getElementById('pay-commitment');
payForm.elements.year.value = today().slice(0, 4);
async function loadCommitSources() {
  try {
    fillOptions(payForm.elements.source, (await api('/api/funding-sources')).filter(s => s.kind === 'national-scheme' || s.kind === 'provincial-fund'));
  } catch (e) { showProblem(payForm, e); }
}
let commitAsked = 0;
const MAX_COMMITMENTS = 1000;
/** The source's commitments per region and year, each with what the region has been paid of it and what is open. */
async function showCommitments() {
  const asked = ++commitAsked;
  const target = document.getElementById('commitments');
  const id = payForm.elements.source.value;
  if (!id) { target.replaceChildren(); return; }
  // The commitments are read page by page (the source's details hold only the newest few); a long list stops at MAX_COMMITMENTS.
  const commitmentList = [];
  let next = null;
  do {
    const page = await api(`/api/funding-sources/${encodeURIComponent(id)}/commitments?pageSize=200${next ? `&continuation=${encodeURIComponent(next)}` : ''}`);
    commitmentList.push(...page.commitments);
    next = page.next;
  } while (next && commitmentList.length < MAX_COMMITMENTS);
  const rows = commitmentList.flatMap(c => Object.entries(c.amounts).map(([year, amount]) => ({ id: c.commitmentId, region: c.region, year, amount, purpose: c.purpose })));
  // Paid and still open per region and year come from the region's funding (the figures module), the same figures the manager sees.
  const figures = new Map();
  await Promise.all([...new Set(rows.map(r => `${r.region}|${r.year}`))].map(async key => {
    const [region, year] = key.split('|');
    try {
      const f = await api(`/api/regions/${encodeURIComponent(region)}/funding?year=${year}`);
      figures.set(key, f.sources.find(x => x.sourceId === id) ?? null);
    } catch { figures.set(key, null); }
  }));
  if (asked !== commitAsked) return;
  const name = regionName;
  const regionSelect = payForm.elements.region; const keep = regionSelect.value;
  regionSelect.replaceChildren(...[...new Set(rows.map(r => r.region))].map(r => el('option', { value: r }, name(r))));
  if (keep) regionSelect.value = keep;
  target.replaceChildren(rows.length === 0 ? el('p', {}, t('Geen toezeggingen.')) :
    table([['Toezegging', r => r.id], ['Regio', r => name(r.region)], ['Jaar', r => r.year], ['Toegezegd', r => eur(r.amount), 'num'],
      ['Betaald aan de regio', r => eur(figures.get(`${r.region}|${r.year}`)?.paid ?? ''), 'num'],
      ['Open voor de regio', r => eur(figures.get(`${r.region}|${r.year}`)?.receivable ?? ''), 'num'],
      ['Doel', r => r.purpose ?? '']], rows, { id: 'commitments-table' }));
}
const commitments = () => showCommitments().catch(e => { clearErrors(payForm); showProblem(payForm, e); });
payForm.elements.source.addEventListener('change', commitments);
payForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(payForm);
  const v = name => payForm.elements[name].value.trim();
  let bad = false;
  if (!v('source')) { showError(payForm, 'source', t('Er is nog geen fonds of regeling in uw bereik.')); bad = true; }
  if (!v('region')) { showError(payForm, 'region', t('Dit fonds heeft nog geen toezeggingen.')); bad = true; }
  if (!/^\d{4}$/.test(v('year'))) { showError(payForm, 'year', t('Vul een jaar in, bijvoorbeeld 2026.')); bad = true; }
  const amount = parseAmount(v('amount'));
  if (amount === null) { showError(payForm, 'amount', t('Vul een bedrag in, bijvoorbeeld 1.234,56.')); bad = true; }
  if (!v('paymentId')) { showError(payForm, 'paymentId', t('Dit veld is verplicht.')); bad = true; }
  if (bad) return;
  try {
    // The payment id is the bank order's reference: the same id pays once, however often it is sent.
    await api(`/api/funding-sources/${encodeURIComponent(v('source'))}/payments`, { method: 'POST',
      body: { paymentId: v('paymentId'), region: v('region'), year: Number(v('year')), amount } });
    say(document.getElementById('pc-result'), `${t('Uitbetaald')}: ${eur(amount)} ${t('aan')} ${payForm.elements.region.selectedOptions[0].textContent}`);
    payForm.elements.amount.value = ''; payForm.elements.paymentId.value = '';
    await showCommitments();
  } catch (e) { showProblem(payForm, e); }
});

await Promise.all([payables(), scenarioChoices(), loadReceiptSources().then(owed), loadCommitSources().then(commitments), batches(document.getElementById('batches'))(),
  statements(document.getElementById('statements'))()]);
void token;
