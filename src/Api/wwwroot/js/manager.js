import { api, say, listAll, header, el, fillOptions, t, eur, date, table, clearErrors, showError, showProblem, parseAmount, cents, fromCents, today, stateText,
  stateBadge, regionName, views, proposeId, NAMES } from './app.js';
import { stepper, renderReview, maxShare, BANNER_KEY } from './apply-steps.js';
import { tasksFor, renderTasks, fundNames } from './tasks.js';

import { projection } from './projection.js';

const me = header({ requireRole: 'pvo-manager' });
const region = me?.region;
document.getElementById('region-name').textContent = regionName(region);
// A draft opened for editing (manager.html?draft=…) shows the application form's view.
if (new URLSearchParams(location.search).get('draft') && !location.hash) history.replaceState(null, '', `${location.pathname}${location.search}#new-title`);
views();
const yearInput = document.getElementById('year');
yearInput.value = today().slice(0, 4);

let sources = [];       // every source the manager may read
const details = new Map(); // id → GET /api/funding-sources/{id}

const KIND_NL = { Decision: 'Besluit', Accountability: 'Verantwoording', Determination: 'Vaststelling', Payment: 'Betaling', Advance: 'Voorschot', Limitation: 'Verjaring' };
let appIds = [];           // the region's application ids, so a proposed id is not one already taken

async function glance() {
  const year = yearInput.value;
  const target = document.getElementById('funding');
  target.replaceChildren(el('p', { class: 'muted' }, t('Laden…')));
  try {
    const f = await api(`/api/regions/${region}/funding?year=${encodeURIComponent(year)}`);
    // Every figure as served (the figures module over the ledger); the page only adds up the levies.
    const rows = [...f.sources, { name: t('Totaal'), committed: f.committed, released: f.released, paid: f.paid, received: f.received, receivable: f.receivable, toRepay: f.toRepay, total: true }];
    const levies = f.sources.filter(s => s.kind === 'municipal-levy').reduce((a, s) => a + cents(s.receivable), 0n);
    target.replaceChildren(
      table([['Bron', r => r.total ? el('strong', {}, r.name) : r.name], ['Toegezegd', r => eur(r.committed), 'num'], ['Betaald', r => eur(r.paid), 'num'],
        ['Vrijgevallen', r => eur(r.released), 'num'], ['Ontvangen', r => eur(r.received), 'num'], ['Te ontvangen', r => eur(r.receivable), 'num'],
        ['Terug te betalen', r => eur(r.toRepay), 'num']], rows, { id: 'funding-table' }),
      el('p', { id: 'levies' }, `${t('Heffingen nog te ontvangen')}: ${eur(fromCents(levies))}`),
      f.inKind.length ? el('p', { id: 'in-kind' }, `${t('In natura (apart)')}: ${eur(f.inKindTotal)}`) : '');
  } catch (e) { target.replaceChildren(el('p', { class: 'error' }, e.message)); }

}

/** The work: the region's applications with names and state badges, and the tasks they make, most urgent first. */
async function work() {
  const apps = document.getElementById('applications');
  const box = document.getElementById('tasks-box');
  try {
    const [list, funds] = await Promise.all([listAll(`/api/applications?region=${region}`), fundNames()]);
    appIds = list.applications.map(a => a.id);
    const name = id => funds.get(id) ?? id;
    apps.replaceChildren(list.applications.length === 0 ? el('p', {}, t('Geen aanvragen.')) :
      table([['Aanvraag', a => el('a', { href: `/application.html?id=${encodeURIComponent(a.id)}`, translate: 'no' }, a.title)],
        ['Plan', a => a.state === 'Draft' ? el('a', { href: `/manager.html?draft=${encodeURIComponent(a.id)}#new-title`, id: `edit-plan-${a.id}` }, t('Plan bewerken')) : ''],
        ['Fonds', a => name(a.fundingSource)], ['Status', a => stateBadge(a.state)], ['Gevraagd', a => eur(a.requested), 'num'],
        ['Toegekend', a => eur(a.granted), 'num'], ['Volgende termijn', a => a.next ? `${t(KIND_NL[a.next.kind] ?? a.next.kind)} ${date(a.next.due)}` : '']],
      list.applications, { id: 'applications-table' }, { rowId: a => a.id }));
    renderTasks(box, await tasksFor('pvo-manager', list.applications), funds, { eur });
  } catch (e) {
    apps.replaceChildren(el('p', { class: 'error' }, e.message));
    box.replaceChildren(el('p', { class: 'error' }, e.message));
  }
}

