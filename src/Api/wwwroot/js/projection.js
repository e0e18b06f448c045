// A region's projection over the coming years (GET /api/planning/regions/{id}/projection): a table, a chart of the
// gap per year, income per line and year with what each figure rests on (committed in the ledger, assumed, or the
// ledger's actual money), and the CSV fetched with the token. Used by the PVO-manager's and the ministry's pages.
import { api, el, t, eur, table, barChart } from './app.js';

// The projection's income lines in Dutch (the API names them in English).
const LINE_NL = {
  'rijk-scheme': 'Rijksregelingen', 'rijk-per-inhabitant': 'Rijk per inwoner', 'rijk-co-financing': 'Cofinanciering Rijk',
  'province': 'Provincie', 'province-per-inhabitant': 'Provincie per inwoner', 'municipal-levy': 'Gemeentelijke bijdrage',
  'project-overhead': 'Projectoverhead', 'private': 'Privaat',
};
const BASIS_NL = { committed: 'toegezegd', assumed: 'aangenomen', actual: 'werkelijk' };

// An amount with its basis; an assumed line after a commitment ended says so, a commitment's last year too.
function figure(line) {
  const parts = [eur(line.amount), ' ', el('small', { class: `basis basis-${line.basis}` }, t(BASIS_NL[line.basis] ?? line.basis))];
  if (line.endedIn) parts.push(el('br'), el('small', { class: 'muted' }, `${t('toezegging beëindigd in')} ${line.endedIn}`));
  if ((line.commitments ?? []).some(c => c.lastYear)) parts.push(el('br'), el('small', { class: 'muted' }, t('laatste jaar van de toezegging')));
  return el('span', {}, ...parts);
}

export async function projection(target, region, { years = 5, scenario } = {}) {
  target.replaceChildren(el('p', { class: 'muted', role: 'status' }, t('Laden…')));
  const q = new URLSearchParams({ years: String(years) });
  if (scenario) q.set('scenario', scenario);
  try {
    const p = await api(`/api/planning/regions/${encodeURIComponent(region)}/projection?${q}`);
    const csv = el('button', { type: 'button', class: 'secondary', id: 'projection-csv' }, t('Projectie als CSV'));
    csv.addEventListener('click', async () => {
      const response = await api(`/api/planning/regions/${encodeURIComponent(region)}/projection.csv?${q}`, { raw: true });
      const link = el('a', { href: URL.createObjectURL(await response.blob()), download: `projectie-${region}.csv` });
      link.click();
    });
    target.replaceChildren(
      el('p', {}, `${t('Scenario')} ${p.scenario} (${t('versie')} ${p.version}); ${t('tekort over de hele periode')}: `,
        el('strong', { id: 'projection-horizon-gap' }, eur(p.horizonGap))),
      table([['Jaar', y => String(y.year)], ['Inkomsten', y => eur(y.cashIncome), 'num'], ['In natura', y => eur(y.inKindTotal), 'num'],
        ['Kosten', y => eur(y.costTotal), 'num'], ['Tekort', y => eur(y.gap), 'num'], ['Rijpheid', y => String(y.maturityScore), 'num'],
        ['Werkelijk ontvangen', y => y.actuals ? figure({ amount: y.actuals.cash, basis: 'actual' }) : '—', 'num']], p.years, { id: 'projection-table' }),
      el('h4', {}, t('Inkomsten per bron')),
      // One row per income line, one column per year.
      table([['Bron', line => t(LINE_NL[line] ?? line)],
        ...p.years.map(y => [String(y.year), line => figure(y.income.find(x => x.line === line)), 'num'])],
      p.years[0]?.income.map(x => x.line) ?? [], { id: 'projection-income' }),
      el('figure', { id: 'chart-gap' }, el('figcaption', {}, t('Tekort per jaar')),
        barChart(p.years.map(y => ({ label: String(y.year), value: Number(y.gap) })), { title: t('Tekort per jaar'), format: v => eur(v.toFixed(2)) })),
      csv);
  } catch (e) { target.replaceChildren(el('p', { class: 'error' }, e.message)); }
}
