import { api, header, el, t, eur, date, table, clearErrors, showError, showProblem, parseAmount, dayPlus, isoDate, stateText, pageOf, cents, fromCents,
  stateBadge, regionName, announce, toSignIn } from './app.js';
import { BANNER_KEY } from './apply-steps.js';
import { fundNames } from './tasks.js';
import { OBJECTION_ACTIONS, OBJECTION_TRIGGERS_NL, OBJECTION_DEADLINES_NL, renderObjections } from './objections.js';
import { accountabilityFields, accountabilityDocuments } from './accountability.js';
import { letterColumn } from './documents.js';

const me = header();
// Not signed in: to the sign-in page, which brings the person back to this application.
if (!me) toSignIn();
/** Funding sources' names by id, read once (the page shows names; ids are for the API). */
let funds = new Map();
const fundName = id => funds.get(id) ?? id;
document.getElementById('back').href = pageOf(me?.role);
const id = new URLSearchParams(location.search).get('id');

const TRIGGER_NL = {
  EditDraft: 'Concept bewerkt', Submit: 'Ingediend', StartReview: 'Beoordeling gestart', ExtendDecisionTerm: 'Beslistermijn verlengd',
  RequestInformation: 'Informatie gevraagd', SupplyInformation: 'Informatie aangeleverd', Grant: 'Verleend', Reject: 'Afgewezen',
  Withdraw: 'Ingetrokken', PayAdvance: 'Voorschot betaald', RequestAmendment: 'Wijziging gevraagd', ApproveAmendment: 'Wijziging goedgekeurd',
  RefuseAmendment: 'Wijziging geweigerd', SubmitAccountability: 'Verantwoording ingediend', Determine: 'Vastgesteld',
  RecordPayment: 'Betaling vastgelegd', RecordReclaim: 'Terugbetaling ontvangen', Revoke: 'Ingetrokken door het fonds', Close: 'Gesloten',
  RecordDocument: 'Document toegevoegd',
};
const DEADLINE_NL = { decision: 'Besluit uiterlijk', accountability: 'Verantwoording uiterlijk', determination: 'Vaststelling uiterlijk',
  payment: 'Betaling uiterlijk', barredFrom: 'Terugvordering verjaard vanaf', decisionSuspendedSince: 'Beslistermijn opgeschort sinds' };
Object.assign(TRIGGER_NL, OBJECTION_TRIGGERS_NL); Object.assign(DEADLINE_NL, OBJECTION_DEADLINES_NL);

// Each action the API may list, with the fields of its request. Unknown actions get a reason field.
const reason = (required = false) => ({ name: 'reason', label: 'Reden', type: 'textarea', required });
const ACTIONS = {
  'edit-draft': { label: 'Concept bewerken', fields: [] /* built below */ },
  'submit': { label: 'Indienen', fields: [] },
  'withdraw': { label: 'Intrekken', fields: [reason()] },
  'start-review': { label: 'Beoordeling starten', fields: [] },
  'request-information': { label: 'Informatie vragen', fields: [reason(true)] },
  'supply-information': { label: 'Informatie aanleveren', fields: [reason(true)] },
  'grant': { label: 'Verlenen', fields: [] /* built below */ },
  'reject': { label: 'Afwijzen', fields: [reason(true)] },
  'extend-decision-term': { label: 'Beslistermijn verlengen', fields: [{ name: 'weeks', label: 'Weken', type: 'number', required: true }, reason(true)] },
  'pay-advance': { label: 'Voorschot betalen', fields: [{ name: 'amount', label: 'Bedrag', type: 'amount', required: true }, { name: 'reference', label: 'Betalingskenmerk', type: 'text' }] },
  'submit-accountability': { label: 'Verantwoording indienen', fields: [{ name: 'results', label: 'Resultaten', type: 'textarea', required: true },
    { name: 'realisedCosts', label: 'Gerealiseerde kosten', type: 'amount' }, { name: 'auditorStatement', label: 'Controleverklaring (kenmerk)', type: 'text' }] },
  'determine': { label: 'Vaststellen', fields: [{ name: 'amount', label: 'Bedrag', type: 'amount', required: true }, reason()] },
  'record-payment': { label: 'Betaling vastleggen', fields: [{ name: 'amount', label: 'Bedrag', type: 'amount', required: true }, { name: 'reference', label: 'Betalingskenmerk', type: 'text' }] },
  'record-reclaim': { label: 'Terugbetaling vastleggen', fields: [{ name: 'amount', label: 'Bedrag', type: 'amount', required: true }, { name: 'reference', label: 'Betalingskenmerk', type: 'text' }] },
  'request-amendment': { label: 'Wijziging aanvragen', fields: [{ name: 'budget', label: 'Nieuw budget', type: 'amount' }, { name: 'endDate', label: 'Nieuwe einddatum', type: 'date' }, reason(true)] },
  'approve-amendment': { label: 'Wijziging goedkeuren', fields: [] /* built below */ },
  'refuse-amendment': { label: 'Wijziging weigeren', fields: [reason(true)] },
  'revoke': { label: 'Intrekken (Awb 4:48)', fields: [reason(true)] },
  'close': { label: 'Sluiten', fields: [reason()] },
};

