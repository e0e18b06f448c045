import { parseAmount, api, say, header, el, fillOptions, t, eur, table, clearErrors, showError, showProblem, today, REGIONS, barChart, views, proposeId } from './app.js';

import { inbox, budgets, fundForm, commitForm } from './owner.js';
import { projection } from './projection.js';
import { distribution } from './distribution.js';

header({ requireRole: 'ministry' });
views();
let fillCommit = async () => {};
const refreshBudgets = () => Promise.all([budgets(document.getElementById('budgets'), 'national'), fillCommit()]);
fundForm(document.getElementById('new-fund'), { kind: 'national-scheme', ownerFields: {}, funder: 'Ministerie van Justitie en Veiligheid', after: refreshBudgets });
// The ministry commits a national scheme's money to a region outside an application, as an officer does a province's.
fillCommit = commitForm(document.getElementById('commit'), { owner: 'national', after: refreshBudgets });
const regionName = id => REGIONS.find(r => r[0] === id)?.[1] ?? id;
const pct = text => `${Number(text).toLocaleString('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %`;
const perInh = text => `€ ${Number(text).toLocaleString('nl-NL', { minimumFractionDigits: 4, maximumFractionDigits: 4 })}`;
const LINE_NL = { rijk: 'Rijk', province: 'Provincie', municipalities: 'Gemeenten', projects: 'Projecten', private: 'Privaat' };

let scenarios = [];
async function loadScenarios() {
  scenarios = await api('/api/planning/scenarios');
  const multi = document.getElementById('compare-scenarios');
  const chosen = new Set([...multi.selectedOptions].map(o => o.value));
  if (chosen.size === 0) chosen.add('status-quo');
  multi.replaceChildren(...scenarios.map(s => el('option', { value: s.id, selected: chosen.has(s.id) }, s.name)));
  fillOptions(document.getElementById('solve-scenario'), scenarios);
  fillOptions(document.getElementById('projection-scenario'), scenarios);
  document.getElementById('scenario-list').replaceChildren(
    table([['Naam', s => s.name]], scenarios, { id: 'scenario-table' }, { rowId: s => s.id }));
  syncView();
}
function syncView() {
  const multi = document.getElementById('compare-scenarios');
  const view = document.getElementById('compare-view');
  const keep = view.value;
  const ids = [...multi.selectedOptions].map(o => o.value);
  view.replaceChildren(...ids.map(id => el('option', { value: id }, scenarios.find(s => s.id === id)?.name ?? id)));
  if (ids.includes(keep)) view.value = keep;
}
document.getElementById('compare-scenarios').addEventListener('change', syncView);

async function compare() {
  const form = document.getElementById('compare');
  clearErrors(form);
  const ids = [...form.elements.scenarios.selectedOptions].map(o => o.value);
  if (ids.length === 0) { showError(form, 'scenarios', t('Kies ten minste één scenario.')); return; }
  const year = Number(form.elements.year.value);
  const target = document.getElementById('comparison');
  target.replaceChildren(el('p', { class: 'muted', role: 'status' }, t('Bezig…')));
  let c;
  try { c = await api(`/api/planning/comparison?scenarios=${encodeURIComponent(ids.join(','))}&from=${year}&years=5`); }
  catch (e) { target.replaceChildren(); showProblem(form, e); return; }
  const viewId = form.elements.view.value || ids[0];
  const view = c.ministry.find(m => m.scenario === viewId) ?? c.ministry[0];
  const regions = view.regions.filter(r => r.year === year);

  const perInhabitant = barChart(regions.map(r => ({ label: regionName(r.region), value: Number(r.perInhabitant) })),
    { title: t('Geld per inwoner'), format: v => perInh(v) });
  const rijk = barChart(regions.map(r => ({ label: regionName(r.region), value: Number(r.rijkDependence) })),
    { title: t('Afhankelijkheid van het Rijk'), format: v => pct(v) });
  const themeTotals = new Map();
  for (const r of regions) for (const th of r.themes) themeTotals.set(th.line, (themeTotals.get(th.line) ?? 0) + Number(th.amount));
  const themes = barChart([...themeTotals].map(([label, value]) => ({ label, value })), { title: t('Thema\'s'), format: v => eur(v.toFixed(2)) });
  const mix = r => r.payers.filter(p => Number(p.share) > 0).map(p => `${t(LINE_NL[p.line] ?? p.line)} ${pct(p.share)}`).join(', ');

  const side = c.rows.filter(r => r.year === year);
  target.replaceChildren(
    el('h3', {}, `${t('Scenario')} ${scenarios.find(s => s.id === view.scenario)?.name ?? view.scenario} (${t('versie')} ${view.version}), ${year}`),
    el('figure', { id: 'chart-per-inhabitant' }, el('figcaption', {}, t('Geld per inwoner')), perInhabitant),
    el('figure', { id: 'chart-rijk' }, el('figcaption', {}, t('Afhankelijkheid van het Rijk')), rijk),
    table([['Regio', r => regionName(r.region)], ['Inwoners', r => r.inhabitants.toLocaleString('nl-NL'), 'num'], ['Geld', r => eur(r.cash), 'num'],
      ['Per inwoner', r => perInh(r.perInhabitant), 'num'], ['Rijk', r => pct(r.rijkDependence), 'num'], ['Bronnen', mix]], regions, { id: 'ministry-table' }),
    el('figure', { id: 'chart-themes' }, el('figcaption', {}, t('Uitgaven per thema')), themes),
    el('h3', {}, t('Naast elkaar: tekort per regio')),
    table([['Regio', r => regionName(r.region)], ...c.scenarios.map(s => [`${s.name}`, r => eur(r.scenarios.find(x => x.scenario === s.id)?.gap), 'num'])],
      side, { id: 'side-by-side' }));
}
document.getElementById('compare').addEventListener('submit', e => { e.preventDefault(); compare(); });

