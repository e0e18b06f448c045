// A budget year spread over the regions in one step (docs/distribution.md): choose source, year and rule, preview the
// parts per region, commit them all at once after a confirmation. Used by the ministry's page (national schemes) and
// the provincial officer's (the province's funds over its regions). Its words in English live here, not in en.js.
import { api, el, eur, t, lang, table, clearErrors, showError, showProblem, parseAmount, fillOptions, say, today, slug } from './app.js';

const EN_DIST = {
  'Verdelen over de regio\'s': 'Distribute over the regions',
  'Een begrotingsjaar in één keer over de regio\'s verdelen: eerst een voorbeeld, dan alle delen tegelijk toezeggen (alles of niets). De delen tellen altijd precies op tot het totaal.':
    'Spread a budget year over the regions in one step: first a preview, then commit every part at once (all or nothing). The parts always add up to the total exactly.',
  'Regeling of fonds': 'Scheme or fund', 'Jaar': 'Year', 'Verdeelsleutel': 'Rule', 'Per inwoner': 'Per inhabitant',
  'Vast bedrag per regio plus per inwoner': 'Fixed amount per region plus per inhabitant', 'Volgens een scenario': 'By a scenario',
  'Totaal te verdelen': 'Total to distribute', 'Vast bedrag per regio': 'Fixed amount per region', 'Scenario': 'Scenario',
  'Kenmerk verdeling (voorgesteld)': 'Distribution id (proposed)', 'Meteen uitbetalen (via de tussenpersoon als de regeling die heeft)': 'Pay at once (through the intermediary if the scheme has one)',
  'Voorbeeld tonen': 'Show preview', 'Verdeling vastleggen': 'Commit distribution', 'Regio': 'Region', 'Inwoners': 'Inhabitants',
  'Peiljaar': 'Reference year', 'Bedrag in scenario': 'Amount in scenario', 'Vast deel': 'Fixed part', 'Bedrag': 'Amount', 'Totaal': 'Total',
  'Voorbeeld: er is nog niets toegezegd.': 'Preview: nothing is committed yet.', 'Toegezegd': 'Committed', 'Toegezegd en betaald': 'Committed and paid',
  'Verdeling vastleggen?': 'Commit the distribution?', 'Ja, vastleggen': 'Yes, commit', 'Annuleren': 'Cancel',
  'Dit kan niet ongedaan worden gemaakt.': 'This cannot be undone.', 'regio\'s krijgen samen': 'regions receive together', 'uit': 'from', 'voor': 'for',
  'en het wordt meteen uitbetaald': 'and it is paid at once', 'via': 'through', 'Maak eerst een regeling of fonds aan.': 'Create a scheme or fund first.',
  'Vul een jaar in, bijvoorbeeld 2026.': 'Fill in a year, e.g. 2026.', 'Vul een bedrag in, bijvoorbeeld 1.234,56.': 'Fill in an amount, e.g. 1.234,56.',
  'Kies een scenario.': 'Choose a scenario.', 'Dit veld is verplicht.': 'This field is required.', 'Verdeling': 'Distribution',
  'Bekijk eerst het voorbeeld van deze verdeling.': 'Look at the preview of this distribution first.',
};
const tt = nl => (lang() === 'en' ? (EN_DIST[nl] ?? t(nl)) : nl);
const RULES = [['per-inhabitant', 'Per inwoner'], ['base-plus-per-inhabitant', 'Vast bedrag per regio plus per inwoner'], ['scenario', 'Volgens een scenario']];

function field(id, label, control) {
  return el('div', { class: 'field' }, el('label', { for: id }, tt(label)), control);
}

