// What a fund's owner needs on its page: the inbox of applications to decide, each fund's budget this year, and a
// form to open a fund with its ceiling. Used by the provincial officer (owner province:<name>) and the ministry (national).
import { api, say, listAll, el, fillOptions, t, translate, eur, date, table, clearErrors, showError, showProblem, parseAmount, today, REGIONS,
  stateBadge, regionName, proposeId } from './app.js';
import { tasksFor, renderTasks, fundNames } from './tasks.js';

const year = today().slice(0, 4);
const OPEN = ['Submitted', 'UnderReview', 'InformationRequested', 'AmendmentRequested', 'AccountabilitySubmitted'];
const WHAT = { Submitted: 'Beoordeling starten', UnderReview: 'Besluiten', InformationRequested: 'Wacht op informatie',
  AmendmentRequested: 'Wijziging beoordelen', AccountabilitySubmitted: 'Vaststellen' };

/**
 * The owner's work: its tasks most urgent first, the applications to its funds that wait for it (by decision date,
 * titles and names, state badges), and the main action "Eerstvolgende beoordelen" pointing at the most urgent one.
 */
export async function inbox(target, owner) {
  const box = document.getElementById('tasks-box');
  try {
    const [list, funds] = await Promise.all([listAll('/api/applications'), fundNames()]);
    const mine = list.applications.filter(a => a.fundOwner === owner && OPEN.includes(a.state))
      .sort((x, y) => (x.deadlines.decision ?? '9999').localeCompare(y.deadlines.decision ?? '9999') || x.title.localeCompare(y.title));
    target.replaceChildren(mine.length === 0 ? el('p', {}, t('Niets te beslissen.')) :
      table([['Aanvraag', a => el('a', { href: `/application.html?id=${encodeURIComponent(a.id)}`, translate: 'no' }, a.title)],
        ['Regio', a => regionName(a.region)], ['Fonds', a => funds.get(a.fundingSource) ?? a.fundingSource], ['Status', a => stateBadge(a.state)],
        ['Te doen', a => t(WHAT[a.state] ?? '')], ['Gevraagd', a => eur(a.requested), 'num'], ['Besluit uiterlijk', a => date(a.deadlines.decision)]],
      mine, { id: 'inbox-table' }, { rowId: a => a.id }));
    const tasks = await tasksFor('owner', list.applications, { owner });
    if (box) renderTasks(box, tasks, funds, { eur });
    const next = document.getElementById('start-next');
    const first = tasks.find(x => !x.waiting);
    if (next && first) {
      next.href = `/application.html?id=${encodeURIComponent(first.app.id)}`;
      // The title is the applicant's own words: translate="no" keeps it out of any translation (and of the language checks).
      next.replaceChildren(`${t(first.what)}: `, el('span', { translate: 'no' }, first.app.title));
      next.hidden = false;
    }
  } catch (e) {
    target.replaceChildren(el('p', { class: 'error' }, e.message));
    if (box) box.replaceChildren(el('p', { class: 'error' }, e.message));
  }
}

/** Each of the owner's funds with this year's ceiling, committed, paid and available. */
export async function budgets(target, owner) {
  try {
    const sources = (await api('/api/funding-sources')).filter(s => s.owner === owner);
    const rows = await Promise.all(sources.map(async s => {
      const d = await api(`/api/funding-sources/${encodeURIComponent(s.id)}`);
      const y = d.years.find(x => String(x.year) === year) ?? { ceiling: '0.00', committed: '0.00', paid: '0.00', available: '0.00' };
      return { ...s, ...y };
    }));
    target.replaceChildren(rows.length === 0 ? el('p', {}, t('Nog geen fondsen.')) :
      table([['Fonds', r => r.name], ['Plafond', r => eur(r.ceiling), 'num'], ['Toegezegd', r => eur(r.committed), 'num'],
        ['Betaald', r => eur(r.paid), 'num'], ['Beschikbaar', r => eur(r.available), 'num']], rows, { id: 'budgets-table' }, { rowId: r => r.id }),
      el('p', { class: 'muted' }, `${t('Jaar')} ${year}`));
  } catch (e) { target.replaceChildren(el('p', { class: 'error' }, e.message)); }
}

/** Wires a fund form: creates the source (kind and owner fields given) and sets this year's ceiling. */
export function fundForm(form, { kind, ownerFields, funder, after }) {
  let taken = [];
  api('/api/funding-sources').then(list => { taken = list.map(x => x.id); }, () => {});
  proposeId(form.elements.id, [form.elements.name], { taken: () => taken });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const v = n => form.elements[n]?.value.trim() ?? '';
    const ceiling = parseAmount(v('ceiling'));
    if (!v('id')) { showError(form, 'id', t('Geef het fonds een kenmerk: kleine letters, cijfers en streepjes.')); return; }
    if (ceiling === null) { showError(form, 'ceiling', t('Vul het plafond in, bijvoorbeeld 100.000,00.')); return; }
    const body = { id: v('id'), name: v('name'), kind, funder: v('funder') || funder, ...ownerFields };
    if (v('maxCofinancing')) body.maxCofinancing = v('maxCofinancing').replace(',', '.');
    if (v('themes')) body.themes = v('themes').split(',').map(x => x.trim()).filter(Boolean);
    if (v('intermediary')) body.intermediary = v('intermediary');
    try {
      await api('/api/funding-sources', { method: 'POST', body });
    } catch (e) { showProblem(form, e); return; }
    try {
      await api(`/api/funding-sources/${encodeURIComponent(body.id)}/years/${year}`, { method: 'PUT', body: { ceiling } });
    } catch (e) { showProblem(form, e.field ? e : Object.assign(e, { field: 'ceiling' })); return; }
    say(form.querySelector('[role=\"status\"]'), `${t('Fonds aangemaakt')}: ${body.name}, ${t('plafond')} ${eur(ceiling)}`);
    taken.push(body.id);
    form.reset();
    await after();
  });
}