// Loads overlap (the page's first load may still be waiting when a new source was made and loads again): only the
// latest one fills the choices, so a slower, older answer never puts back a list without the new source.
let sourcesLoad = 0;
async function loadSources() {
  const mine = ++sourcesLoad;
  const list = await api('/api/funding-sources');
  if (mine !== sourcesLoad) return;
  sources = list;
  fillOptions(document.getElementById('app-fund'), sources.filter(s => s.kind === 'national-scheme' || s.kind === 'provincial-fund'));
  const own = sources.filter(s => s.owner === `region:${region}`);
  const fill = (id, kind) => fillOptions(document.getElementById(id), own.filter(s => s.kind === kind));
  fill('contrib-source', 'private'); fill('levy-source', 'municipal-levy'); fill('hours-source', 'in-kind'); fill('overhead-source', 'project-overhead');
  for (const select of document.querySelectorAll('#plan select')) fillPartSources(select);
  await Promise.all(sources.map(async s => { try { details.set(s.id, await api(`/api/funding-sources/${s.id}`)); } catch { /* not readable */ } }));
  if (mine === sourcesLoad) check();
}

// ---- the funding plan and its live checks ---------------------------------------------------------------------
const plan = document.getElementById('plan');
let partCount = 0;
function fillPartSources(select) {
  const lead = sources.find(s => s.id === document.getElementById('app-fund').value);
  fillOptions(select, sources.filter(s => s.kind !== 'in-kind' && (s.owner === `region:${region}` || (lead && s.owner === lead.owner))));
}
function addPart(sourceId, amount) {
  const i = partCount++;
  const row = el('div', { class: 'row part' },
    el('div', { class: 'field' }, el('label', { for: `part-source-${i}` }, t('Bron')), el('select', { id: `part-source-${i}`, name: 'part-source' })),
    el('div', { class: 'field' }, el('label', { for: `part-amount-${i}` }, t('Deel')), el('input', { id: `part-amount-${i}`, name: 'part-amount', inputmode: 'decimal', 'data-amount': true })),
    el('button', { type: 'button', class: 'secondary', 'aria-label': `${t('Verwijderen')} ${i + 1}`, onclick: () => { row.remove(); renumber(); check(); } }, t('Verwijderen')));
  plan.append(row);
  const select = row.querySelector('select');
  fillPartSources(select);
  if (sourceId) select.value = sourceId;
  if (amount) row.querySelector('input').value = amount;
  renumber();
}
function renumber() {
  [...plan.querySelectorAll('.part')].forEach((row, n) => {
    row.querySelector('select').dataset.field = `funding[${n}].source`;
    row.querySelector('input').dataset.field = `funding[${n}].amount`;
  });
}
function parts() {
  return [...plan.querySelectorAll('.part')].map(row => ({ source: row.querySelector('select').value, amount: row.querySelector('input').value }));
}
document.getElementById('add-part').addEventListener('click', () => { addPart(); check(); });

/**
 * The theme is chosen from the themes of the fund and of every source in the plan that names themes (those a
 * project must fit, all at once); with no such source it is free text. The control is rebuilt only when the
 * choices change, so a person choosing is never interrupted; a chosen theme stays while it is still offered.
 */
