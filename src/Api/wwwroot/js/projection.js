// A region's projection over the coming years (GET /api/planning/regions/{id}/projection): a table, a chart of the
// gap per year, and the CSV fetched with the token. Used by the PVO-manager's and the ministry's pages.
import { api, el, t, eur, table, barChart } from './app.js';

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
        ['Werkelijk ontvangen', y => y.actuals ? eur(y.actuals.cash) : '—', 'num']], p.years, { id: 'projection-table' }),
      el('figure', { id: 'chart-gap' }, el('figcaption', {}, t('Tekort per jaar')),
        barChart(p.years.map(y => ({ label: String(y.year), value: Number(y.gap) })), { title: t('Tekort per jaar'), format: v => eur(v.toFixed(2)) })),
      csv);
  } catch (e) { target.replaceChildren(el('p', { class: 'error' }, e.message)); }
}