// One primary action per state: the first of these the API offers is the step that moves the application on; every
// other action is secondary, and those that end something (reject, withdraw, revoke) ask for confirmation first.
const PRIMARY = ['submit', 'supply-information', 'start-review', 'grant', 'approve-amendment', 'submit-accountability', 'determine',
  'pay-advance', 'record-payment', 'record-reclaim', 'close'];
const ENDING = ['reject', 'withdraw', 'revoke', 'refuse-amendment'];
/** What an action did, said in the banner after it (its state follows). */
const DONE_NL = {
  'edit-draft': 'Het concept is opgeslagen', 'submit': 'De aanvraag is ingediend', 'withdraw': 'De aanvraag is ingetrokken',
  'start-review': 'De beoordeling is gestart', 'request-information': 'Er is informatie gevraagd', 'supply-information': 'De informatie is aangeleverd',
  'grant': 'De subsidie is verleend', 'reject': 'De aanvraag is afgewezen', 'extend-decision-term': 'De beslistermijn is verlengd',
  'pay-advance': 'Het voorschot is betaald', 'submit-accountability': 'De verantwoording is ingediend', 'determine': 'De subsidie is vastgesteld',
  'record-payment': 'De betaling is vastgelegd', 'record-reclaim': 'De terugbetaling is vastgelegd', 'request-amendment': 'De wijziging is gevraagd',
  'approve-amendment': 'De wijziging is goedgekeurd', 'refuse-amendment': 'De wijziging is geweigerd', 'revoke': 'De verlening is ingetrokken',
  'close': 'Het dossier is gesloten',
};

/**
 * What an ending action does to the money, per source, from the figures the page shows: before a grant nothing is
 * reserved, so nothing moves; after it, what is granted and not yet paid goes back to the source, and what was paid
 * must be paid back.
 */
function moneyConsequences(name, app) {
  const f = app.figures;
  const lines = [];
  if (name === 'refuse-amendment') {
    lines.push(`${t('De verleende subsidie blijft')} ${eur(f.granted)}; ${t('het gevraagde extra bedrag wordt niet toegekend.')}`);
    return lines;
  }
  const reserved = f.sources.filter(x => cents(x.open) > 0n || cents(x.paid) > 0n);
  if (reserved.length === 0) {
    lines.push(`${t('Er is nog niets toegezegd of betaald: het gevraagde bedrag van')} ${eur(app.requested)} ${t('wordt niet toegekend en blijft bij de fondsen.')}`);
    return lines;
  }
  for (const x of reserved) {
    const parts = [];
    if (cents(x.open) > 0n) parts.push(`${eur(x.open)} ${t('nog niet betaald: gaat terug naar de bron')}`);
    if (cents(x.paid) > 0n) parts.push(`${eur(x.paid)} ${t('al betaald: wordt teruggevorderd')}`);
    lines.push(`${fundName(x.source)}: ${parts.join('; ')}`);
  }
  return lines;
}