let themeKey = null;
function themeChoices() {
  const ids = new Set([document.getElementById('app-fund').value, ...parts().map(p => p.source)]);
  const lists = sources.filter(s => ids.has(s.id) && s.themes?.length).map(s => s.themes);
  if (!lists.length) return null;
  return lists[0].filter(th => lists.every(l => l.some(x => x.toLowerCase() === th.toLowerCase())));
}
function themeField(keep) {
  const old = document.getElementById('app-theme');
  const value = keep ?? old.value;
  const choices = themeChoices();
  const key = choices ? JSON.stringify(choices) : null;
  if (key === themeKey && keep === undefined) return;
  themeKey = key;
  const control = choices
    ? el('select', { id: 'app-theme', name: 'theme' }, el('option', { value: '' }, t('Kies een thema van het fonds')),
      ...choices.map(th => el('option', { value: th }, th)))
    : el('input', { id: 'app-theme', name: 'theme' });
  const match = choices ? choices.find(th => th.toLowerCase() === String(value).toLowerCase()) : value;
  control.value = match ?? '';
  old.replaceWith(control);
  document.getElementById('app-theme-note').textContent = choices
    ? (choices.length ? t('Alleen de thema\'s van het fonds en de bronnen in het plan.') : t('De bronnen in het plan hebben geen thema gemeen.'))
    : '';
}

function tier(c) { return c <= 2500000n ? 'A' : c <= 12500000n ? 'B' : 'C'; }
function check() {
  themeField();
  const list = document.getElementById('checks');
  const items = [];
  const requested = cents(document.getElementById('app-requested').value);
  const costsText = document.getElementById('app-costs').value;
  const costs = costsText.trim() === '' ? requested : cents(costsText);
  const ps = parts();
  const year = today().slice(0, 4);
  if (requested === null) { items.push(['warn', t('Vul het gevraagde bedrag in, bijvoorbeeld 28.000,00.')]); }
  else {
    items.push(['ok', `${t('Niveau')} ${tier(requested)} (${t('A tot en met € 25.000,00; B tot en met € 125.000,00; C daarboven')})`, 'check-tier']);
    if (ps.length > 0) {
      const sum = ps.reduce((a, p) => a + (cents(p.amount) ?? 0n), 0n);
      items.push(sum === requested ? ['ok', `${t('De delen tellen op tot het gevraagde bedrag')}: ${eur(fromCents(sum))}`, 'check-sum']
        : ['error', `${t('De delen tellen op tot')} ${eur(fromCents(sum))}, ${t('maar gevraagd is')} ${eur(fromCents(requested))}.`, 'check-sum']);
    }
  }
  for (const p of (ps.length ? ps : [{ source: document.getElementById('app-fund').value, amount: document.getElementById('app-requested').value }])) {
    const c = cents(p.amount); const s = sources.find(x => x.id === p.source); if (!s || c === null) continue;
    if (s.maxCofinancing && costs) {
      const bp = cents(s.maxCofinancing); // percentage with two decimals → basis points
      const share = costs > 0n ? Number(c * 10000n / costs) / 100 : 0;
      const okShare = c * 10000n <= bp * costs;
      items.push([okShare ? 'ok' : 'error', `${s.name}: ${share.toLocaleString('nl-NL')} % ${t('van de projectkosten')} (${t('maximaal')} ${Number(s.maxCofinancing).toLocaleString('nl-NL')} %)`, `check-share-${s.id}`]);
    }
    const d = details.get(s.id);
    const y = d?.years?.find(x => String(x.year) === year);
    if (y) {
      const left = cents(y.available);
      items.push([c <= left ? 'ok' : 'error', `${s.name}: ${t('plafond over')} ${eur(y.available)} ${t('in')} ${year}`, `check-ceiling-${s.id}`]);
    }
    if (s.themes?.length) {
      const theme = document.getElementById('app-theme').value.trim().toLowerCase();
      const ok = s.themes.some(x => x.toLowerCase() === theme);
      items.push([ok ? 'ok' : 'error', `${s.name}: ${t('alleen voor de thema\'s')} ${s.themes.join(', ')}`, `check-theme-${s.id}`]);
    }
  }
  // Classes of their own: clearErrors removes .error elements, and these checks must stay.
  list.replaceChildren(...items.map(([cls, text, id]) => el('li', { class: `check-${cls}`, id }, (cls === 'ok' ? '✓ ' : cls === 'error' ? '✗ ' : '• ') + text)));
}
document.getElementById('new-application').addEventListener('input', check);
document.getElementById('app-fund').addEventListener('change', () => {
  for (const select of plan.querySelectorAll('select')) fillPartSources(select);
  const first = plan.querySelector('select'); if (first) first.value = document.getElementById('app-fund').value;
  check();
});