document.getElementById('scenario').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target; clearErrors(form);
  const v = n => form.elements[n].value.trim().replace(',', '.');
  const body = { id: v('id'), name: form.elements.name.value.trim() };
  const mandate = {};
  // A mandate names all three payers; an empty one pays nothing (the legend says so).
  const payers = ['rijk', 'province', 'municipalities'];
  if (payers.some(k => v(`perInhabitant.${k}`))) for (const k of payers) mandate[k] = v(`perInhabitant.${k}`) || '0.00';
  if (Object.keys(mandate).length) body.perInhabitant = mandate;
  const co = {};
  if (v('coFinancing.rate')) co.rate = v('coFinancing.rate');
  // The pot is euros, read the Dutch way like every amount field ("30.000" is thirty thousand); the rates stay as typed.
  const pot = form.elements['coFinancing.pot'].value.trim();
  if (pot) co.pot = parseAmount(pot) ?? pot;
  if (Object.keys(co).length) body.coFinancing = co;
  if (v('indexation')) body.indexation = v('indexation');
  if (!body.id) { showError(form, 'id', t('Geef het scenario een kenmerk: kleine letters, cijfers en streepjes.')); return; }
  try {
    let saved;
    if (scenarios.some(s => s.id === body.id)) {
      const { id, ...rest } = body;
      saved = await api(`/api/planning/scenarios/${encodeURIComponent(id)}`, { method: 'PUT', body: rest });
    } else {
      saved = await api('/api/planning/scenarios', { method: 'POST', body });
    }
    say(document.getElementById('sc-result'), `${t('Opgeslagen')}: ${saved.name ?? body.name} (${t('versie')} ${saved.version ?? 1})`);
    await loadScenarios();
  } catch (e) {
    // The API names nested fields as perInhabitant.rijk or coFinancing.rate: the controls carry those names.
    showProblem(form, e);
  }
});

document.getElementById('solve').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target; clearErrors(form);
  const busy = document.getElementById('solve-busy');
  busy.textContent = t('Bezig…');
  const target = document.getElementById('solve-result');
  try {
    const r = await api('/api/planning/solve', { method: 'POST', body: { mode: form.elements.mode.value, scenario: form.elements.scenario.value } });
    const res = r.result;
    const fmt = res.mode === 'per-inhabitant' ? perInh : pct;
    busy.textContent = '';
    target.replaceChildren(
      res.feasible ? el('p', { id: 'solve-answer', class: 'ok' }, `${t('Kleinste waarde die elk tekort dicht')}: ${fmt(res.value)} (${r.from}–${r.from + r.years - 1})`)
        : el('p', { id: 'solve-answer', class: 'error' }, `${t('Geen waarde dicht elk tekort; open blijven')}: ${res.openRegions.map(regionName).join(', ')}`),
      el('figure', { id: 'chart-sweep' }, el('figcaption', {}, t('Gevoeligheid: totaal tekort per waarde')),
        barChart(res.sensitivity.map(p => ({ label: `${p.offset} (${fmt(p.value)})`, value: Number(p.totalShortfall) })), { title: t('Gevoeligheid'), format: v => eur(v.toFixed(2)) })),
      table([['Afwijking', p => p.offset], ['Waarde', p => fmt(p.value), 'num'], ['Regio\'s met tekort', p => String(p.regionsWithGap), 'num'],
        ['Totaal tekort', p => eur(p.totalShortfall), 'num'], ['Rijk totaal', p => eur(p.rijkTotal), 'num']], res.sensitivity, { id: 'sweep-table' }));
  } catch (e) { busy.textContent = ''; showProblem(form, e); }
});

document.getElementById('compare-year').value = today().slice(0, 4);
proposeId(document.getElementById('sc-id'), [document.getElementById('sc-name')], { taken: () => scenarios.map(s => s.id) });
document.getElementById('projection-region').replaceChildren(...REGIONS.map(([id, name]) => el('option', { value: id }, name)));
document.getElementById('projection-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const f = event.target; clearErrors(f);
  const years = Number(f.elements.years.value);
  if (!(years >= 2 && years <= 10)) { showError(f, 'years', t('Kies 2 tot 10 jaar.')); return; }
  projection(document.getElementById('projection'), f.elements.region.value, { years, scenario: f.elements.scenario.value });
});
const fillDistribution = distribution(document.getElementById('distribution'), { owner: 'national', link: document.getElementById('distribution-link'), after: refreshBudgets });
await Promise.all([inbox(document.getElementById('inbox'), 'national'), refreshBudgets(), loadScenarios(), fillDistribution()]);
await compare();