// The commitment form's fields, built here so the officer's and the ministry's pages share one markup.
function commitFields(form) {
  const field = (id, label, control) => el('div', { class: 'field' }, el('label', { for: id, 'data-t': label }, label), control);
  form.replaceChildren(
    el('div', { class: 'row' },
      field('commit-source', 'Fonds', el('select', { id: 'commit-source', name: 'source' })),
      field('commit-id', 'Toezeggingsnummer', el('input', { id: 'commit-id', name: 'commitmentId', required: true })),
      field('commit-region', 'Regio', el('select', { id: 'commit-region', name: 'region' }))),
    el('div', { class: 'row' },
      field('commit-year', 'Jaar', el('input', { id: 'commit-year', name: 'year', type: 'number', min: '2000', max: '2100' })),
      field('commit-amount', 'Bedrag', el('input', { id: 'commit-amount', name: 'amount', inputmode: 'decimal', 'data-amount': true, required: true })),
      field('commit-purpose', 'Doel (optioneel)', el('input', { id: 'commit-purpose', name: 'purpose' }))),
    el('button', { type: 'submit', id: 'commit-make', 'data-t': 'Toezeggen' }, 'Toezeggen'),
    el('p', { id: 'commit-result', role: 'status' }));
  translate(form);
}

/**
 * Fills an empty form with the commitment fields and wires it: the owner's funds, a region and one year's amount
 * (POST /commitments); refreshes with `after`. Returns the function that refills the list of funds.
 */
export function commitForm(form, { owner, after }) {
  commitFields(form);
  form.elements.year.value = year;
  form.elements.region.replaceChildren(...REGIONS.map(([id, name]) => el('option', { value: id }, name)));
  // A province commits only to the regions it lies in (GET /api/regions names each region's provinces): offering
  // others would only earn a refusal after sending.
  const province = owner.startsWith('province:') ? owner.slice('province:'.length) : null;
  if (province) {
    form.elements.region.replaceChildren();
    api('/api/regions').then(list => {
      const mine = (list.regions ?? list).filter(r => (r.provinces ?? []).includes(province));
      form.elements.region.replaceChildren(...mine.map(r => el('option', { value: r.id }, r.name)));
      form.elements.region.dispatchEvent(new Event('change'));
    }).catch(e => showProblem(form, e));
  }
  // The commitment's number proposed from the region and year; the service makes the call idempotent by it.
  const made = [];
  const proposeCommit = proposeId(form.elements.commitmentId, [form.elements.region, form.elements.year], { prefix: 'toezegging ', taken: () => made });
  form.elements.region.addEventListener('change', proposeCommit);
  proposeCommit();
  const fill = async () => {
    try {
      fillOptions(form.elements.source, (await api('/api/funding-sources')).filter(s => s.owner === owner && (s.kind === 'provincial-fund' || s.kind === 'national-scheme')));
    } catch (e) { showProblem(form, e); }
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const v = n => form.elements[n].value.trim();
    let bad = false;
    if (!v('source')) { showError(form, 'source', t('Maak eerst een fonds aan.')); bad = true; }
    if (!v('commitmentId')) { showError(form, 'commitmentId', t('Dit veld is verplicht.')); bad = true; }
    if (!/^\d{4}$/.test(v('year'))) { showError(form, 'year', t('Vul een jaar in, bijvoorbeeld 2026.')); bad = true; }
    const amount = parseAmount(v('amount'));
    if (amount === null) { showError(form, 'amount', t('Vul een bedrag in, bijvoorbeeld 1.234,56.')); bad = true; }
    if (bad) return;
    try {
      // The commitment id makes the call idempotent: the same id with the same content commits once.
      await api(`/api/funding-sources/${encodeURIComponent(v('source'))}/commitments`, { method: 'POST',
        body: { commitmentId: v('commitmentId'), region: v('region'), amounts: { [v('year')]: amount }, purpose: v('purpose') || null } });
    } catch (e) {
      // The service names the year's amount as amounts.<year>; here that is the amount field.
      showProblem(form, e.field?.startsWith('amounts') ? Object.assign(e, { field: 'amount' }) : e);
      return;
    }
    say(form.querySelector('[role=\"status\"]'), `${t('Toegezegd')}: ${eur(amount)} ${t('aan')} ${form.elements.region.selectedOptions[0].textContent} ${t('voor')} ${v('year')}`);
    made.push(v('commitmentId'));
    form.elements.commitmentId.value = ''; form.elements.amount.value = ''; form.elements.purpose.value = '';
    form.elements.commitmentId.dataset.proposed = 'true';
    proposeCommit();
    await after();
  });
  return fill;
}