// ---- the new application in three steps over the service's draft (js/apply-steps.js) ----------------------------
const appForm = document.getElementById('new-application');
const steps = stepper(appForm);
/** "28000.00" → "28.000,00" for an input. */
const plainAmount = a => a === null || a === undefined ? '' : eur(a).replace('€ ', '');
const sourceName = id => sources.find(s => s.id === id)?.name ?? NAMES.get(id) ?? id;
/** The draft is the service's from step 1 on: its id cannot change, nor the fund it applies to. */
function lockDraft(id) {
  appForm.dataset.draft = id;
  appForm.elements.id.readOnly = true;
  appForm.elements.fundingSource.disabled = true;
  document.getElementById('draft-cancel').hidden = false;
}
function savedNote(text) {
  const note = document.getElementById('draft-note');
  note.hidden = false; note.textContent = text;
}
/** The draft's whole content from the form (edit-draft replaces it), or null after showing what is wrong. */
function draftContent(form, { plan }) {
  const v = name => form.elements[name].value.trim();
  let bad = false;
  if (!v('title')) { showError(form, 'title', t('Geef de aanvraag een titel.')); bad = true; }
  const costs = parseAmount(v('projectCosts'));
  if (costs === null || cents(costs) <= 0n) { showError(form, 'projectCosts', t('Vul de projectkosten in, bijvoorbeeld 40.000,00.')); bad = true; }
  const body = { title: v('title'), projectCosts: costs };
  if (v('theme')) body.theme = v('theme');
  if (!plan) return bad ? null : body;
  const requested = parseAmount(v('requested'));
  if (requested === null) { showError(form, 'requested', t('Vul een bedrag in, bijvoorbeeld 28.000,00.')); bad = true; }
  const funding = parts().map((p, n) => {
    const a = parseAmount(p.amount);
    if (a === null) { showError(form, `funding[${n}].amount`, t('Vul een bedrag in voor deze bron.')); bad = true; }
    return { source: p.source, amount: a };
  });
  return bad ? null : { ...body, requested, funding };
}
async function editDraft(content) {
  return api(`/api/applications/${encodeURIComponent(appForm.dataset.draft)}/edit-draft`, { method: 'POST', body: content, headers: { 'Idempotency-Key': crypto.randomUUID() } });
}
async function review(app) {
  renderReview(document.getElementById('review'), app, { name: sourceName, checks: document.getElementById('checks') });
}
/** Step 1: the project. The first time it creates the draft, asking what the fund pays at most (changed in step 2). */
async function saveProject(form) {
  const v = name => form.elements[name].value.trim();
  if (form.dataset.draft) {
    const content = draftContent(form, { plan: true });
    if (!content) return;
    await editDraft(content);
    savedNote(t('Het concept is bewaard.'));
    steps.go(2);
    return;
  }
  const content = draftContent(form, { plan: false });
  let bad = !content;
  if (!v('id')) { showError(form, 'id', t('Geef de aanvraag een kenmerk: kleine letters, cijfers en streepjes.')); bad = true; }
  if (!v('fundingSource')) { showError(form, 'fundingSource', t('Kies het fonds waarvoor u aanvraagt.')); bad = true; }
  if (bad) return;
  const fund = sources.find(s => s.id === v('fundingSource'));
  const costCents = cents(content.projectCosts);
  const requested = fromCents(maxShare(fund, costCents) ?? costCents);
  await api('/api/applications', { method: 'POST', body: { id: v('id'), region, fundingSource: v('fundingSource'), requested, ...content } });
  lockDraft(v('id'));
  appIds.push(v('id'));
  history.replaceState(null, '', `${location.pathname}?draft=${encodeURIComponent(v('id'))}#nieuw`);
  // The plan starts as the service made it: the fund alone, for what it pays at most of these costs.
  if (!form.elements.requested.value.trim()) form.elements.requested.value = plainAmount(requested);
  const first = plan.querySelector('.part');
  if (first && !first.querySelector('input').value.trim()) { first.querySelector('select').value = v('fundingSource'); first.querySelector('input').value = plainAmount(requested); }
  savedNote(t('Het concept is bewaard. Gevraagd is nu wat het fonds ten hoogste betaalt; pas het plan aan.'));
  check();
  steps.go(2);
}
/** Step 2: the funding plan, saved in the draft; step 3 shows what the service holds. */
async function savePlan(form) {
  const content = draftContent(form, { plan: true });
  if (!content) return;
  const app = await editDraft(content);
  savedNote(t('Het concept is bewaard.'));
  await review(app);
  steps.go(3);
}
appForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  clearErrors(form);
  try {
    const step = steps.current();
    if (step === 1) await saveProject(form);
    else if (step === 2) await savePlan(form);
    else {
      const id = form.dataset.draft;
      await api(`/api/applications/${encodeURIComponent(id)}/submit`, { method: 'POST', body: {}, headers: { 'Idempotency-Key': crypto.randomUUID() } });
      sessionStorage.setItem(BANNER_KEY, `${t('De aanvraag is ingediend')}: ${form.elements.title.value.trim()}.`);
      location.href = `/application.html?id=${encodeURIComponent(id)}`;
      return;
    }
  } catch (e) { showProblem(form, e); }
  if (form.querySelector('.error')) steps.showInvalid();
});