/** Asks before an action that ends something, saying what happens to the money; resolves true only on "yes". */
function confirmEnding(name, app) {
  const dialog = document.getElementById('confirm-dialog');
  const label = t(ACTIONS[name]?.label ?? name);
  document.getElementById('confirm-title').textContent = `${label}?`;
  document.getElementById('confirm-money').replaceChildren(...moneyConsequences(name, app).map(line => el('li', {}, line)));
  const yes = document.getElementById('confirm-yes');
  yes.textContent = `${t('Ja')}, ${label.toLowerCase()}`;
  return new Promise(resolve => {
    const done = (answer) => { dialog.close(); resolve(answer); };
    yes.onclick = () => done(true);
    document.getElementById('confirm-no').onclick = () => done(false);
    dialog.oncancel = (e) => { e.preventDefault(); done(false); };
    dialog.showModal();
    document.getElementById('confirm-no').focus();
  });
}

function field(f, prefix, value) {
  const fid = `${prefix}-${f.name}`;
  const control = f.type === 'textarea' ? el('textarea', { id: fid, name: f.name, rows: 2 })
    : el('input', { id: fid, name: f.name, type: f.type === 'number' ? 'number' : 'text', inputmode: f.type === 'amount' ? 'decimal' : null, 'data-amount': f.type === 'amount' ? true : null,
      placeholder: f.type === 'date' ? 'dd-mm-jjjj' : null });
  if (value !== undefined && value !== null) control.value = value;
  return el('div', { class: 'field' }, el('label', { for: fid }, t(f.label)), control);
}

function grantForm(app) {
  const fields = [
    field({ name: 'amount', label: 'Bedrag', type: 'amount' }, 'grant', eur(app.requested).replace('€ ', '')),
    field({ name: 'endDate', label: 'Einddatum', type: 'date' }, 'grant', date(dayPlus(300))),
    field({ name: 'accountabilityDue', label: 'Verantwoording uiterlijk', type: 'date' }, 'grant', date(dayPlus(330))),
    field({ name: 'advanceDue', label: 'Voorschot op (optioneel)', type: 'date' }, 'grant'),
    field({ name: 'advanceAmount', label: 'Voorschotbedrag (optioneel)', type: 'amount' }, 'grant'),
    field({ name: 'reason', label: 'Reden', type: 'textarea' }, 'grant'),
  ];
  const split = app.plan.length > 1 ? el('fieldset', { id: 'grant-split' }, el('legend', {}, t('Verdeling')),
    app.plan.map((p, n) => el('div', { class: 'field' }, el('label', { for: `grant-split-${n}` }, `${t('Deel')} ${fundName(p.source)}`),
      el('input', { id: `grant-split-${n}`, name: `split-${n}`, 'data-field': `split[${n}].amount`, 'data-source': p.source, inputmode: 'decimal', 'data-amount': true, value: eur(p.amount).replace('€ ', '') })))) : '';
  // Tier A (up to € 25.000,00 by default) is granted and determined at once: no accountability date then.
  const hint = el('p', { id: 'grant-tier', class: 'muted', 'aria-live': 'polite' });
  const amountInput = fields[0].querySelector('input');
  const dueInput = fields[2].querySelector('input');
  const sync = () => {
    const c = cents(amountInput.value);
    if (c === null) { hint.textContent = ''; return; }
    const tier = c <= 2500000n ? 'A' : c <= 12500000n ? 'B' : 'C';
    hint.textContent = `${t('Niveau')} ${tier}` + (tier === 'A' ? ` — ${t('verleend en vastgesteld in één keer, zonder verantwoording')}`
      : tier === 'C' ? ` — ${t('twee verschillende goedkeurders nodig')}` : '');
    if (tier === 'A') dueInput.value = '';
    else if (!dueInput.value) dueInput.value = date(dayPlus(330));
  };
  amountInput.addEventListener('input', sync);
  sync();
  return [...fields, split, hint];
}

