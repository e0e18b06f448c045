// The accountability step's documents (issue 18): per kind the tier needs (a content report and a financial statement;
// tier C also an auditor's statement) the PVO-manager picks an uploaded document of this application or chooses a file,
// which is uploaded when the accountability is sent. Its own module; application.js adds the fields to the
// submit-accountability form and asks for the ids before sending. Words in Dutch with their English here.
import { api, el, date, lang } from './app.js';

const EN_ACCOUNTABILITY = {
  'Documenten van de verantwoording': 'Documents of the accountability',
  'Kies per soort een geüpload document of een nieuw bestand; het bestand wordt geüpload bij het indienen.':
    'Per kind, pick an uploaded document or a new file; the file is uploaded when you submit.',
  'Inhoudelijk verslag': 'Content report', 'Financieel verslag': 'Financial statement', 'Controleverklaring': 'Auditor\'s statement',
  '— kies een document —': '— pick a document —', 'of een nieuw bestand': 'or a new file',
  'Kies of upload dit document; niveau': 'Pick or upload this document; tier', 'vraagt het.': 'asks for it.',
};
const tr = nl => (lang() === 'en' ? EN_ACCOUNTABILITY[nl] ?? nl : nl);

const KIND_NL = { 'content-report': 'Inhoudelijk verslag', 'financial-statement': 'Financieel verslag', 'auditor-statement': 'Controleverklaring' };
const ACCEPT = '.pdf,.png,.jpg,.jpeg,.odt,.txt,application/pdf,image/png,image/jpeg,application/vnd.oasis.opendocument.text,text/plain';

/** The kinds the tier asks for, as the service's TierRequirements.Documents. */
export const requiredKinds = tier => (tier === 'C' ? ['content-report', 'financial-statement', 'auditor-statement'] : ['content-report', 'financial-statement']);

/** The fieldset of the accountability form: a choice of uploaded documents and a file input per kind the tier needs. */
export function accountabilityFields(app) {
  const rows = requiredKinds(app.tier).map(kind => {
    const select = el('select', { id: `accountability-doc-${kind}`, name: `document-${kind}`, 'data-field': `documents.${kind}` },
      el('option', { value: '' }, tr('— kies een document —')));
    const file = el('input', { id: `accountability-file-${kind}`, name: `file-${kind}`, type: 'file', accept: ACCEPT, 'aria-label': `${tr(KIND_NL[kind])}: ${tr('of een nieuw bestand')}` });
    return el('div', { class: 'field' }, el('label', { for: select.id }, tr(KIND_NL[kind])), select,
      el('label', { for: file.id, class: 'muted' }, tr('of een nieuw bestand')), file);
  });
  const box = el('fieldset', { id: 'accountability-documents' }, el('legend', {}, tr('Documenten van de verantwoording')),
    el('p', { class: 'muted' }, tr('Kies per soort een geüpload document of een nieuw bestand; het bestand wordt geüpload bij het indienen.')),
    // The service names 'documents' when one is missing: its message appears here.
    el('input', { type: 'hidden', name: 'documents' }), ...rows);
  fillChoices(app, box);
  return box;
}

// The documents already uploaded to the application, newest first per kind (the newest is preselected).
async function fillChoices(app, box) {
  let list;
  try {
    list = await api(`/api/applications/${encodeURIComponent(app.id)}/documents`);
  } catch {
    return; // the page shows why the application cannot be read
  }
  for (const kind of requiredKinds(app.tier)) {
    const select = box.querySelector(`#accountability-doc-${kind}`);
    const ofKind = list.items.filter(d => d.kind === kind).reverse();
    select.append(...ofKind.map(d => el('option', { value: d.id }, `${d.fileName} (${date(d.at)})`)));
    if (ofKind.length > 0) select.value = ofKind[0].id;
  }
}

/**
 * The ids of the accountability's documents: a chosen file is uploaded first (the same bytes again answer the stored
 * document), else the picked document. Missing kinds are errors [field, message] for the form; a refused upload throws
 * the service's problem.
 */
export async function accountabilityDocuments(form, app) {
  const ids = []; const errors = [];
  for (const kind of requiredKinds(app.tier)) {
    const file = form.querySelector(`#accountability-file-${kind}`)?.files?.[0];
    const picked = form.querySelector(`#accountability-doc-${kind}`)?.value;
    if (file) {
      const response = await api(`/api/applications/${encodeURIComponent(app.id)}/documents?kind=${kind}&fileName=${encodeURIComponent(file.name)}`,
        { method: 'POST', body: file, headers: { 'Content-Type': file.type || 'application/octet-stream' }, raw: true });
      ids.push((await response.json()).id);
    } else if (picked) {
      ids.push(picked);
    } else {
      errors.push([`document-${kind}`, `${tr('Kies of upload dit document; niveau')} ${app.tier} ${tr('vraagt het.')}`]);
    }
  }
  return { ids, errors };
}