// ---- own sources ----------------------------------------------------------------------------------------------
document.getElementById('own-source').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target; clearErrors(form);
  const v = name => form.elements[name].value.trim();
  const kind = v('kind');
  const body = { id: v('id'), name: v('name'), kind, funder: v('funder'), region };
  // The rate the kind needs, as exact text (a Dutch decimal comma becomes a point); the service judges its form.
  const rate = { 'municipal-levy': ['levyRate', 'Vul het bedrag per inwoner in, bijvoorbeeld 0,25.'],
    'project-overhead': ['overhead', 'Vul het overheadpercentage in, bijvoorbeeld 7,5.'], 'in-kind': ['hourlyRate', 'Vul het uurtarief in, bijvoorbeeld 65,00.'] }[kind];
  if (rate) {
    const text = v(rate[0]).replace(/\s/g, '').replace(',', '.');
    if (!/^\d+(\.\d+)?$/.test(text)) { showError(form, rate[0], t(rate[1])); return; }
    body[rate[0]] = text;
  }
  try {
    await api('/api/funding-sources', { method: 'POST', body });
    say(document.getElementById('own-result'), `${t('Bron aangemaakt')}: ${v('name')}`);
    form.reset(); ownKind();
    await loadSources();
  } catch (e) { showProblem(form, e); }
});
// The rate field of the chosen kind, and a button that says what it makes.
function ownKind() {
  const kind = document.getElementById('own-kind').value;
  document.getElementById('own-levy-field').hidden = kind !== 'municipal-levy';
  document.getElementById('own-overhead-field').hidden = kind !== 'project-overhead';
  document.getElementById('own-hourly-field').hidden = kind !== 'in-kind';
  document.getElementById('own-create').textContent = t(kind === 'private' ? 'Private bron aanmaken' : 'Bron aanmaken');
}
document.getElementById('own-kind').addEventListener('change', ownKind);
document.getElementById('contribution').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target; clearErrors(form);
  const v = name => form.elements[name].value.trim();
  const amount = parseAmount(v('amount'));
  if (amount === null) { showError(form, 'amount', t('Vul een bedrag in, bijvoorbeeld 5.000,00.')); return; }
  try {
    await api(`/api/funding-sources/${encodeURIComponent(v('source'))}/contributions`, { method: 'POST',
      body: { contributionId: v('contributionId'), year: Number(yearInput.value), contributor: v('contributor'), amount } });
    say(document.getElementById('own-result'), `${t('Bijdrage vastgelegd')}: ${eur(amount)}`);
    form.reset();
    await loadSources();
    await glance();
  } catch (e) { showProblem(form, e); }
});