function grantBody(form, app) {
  const v = n => form.elements[n]?.value.trim() ?? '';
  const body = { amount: parseAmount(v('amount')), endDate: isoDate(v('endDate')), accountabilityDue: v('accountabilityDue') ? isoDate(v('accountabilityDue')) : null, advances: [] };
  const errors = [];
  if (body.amount === null) errors.push(['amount', t('Vul het te verlenen bedrag in, bijvoorbeeld 28.000,00.')]);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(body.endDate)) errors.push(['endDate', t('Vul een datum in als dd-mm-jjjj.')]);
  if (v('advanceAmount')) {
    const a = parseAmount(v('advanceAmount'));
    if (a === null) errors.push(['advanceAmount', t('Vul een bedrag in, bijvoorbeeld 14.000,00.')]);
    body.advances.push({ due: v('advanceDue') ? isoDate(v('advanceDue')) : dayPlus(0), amount: a });
  }
  if (v('reason')) body.reason = v('reason');
  if (app.plan.length > 1) {
    body.split = app.plan.map((p, n) => ({ source: p.source, amount: parseAmount(v(`split-${n}`)) }));
    body.split.forEach((s, n) => { if (s.amount === null) errors.push([`split-${n}`, t('Vul een bedrag in voor deze bron.')]); });
  }
  return { body, errors };
}

// Approving an amendment decides new terms like a grant: the budget (at most what was asked, at least what was
// advanced), the end date, optionally a new accountability date, and a split when the plan has several sources
// (left empty, the service adjusts the current split). The advances not yet paid are kept.
function amendmentForm(app) {
  const plain = a => eur(a).replace('€ ', '');
  const split = app.plan.length > 1 ? el('fieldset', { id: 'amend-split' }, el('legend', {}, t('Nieuwe verdeling (leeg laten: de dienst past de huidige aan)')),
    app.plan.map((p, n) => el('div', { class: 'field' }, el('label', { for: `approve-amendment-split-${n}` }, `${t('Deel')} ${fundName(p.source)}`),
      el('input', { id: `approve-amendment-split-${n}`, name: `split-${n}`, 'data-field': `split[${n}].amount`, inputmode: 'decimal', 'data-amount': true })))) : '';
  return [
    el('p', { class: 'muted' }, t('De gevraagde wijziging en de reden staan in de geschiedenis.')),
    field({ name: 'budget', label: 'Nieuw budget', type: 'amount' }, 'approve-amendment', plain(app.figures.granted)),
    field({ name: 'endDate', label: 'Nieuwe einddatum', type: 'date' }, 'approve-amendment', date(dayPlus(300))),
    field({ name: 'accountabilityDue', label: 'Verantwoording uiterlijk (optioneel)', type: 'date' }, 'approve-amendment'),
    field({ name: 'reason', label: 'Reden', type: 'textarea' }, 'approve-amendment'),
    split,
  ];
}

function amendmentBody(form, app) {
  const v = n => form.elements[n]?.value.trim() ?? '';
  const errors = [];
  const body = { budget: parseAmount(v('budget')), endDate: isoDate(v('endDate')) };
  if (!v('budget')) errors.push(['budget', t('Dit veld is verplicht.')]);
  else if (body.budget === null) errors.push(['budget', t('Vul een bedrag in, bijvoorbeeld 1.234,56.')]);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(body.endDate ?? '')) errors.push(['endDate', t('Vul een datum in als dd-mm-jjjj.')]);
  if (v('accountabilityDue')) {
    body.accountabilityDue = isoDate(v('accountabilityDue'));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(body.accountabilityDue ?? '')) errors.push(['accountabilityDue', t('Vul een datum in als dd-mm-jjjj.')]);
  }
  if (v('reason')) body.reason = v('reason');
  if (app.plan.length > 1 && app.plan.some((p, n) => v(`split-${n}`))) {
    body.split = app.plan.map((p, n) => ({ source: p.source, amount: parseAmount(v(`split-${n}`)) }));
    body.split.forEach((x, n) => { if (x.amount === null) errors.push([`split-${n}`, t('Vul een bedrag in voor deze bron.')]); });
  }
  return { body, errors };
}

function draftForm(app) {
  const plain = a => eur(a).replace('€ ', '');
  return [
    field({ name: 'title', label: 'Titel', type: 'text' }, 'edit-draft', app.title),
    field({ name: 'requested', label: 'Gevraagd', type: 'amount' }, 'edit-draft', plain(app.requested)),
    field({ name: 'projectCosts', label: 'Projectkosten', type: 'amount' }, 'edit-draft', plain(app.projectCosts)),
    field({ name: 'theme', label: 'Thema', type: 'text' }, 'edit-draft', app.theme ?? ''),
    el('fieldset', {}, el('legend', {}, t('Financieringsplan')), app.plan.map((p, n) => el('div', { class: 'field' },
      el('label', { for: `edit-draft-part-${n}` }, `${t('Deel')} ${fundName(p.source)}`),
      el('input', { id: `edit-draft-part-${n}`, name: `part-${n}`, 'data-field': `funding[${n}].amount`, inputmode: 'decimal', 'data-amount': true, value: plain(p.amount) })))),
  ];
}