/** Fills `section` with the distribution form for sources owned by `owner` ('national' or 'province:<name>'); returns a refresh. */
export function distribution(section, { owner, link, after = async () => {} }) {
  if (link) link.textContent = tt('Verdelen over de regio\'s');
  const year = el('input', { id: 'dist-year', name: 'year', inputmode: 'numeric', value: today().slice(0, 4) });
  const source = el('select', { id: 'dist-source', name: 'source' });
  const rule = el('select', { id: 'dist-rule', name: 'rule' }, RULES.map(([v, nl]) => el('option', { value: v }, tt(nl))));
  const total = el('input', { id: 'dist-total', name: 'total', inputmode: 'decimal', 'data-amount': true });
  const base = el('input', { id: 'dist-base', name: 'base', inputmode: 'decimal', 'data-amount': true });
  const scenario = el('select', { id: 'dist-scenario', name: 'scenario' });
  const id = el('input', { id: 'dist-id', name: 'distributionId' });
  const pay = el('input', { id: 'dist-pay', name: 'pay', type: 'checkbox' });
  const baseField = field('dist-base', 'Vast bedrag per regio', base);
  const scenarioField = field('dist-scenario', 'Scenario', scenario);
  const previewButton = el('button', { type: 'submit', id: 'dist-preview' }, tt('Voorbeeld tonen'));
  const commitButton = el('button', { type: 'button', id: 'dist-commit', class: 'secondary', disabled: true }, tt('Verdeling vastleggen'));
  const status = el('p', { id: 'dist-result', role: 'status' });
  const result = el('div', { id: 'dist-parts' });
  const form = el('form', { id: 'distribution-form', novalidate: true },
    el('div', { class: 'row' }, field('dist-source', 'Regeling of fonds', source), field('dist-year', 'Jaar', year), field('dist-rule', 'Verdeelsleutel', rule)),
    el('div', { class: 'row' }, field('dist-total', 'Totaal te verdelen', total), baseField, scenarioField),
    el('div', { class: 'row' }, field('dist-id', 'Kenmerk verdeling (voorgesteld)', id),
      el('div', { class: 'field' }, el('label', { for: 'dist-pay' }, pay, ' ', tt('Meteen uitbetalen (via de tussenpersoon als de regeling die heeft)')))),
    previewButton, ' ', commitButton, status);
  const dialog = el('dialog', { id: 'dist-dialog', 'aria-labelledby': 'dist-dialog-title' },
    el('h2', { id: 'dist-dialog-title' }, tt('Verdeling vastleggen?')), el('p', { id: 'dist-dialog-what' }),
    el('p', {}, tt('Dit kan niet ongedaan worden gemaakt.')),
    el('button', { type: 'button', id: 'dist-yes' }, tt('Ja, vastleggen')), ' ',
    el('button', { type: 'button', id: 'dist-no', class: 'secondary' }, tt('Annuleren')));
  section.replaceChildren(el('h2', { id: 'distribution-title' }, tt('Verdelen over de regio\'s')),
    el('p', { class: 'muted' }, tt('Een begrotingsjaar in één keer over de regio\'s verdelen: eerst een voorbeeld, dan alle delen tegelijk toezeggen (alles of niets). De delen tellen altijd precies op tot het totaal.')),
    form, result, dialog);

  let previewed = null; // the request the shown preview answers; committing sends exactly that
  const syncRule = () => { baseField.hidden = rule.value !== 'base-plus-per-inhabitant'; scenarioField.hidden = rule.value !== 'scenario'; };
  const proposeId = () => { if (id.dataset.own !== 'true') id.value = slug(`verdeling ${source.value} ${year.value}`).slice(0, 40).replace(/-+$/, ''); };
  id.addEventListener('input', () => { id.dataset.own = 'true'; });
  const stale = () => { previewed = null; commitButton.disabled = true; };
  for (const c of [source, year, rule, total, base, scenario, pay]) c.addEventListener('change', () => { syncRule(); proposeId(); stale(); });
  syncRule();

  const request = () => {
    clearErrors(form);
    const v = c => c.value.trim();
    let bad = false;
    if (!v(source)) { showError(form, 'source', tt('Maak eerst een regeling of fonds aan.')); bad = true; }
    if (!/^\d{4}$/.test(v(year))) { showError(form, 'year', tt('Vul een jaar in, bijvoorbeeld 2026.')); bad = true; }
    const amount = parseAmount(v(total));
    if (amount === null) { showError(form, 'total', tt('Vul een bedrag in, bijvoorbeeld 1.234,56.')); bad = true; }
    const body = { rule: rule.value, total: amount, pay: pay.checked, distributionId: v(id) || null };
    if (rule.value === 'base-plus-per-inhabitant') {
      body.base = parseAmount(v(base));
      if (body.base === null) { showError(form, 'base', tt('Vul een bedrag in, bijvoorbeeld 1.234,56.')); bad = true; }
    }
    if (rule.value === 'scenario') {
      if (!v(scenario)) { showError(form, 'scenario', tt('Kies een scenario.')); bad = true; }
      body.scenario = v(scenario);
    }
    return bad ? null : { path: `/api/funding-sources/${encodeURIComponent(v(source))}/years/${v(year)}/distributions`, body };
  };

  const show = (view, caption) => {
    const sum = view.parts.reduce((s, p) => s + BigInt(p.amount.replace('.', '')), 0n);
    const totalText = `${sum / 100n}.${String(sum % 100n).padStart(2, '0')}`;
    const scenarioRule = view.rule === 'scenario';
    const cols = [['Regio', p => p.name],
      ...(scenarioRule ? [['Bedrag in scenario', p => eur(p.scenarioAmount), 'num']]
        : [['Inwoners', p => p.inhabitants === null ? '' : Number(p.inhabitants).toLocaleString('nl-NL'), 'num'], ['Peiljaar', p => p.populationYear ?? '', 'num']]),
      ...(view.base ? [['Vast deel', p => eur(p.base), 'num']] : []),
      ['Bedrag', p => eur(p.amount), 'num']].map(([h, f, c]) => [tt(h), f, c]);
    const box = table(cols, view.parts, { id: 'dist-table', 'aria-label': tt('Verdeling') }, { rowId: p => p.region });
    box.querySelector('tbody').append(el('tr', { class: 'total' }, el('th', { scope: 'row', colspan: String(cols.length - 1) }, tt('Totaal')), el('td', { class: 'num', id: 'dist-sum' }, eur(totalText))));
    result.replaceChildren(el('p', { id: 'dist-caption' }, caption), box);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const r = request();
    if (!r) return;
    try {
      const view = await api(`${r.path}/preview`, { method: 'POST', body: r.body });
      show(view, tt('Voorbeeld: er is nog niets toegezegd.'));
      previewed = { ...r, view };
      commitButton.disabled = false;
    } catch (e) { stale(); showProblem(form, e); }
  });

  commitButton.addEventListener('click', async () => {
    const r = request();
    if (!r) return;
    if (!previewed || JSON.stringify(previewed.body) !== JSON.stringify(r.body) || previewed.path !== r.path) {
      showError(form, null, tt('Bekijk eerst het voorbeeld van deze verdeling.'));
      return;
    }
    if (!r.body.distributionId) { showError(form, 'distributionId', tt('Dit veld is verplicht.')); return; }
    const name = source.selectedOptions[0]?.textContent ?? source.value;
    document.getElementById('dist-dialog-what').textContent =
      `${previewed.view.parts.length} ${tt('regio\'s krijgen samen')} ${eur(r.body.total)} ${tt('uit')} ${name} ${tt('voor')} ${year.value.trim()}`
      + (r.body.pay ? ` ${tt('en het wordt meteen uitbetaald')}${previewed.view.via ? ` ${tt('via')} ${previewed.view.via.toUpperCase()}` : ''}.` : '.');
    const yes = await new Promise(resolve => {
      const done = answer => { dialog.close(); resolve(answer); };
      document.getElementById('dist-yes').onclick = () => done(true);
      document.getElementById('dist-no').onclick = () => done(false);
      dialog.oncancel = e => { e.preventDefault(); done(false); };
      dialog.showModal();
      document.getElementById('dist-no').focus();
    });
    if (!yes) return;
    try {
      const view = await api(r.path, { method: 'POST', body: r.body });
      const word = view.status === 'paid' ? tt('Toegezegd en betaald') : tt('Toegezegd');
      show(view, `${word}: ${tt('Verdeling')} ${view.distributionId}`);
      say(status, `${word}: ${eur(view.total)} ${tt('uit')} ${name} ${tt('voor')} ${view.year}`);
      stale();
      await after();
    } catch (e) { showProblem(form, e); }
  });

  const refresh = async () => {
    try {
      fillOptions(source, (await api('/api/funding-sources')).filter(s => s.owner === owner && (s.kind === 'national-scheme' || s.kind === 'provincial-fund')));
      proposeId();
    } catch (e) { showProblem(form, e); }
    try {
      const list = await api('/api/planning/scenarios');
      fillOptions(scenario, (list.scenarios ?? list).map(s => ({ id: s.id, name: s.name || s.id })));
    } catch {
      // Listing scenarios needs a national reach; without it the scenario rule is not offered.
      rule.querySelector('option[value="scenario"]')?.remove();
      syncRule();
    }
  };
  return refresh;
}