// ---- municipal levies: invoice the region's municipalities per inhabitant, see what is outstanding -------------
const levyForm = document.getElementById('levy');
const levyYear = document.getElementById('levy-year');
levyYear.value = yearInput.value;
function showInvoices(r) {
  const target = document.getElementById('invoices');
  if (r.count === 0) { target.replaceChildren(el('p', { id: 'invoices-none' }, t('Voor dit jaar zijn nog geen facturen gemaakt.'))); return; }
  target.replaceChildren(
    el('p', { id: 'invoices-summary' }, `${r.count} ${t('gemeenten')}, ${t('gefactureerd')} `, el('strong', { id: 'invoices-total' }, eur(r.total)),
      `, ${t('nog te ontvangen')} `, el('strong', { id: 'invoices-outstanding' }, eur(r.outstanding))),
    table([['Gemeente', i => i.municipalityName], ['Code', i => i.municipalityCode], ['Inwoners', i => i.inhabitants.toLocaleString('nl-NL'), 'num'],
      ['Peiljaar', i => String(i.referenceYear)], ['Bedrag', i => eur(i.amount), 'num'], ['Nog te ontvangen', i => eur(i.outstanding), 'num']],
    r.invoices, { id: 'invoices-table' }));
}
async function loadInvoices(form, { invoice }) {
  clearErrors(form);
  const source = form.elements.source.value;
  if (!source) { showError(form, 'source', t('Maak eerst een gemeentelijke bijdrage aan bij Eigen bronnen.')); return; }
  const year = Number(form.elements.year.value);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) { showError(form, 'year', t('Vul een jaar in, bijvoorbeeld 2026.')); return; }
  try {
    const path = `/api/funding-sources/${encodeURIComponent(source)}/years/${year}/invoices`;
    const r = invoice ? await api(path, { method: 'POST', body: {} }) : await api(path);
    if (invoice) say(document.getElementById('levy-result'), `${t('Gefactureerd')}: ${r.count} ${t('gemeenten')}, ${eur(r.total)}`);
    showInvoices(r);
    if (invoice) await glance();
  } catch (e) { showProblem(form, e); }
}
levyForm.addEventListener('submit', (event) => { event.preventDefault(); loadInvoices(levyForm, { invoice: true }); });
document.getElementById('levy-show').addEventListener('click', () => loadInvoices(levyForm, { invoice: false }));