function draftBody(form, app) {
  const v = n => form.elements[n]?.value.trim() ?? '';
  const errors = [];
  const body = { title: v('title'), requested: parseAmount(v('requested')), funding: [] };
  if (!body.title) errors.push(['title', t('Geef de aanvraag een titel.')]);
  if (body.requested === null) errors.push(['requested', t('Vul het gevraagde bedrag in, bijvoorbeeld 28.000,00.')]);
  if (v('projectCosts')) {
    body.projectCosts = parseAmount(v('projectCosts'));
    if (body.projectCosts === null) errors.push(['projectCosts', t('Vul een bedrag in, bijvoorbeeld 40.000,00.')]);
  }
  if (v('theme')) body.theme = v('theme');
  app.plan.forEach((p, n) => {
    const a = parseAmount(v(`part-${n}`));
    if (a === null) errors.push([`part-${n}`, t('Vul een bedrag in voor deze bron.')]);
    body.funding.push({ source: p.source, amount: a });
  });
  return { body, errors };
}

/** A value the service already knows, so the person need not type it: the next unpaid advance's amount. */
function prefill(action, fieldName, app) {
  if (action === 'pay-advance' && fieldName === 'amount') {
    const next = app.advances[app.advancesPaid];
    return next ? eur(next.amount).replace('€ ', '') : undefined;
  }
  return undefined;
}

function actionForm(name, app, primary) {
  const spec = ACTIONS[name] ?? { label: name, fields: [reason()] };
  const kind = primary ? 'primary' : ENDING.includes(name) ? 'secondary danger' : 'secondary';
  const form = el('form', { id: `action-${name}`, class: `action${primary ? ' primary' : ''}`, novalidate: true },
    el('h3', {}, t(spec.label)),
    name === 'grant' ? grantForm(app) : name === 'edit-draft' ? draftForm(app) : name === 'approve-amendment' ? amendmentForm(app) : spec.fields.map(f => field(f, name, prefill(name, f.name, app))),
    name === 'submit-accountability' ? accountabilityFields(app) : '',
    el('button', { type: 'submit', id: `do-${name}`, class: kind }, t(spec.label)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    let body = {}; const errors = [];
    if (name === 'grant') { const g = grantBody(form, app); body = g.body; errors.push(...g.errors); }
    else if (name === 'edit-draft') { const d = draftBody(form, app); body = d.body; errors.push(...d.errors); }
    else if (name === 'approve-amendment') { const a = amendmentBody(form, app); body = a.body; errors.push(...a.errors); }
    else {
      for (const f of spec.fields) {
        const raw = form.elements[f.name].value.trim();
        if (!raw) { if (f.required) errors.push([f.name, t('Dit veld is verplicht.')]); continue; }
        if (f.type === 'amount') { const a = parseAmount(raw); if (a === null) errors.push([f.name, t('Vul een bedrag in, bijvoorbeeld 1.234,56.')]); body[f.name] = a; }
        else if (f.type === 'date') body[f.name] = isoDate(raw);
        else if (f.type === 'number') body[f.name] = Number(raw);
        else body[f.name] = raw;
      }
    }
    if (errors.length) { for (const [f, m] of errors) showError(form, f, m); return; }
    if (name === 'submit-accountability') {
      // The tier's documents: chosen files are uploaded first, then named by id (accountability.js).
      try { const d = await accountabilityDocuments(form, app); errors.push(...d.errors); body.documents = d.ids; } catch (e) { showProblem(form, e); return; }
      if (errors.length) { for (const [f, m] of errors) showError(form, f, m); return; }
    }
    if (ENDING.includes(name) && !(await confirmEnding(name, app))) return;
    try {
      const answer = await api(`/api/applications/${encodeURIComponent(id)}/${name}`, { method: 'POST', body, headers: { 'Idempotency-Key': crypto.randomUUID() } });
      render(answer);
      announce(`${t(DONE_NL[name] ?? spec.label)}. ${t('Status')}: ${stateText(answer.state)}.`);
    } catch (e) {
      // The API names fields as the request does (split[0].amount); the form's controls carry those names.
      showProblem(form, e);
    }
  });
  return form;
}

