// The manager's new application in three steps — project, funding plan, check and submit — over the service's draft:
// step 1 creates the draft, step 2 edits it, step 3 shows what the service holds and submits it. The steps are listed
// above the form with the current one marked (aria-current="step"); going back keeps every input (one form, panels
// hidden and shown). A draft opened again (manager.html?draft=<id>) continues at the step it reached.
import { el, t, eur, stateBadge, table } from './app.js';

/** Says, for a person reading it later, where the draft was left; the key lives per tab. */
export const BANNER_KEY = 'pvo.banner';

/**
 * The step machinery of a form with `#steps li[data-step]` and `[data-step-panel]` panels: `go(n)` shows step n,
 * marks it in the list and moves the focus to its heading; `current()` is the step shown; `showInvalid()` shows the
 * step of the first field in error (a refusal may name a field of another step) and leaves the focus on the summary.
 */
export function stepper(form) {
  const items = [...form.querySelectorAll('#steps li[data-step]')];
  const panels = [...form.querySelectorAll('[data-step-panel]')];
  let current = 1;
  form.querySelector('#steps')?.setAttribute('aria-label', t('Stappen van de aanvraag'));
  const stepOf = control => Number(control?.closest('[data-step-panel]')?.dataset.stepPanel ?? current);
  function go(n, { focus = true } = {}) {
    current = n;
    form.dataset.step = String(n);
    for (const p of panels) p.hidden = Number(p.dataset.stepPanel) !== n;
    for (const li of items) {
      const k = Number(li.dataset.step);
      if (k === n) li.setAttribute('aria-current', 'step'); else li.removeAttribute('aria-current');
      li.classList.toggle('done', k < n);
    }
    if (focus) {
      const heading = form.querySelector(`#step-${n}-title`);
      heading?.focus();
      heading?.scrollIntoView({ block: 'nearest' });
    }
  }
  form.querySelector('#step-2-back')?.addEventListener('click', () => go(1));
  form.querySelector('#step-3-back')?.addEventListener('click', () => go(2));
  go(1, { focus: false });
  return {
    go,
    current: () => current,
    showInvalid() {
      const bad = form.querySelector('[aria-invalid="true"]');
      if (bad && stepOf(bad) !== current) go(stepOf(bad), { focus: false });
      form.querySelector(':scope > .error-summary')?.focus();
    },
  };
}

/** The share of the costs a source pays at most, in cents (its maxCofinancing, a percentage with two decimals), or null. */
export function maxShare(source, costCents) {
  if (!source?.maxCofinancing) return null;
  const text = String(source.maxCofinancing);
  const [w, f = ''] = text.split('.');
  const bp = BigInt(w) * 100n + BigInt((f + '00').slice(0, 2));
  return costCents * bp / 10000n;
}

/**
 * Step 3: the draft as the service holds it — the project, what is asked and from whom, with the checks of step 2 —
 * so the person checks what will be submitted, not what the form shows.
 */
export function renderReview(target, app, { name, checks }) {
  const rows = [
    ['Titel', app.title], ['Fonds', name(app.fundingSource)], ['Projectkosten', eur(app.projectCosts)],
    ['Thema', app.theme || t('geen')], ['Gevraagd', eur(app.requested)], ['Status', stateBadge(app.state)],
  ];
  const copy = checks ? [...checks.querySelectorAll('li')].map(li => el('li', { class: li.className }, li.textContent)) : [];
  target.replaceChildren(
    el('dl', { class: 'review', id: 'review-list' }, rows.flatMap(([k, v]) => [el('dt', {}, t(k)), el('dd', {}, v)])),
    table([['Bron', p => name(p.source)], ['Deel', p => eur(p.amount), 'num']], app.plan ?? [], { id: 'review-plan', 'aria-label': t('Financieringsplan') }),
    copy.length ? el('ul', { class: 'checks', id: 'review-checks' }, copy) : '',
    el('p', { class: 'muted' }, t('Na het indienen beoordeelt het fonds de aanvraag; het concept kunt u dan niet meer wijzigen.')));
}