// ---- hours given in kind and overhead charged on a project ----------------------------------------------------
/** Hours as exact text with at most two decimals ("16,5" → "16.5"), or null. */
function parseHours(text) {
  const s = String(text ?? '').trim().replace(',', '.');
  return /^\d+(\.\d{1,2})?$/.test(s) && Number(s) > 0 ? s : null;
}
document.getElementById('hours').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target; clearErrors(form);
  const v = name => form.elements[name].value.trim();
  let bad = false;
  if (!v('source')) { showError(form, 'source', t('Maak eerst een bron van het soort Uren in natura aan bij Eigen bronnen.')); bad = true; }
  if (!v('recordId')) { showError(form, 'recordId', t('Dit veld is verplicht.')); bad = true; }
  const hours = parseHours(v('hours'));
  if (hours === null) { showError(form, 'hours', t('Vul het aantal uren in, bijvoorbeeld 16,5.')); bad = true; }
  if (bad) return;
  try {
    const r = await api(`/api/funding-sources/${encodeURIComponent(v('source'))}/hours`, { method: 'POST',
      body: { recordId: v('recordId'), year: Number(yearInput.value), hours, description: v('description') || null } });
    say(document.getElementById('hours-result'), `${t('Uren vastgelegd')}: ${Number(hours).toLocaleString('nl-NL')} ${t('uur')}, ${t('waarde')} ${eur(r.amount)}`);
    form.reset(); await loadSources();
    await glance();
  } catch (e) { showProblem(form, e); }
});
document.getElementById('overhead').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target; clearErrors(form);
  const v = name => form.elements[name].value.trim();
  let bad = false;
  if (!v('source')) { showError(form, 'source', t('Maak eerst een bron van het soort Overhead op projecten aan bij Eigen bronnen.')); bad = true; }
  for (const name of ['chargeId', 'projectId']) if (!v(name)) { showError(form, name, t('Dit veld is verplicht.')); bad = true; }
  const costs = parseAmount(v('projectCosts'));
  if (costs === null) { showError(form, 'projectCosts', t('Vul een bedrag in, bijvoorbeeld 10.000,00.')); bad = true; }
  if (bad) return;
  try {
    const r = await api(`/api/funding-sources/${encodeURIComponent(v('source'))}/overhead-charges`, { method: 'POST',
      body: { chargeId: v('chargeId'), year: Number(yearInput.value), projectId: v('projectId'), projectCosts: costs } });
    say(document.getElementById('overhead-result'), `${t('Overhead doorbelast')}: ${eur(r.amount)} ${t('op')} ${eur(costs)}`);
    form.reset(); await loadSources();
    await glance();
  } catch (e) { showProblem(form, e); }
});

// ---- a saved draft reopened (manager.html?draft=…) at the step it reached: 2, or 3 once its plan was saved ----------
const draftId = new URLSearchParams(location.search).get('draft');
async function loadDraft(id) {
  const form = appForm;
  try {
    const app = await api(`/api/applications/${encodeURIComponent(id)}`);
    if (app.state !== 'Draft') { showError(form, null, `${t('Alleen een concept kan worden bewerkt; deze aanvraag is')} ${stateText(app.state).toLowerCase()}.`); return; }
    document.getElementById('new-title').textContent = `${t('Concept')}: ${app.title}`;
    form.elements.id.value = app.id;
    form.elements.title.value = app.title;
    const fund = form.elements.fundingSource;
    if (![...fund.options].some(o => o.value === app.fundingSource)) fund.append(el('option', { value: app.fundingSource }, sourceName(app.fundingSource)));
    fund.value = app.fundingSource;
    lockDraft(app.id);
    form.elements.requested.value = plainAmount(app.requested);
    form.elements.projectCosts.value = plainAmount(app.projectCosts);
    plan.replaceChildren(); partCount = 0;
    for (const p of app.plan) addPart(p.source, plainAmount(p.amount));
    themeField(app.theme ?? '');
    check();
    // Every entry after the creation is an edit of the draft: its plan was saved, so checking and submitting is next.
    const planSaved = (app.historyCount ?? app.history.length) > 1;
    savedNote(t(planSaved ? 'U gaat verder met uw concept: controleer het en dien het in.' : 'U gaat verder met uw concept: vul het financieringsplan aan.'));
    if (planSaved) await review(app);
    steps.go(planSaved ? 3 : 2);
  } catch (e) { showProblem(form, e); }
}

yearInput.addEventListener('change', () => { levyYear.value = yearInput.value; glance(); });
ownKind();
if (!draftId) addPart();
proposeId(document.getElementById('app-id'), [document.getElementById('app-title')], { taken: () => appIds });
proposeId(document.getElementById('own-id'), [document.getElementById('own-name')], { taken: () => sources.map(s => s.id) });
proposeId(document.getElementById('contrib-id'), [document.getElementById('contrib-by')], { prefix: `bijdrage ${today()} ` });
proposeId(document.getElementById('hours-id'), [document.getElementById('hours-description')], { prefix: `uren ${today()} ` });
proposeId(document.getElementById('overhead-id'), [document.getElementById('overhead-project')], { prefix: `overhead ${today()} ` });
await Promise.all([work(), glance(), loadSources(), projection(document.getElementById('projection'), region)]);
if (draftId) await loadDraft(draftId);