// A tier C approval that leaves the state as it was is the first of two (four-eyes): not yet a grant.
const APPROVALS = ['Grant', 'ApproveAmendment', 'Determine'];
function isFirstApproval(h) { return APPROVALS.includes(h.trigger) && h.from === h.to; }
// The service records the draft's creation as its first edit, with the reason "created": a person reads "Aangemaakt".
const isCreation = h => h.sequence === 1 && h.trigger === 'EditDraft';
function historyText(h) { return isFirstApproval(h) ? t('Eerste goedkeuring') : isCreation(h) ? t('Aangemaakt') : t(TRIGGER_NL[h.trigger] ?? h.trigger); }

// Who acted, as people read it: the name the sign-in gave, else the role in words — never a raw user id (older
// history entries, and sign-ins without a name, have no name).
const ROLE_NL = { PvoManager: 'PVO-manager', ProvincialOfficer: 'Provinciaal ambtenaar', Ministry: 'Ministerie', Treasurer: 'Penningmeester' };
const ROLE_KEY = r => String(r ?? '').replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase());
function person(h) { return h.userName || t(ROLE_NL[ROLE_KEY(h.role)] ?? 'Onbekend'); }

function fourEyes(app) {
  const target = document.getElementById('four-eyes');
  const history = app.history;
  const last = history[history.length - 1];
  if (last && isFirstApproval(last)) {
    target.textContent = `${t('Vier ogen')}: ${t('Eerste goedkeuring door')} ${person(last)} (${date(last.at)}); ${t('wacht op tweede goedkeurder')}.`;
    target.className = 'warn';
  } else {
    const approvals = history.filter(h => h.trigger === 'Grant');
    // Both approvers of the grant: the first approval and the one that granted.
    if (approvals.length > 1) {
      target.textContent = `${t('Vier ogen')}: ${t('goedgekeurd door')} ${approvals.map(person).join(' ' + t('en') + ' ')}.`;
      target.className = 'ok';
    } else if (approvals.length === 1) {
      target.textContent = `${t('Verleend door')} ${person(approvals[0])}.`;
      target.className = '';
    } else target.textContent = '';
  }
}

function render(app) {
  document.getElementById('app-id').textContent = app.id;
  document.getElementById('app-title').textContent = app.title;
  const f = app.figures;
  const dl = document.getElementById('summary');
  const pairs = [['Status', stateText(app.state), 'state'], ['Regio', regionName(app.region), 'region'], ['Fonds', fundName(app.fundingSource), 'fund'],
    ['Gevraagd', eur(app.requested), 'requested'], ['Projectkosten', eur(app.projectCosts), 'costs'], ['Thema', app.theme ?? '—', 'theme'],
    ['Niveau', app.tier ?? '—', 'tier'], ['Toegekend', eur(f.granted), 'granted'], ['Vastgesteld', f.determined ? eur(f.determined) : '—', 'determined'],
    ['Betaald', eur(f.paid), 'paid'], ['Subsidie', eur(f.subsidy), 'subsidy']];
  dl.replaceChildren(...pairs.flatMap(([k, v, key]) => [el('dt', {}, t(k)), el('dd', { id: `sum-${key}` }, v)]));
  document.getElementById('app-state').replaceChildren(stateBadge(app.state));
  fourEyes(app);

  const planOf = s => app.plan.find(p => p.source === s)?.amount;
  document.getElementById('figures').replaceChildren(table([
    ['Bron', r => fundName(r.source)], ['Gevraagd', r => eur(planOf(r.source)), 'num'], ['Toegekend', r => eur(r.granted), 'num'], ['Open', r => eur(r.open), 'num'],
    ['Betaald', r => eur(r.paid), 'num'], ['Te verrekenen', r => eur(r.payable), 'num'], ['Terug te vorderen', r => eur(r.toReclaim), 'num'], ['Subsidie', r => eur(r.subsidy), 'num']],
  f.sources, { id: 'figures-table' }, { rowId: r => r.source }),
  f.matchesDecisions ? el('p', { class: 'ok', id: 'ledger-check' }, `✓ ${t('De cijfers komen overeen met het grootboek.')}`)
    : el('p', { class: 'error', id: 'ledger-check' }, `✗ ${t('De cijfers wijken af van de besluiten.')}`));

  const d = app.deadlines;
  const rows = Object.entries(DEADLINE_NL).filter(([k]) => d[k]).map(([k, label]) => ({ label: t(label), due: date(d[k]) }));
  const adv = app.advances.map((a, n) => ({ label: `${t('Voorschot')} ${n + 1}${n < app.advancesPaid ? ' (' + t('betaald') + ')' : ''}: ${eur(a.amount)}`, due: date(a.due) }));
  document.getElementById('deadlines').replaceChildren(rows.length + adv.length === 0 ? el('p', {}, t('Geen lopende termijnen.')) :
    table([['Wat', r => r.label], ['Wanneer', r => r.due]], [...rows, ...adv], { id: 'deadlines-table' }));

  // The primary action first, then the others, those that end something last.
  const primary = PRIMARY.find(a => app.actions.includes(a)) ?? null;
  const rest = app.actions.filter(a => a !== primary && !OBJECTION_ACTIONS.includes(a));
  const actions = [...(primary ? [primary] : []), ...rest.filter(a => !ENDING.includes(a)), ...rest.filter(a => ENDING.includes(a))];
  renderObjections(app, render);
  document.getElementById('actions').replaceChildren(actions.length === 0 ? el('p', { id: 'no-actions' }, t('U kunt nu niets doen met deze aanvraag.')) : '',
    ...actions.map(a => actionForm(a, app, a === primary)));

  shown = app;
  renderHistory();
}

// The view holds the newest entries of the history; older ones are read a page at a time (GET …/history) and kept here,
// oldest first. Entries never change, so they stay right when the view is answered again after an action.
let shown = null;
let older = [];
let loadingOlder = false;

function renderHistory() {
  const app = shown;
  const firstShown = app.history.length > 0 ? app.history[0].sequence : (app.historyCount ?? 0) + 1;
  const entries = [...older.filter(h => h.sequence < firstShown), ...app.history];
  const oldest = entries.length > 0 ? entries[0].sequence : 1;
  const more = oldest > 1 ? el('p', {}, el('button', { type: 'button', id: 'history-more', disabled: loadingOlder, onclick: () => loadOlder(oldest) },
    t('Meer tonen')), ` ${entries.length} ${t('van')} ${app.historyCount ?? entries.length}`) : '';
  document.getElementById('history').replaceChildren(more, table([['Wanneer', h => date(h.at)], ['Wie', person], ['Wat', historyText],
    ['Status', h => `${stateText(h.from)} → ${stateText(h.to)}`], ['Reden', h => isCreation(h) && h.reason === 'created' ? '' : h.reason ?? ''], letterColumn()], entries, { id: 'history-table' }));
}

async function loadOlder(before) {
  loadingOlder = true;
  renderHistory();
  try {
    const page = await api(`/api/applications/${encodeURIComponent(id)}/history?pageSize=50&continuation=${before}`);
    older = [...page.items, ...older.filter(h => h.sequence >= before)];
  } catch (e) {
    document.getElementById('history').append(el('p', { class: 'error', role: 'alert' }, e.message));
    return;
  } finally {
    loadingOlder = false;
  }
  renderHistory();
}

// An upload (documents.js) adds a history entry ("Document toegevoegd"): the view is read again to show it.
document.addEventListener('pvo:document-recorded', async () => {
  try {
    render(await api(`/api/applications/${encodeURIComponent(id)}`));
  } catch {
    // The entry shows with the next answer; the upload itself was answered.
  }
});

try {
  const [app, names] = await Promise.all([api(`/api/applications/${encodeURIComponent(id)}`), fundNames()]);
  funds = names;
  render(app);
  // What the manager's new-application steps just did (submitted), said here at the top where the person lands.
  const done = sessionStorage.getItem(BANNER_KEY);
  if (done) { sessionStorage.removeItem(BANNER_KEY); announce(done); }
} catch (e) {
  document.querySelector('main').append(el('p', { class: 'error', role: 'alert' }, e.message));
}
void fromCents;
