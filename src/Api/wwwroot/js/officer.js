import { header, views } from './app.js';
import { inbox, budgets, fundForm, commitForm } from './owner.js';
import { distribution } from './distribution.js';

const me = header({ requireRole: 'provincial-officer' });
const province = me?.province;
const owner = `province:${province}`;
document.getElementById('province-name').textContent = province ?? '';
views();
let fillCommit = async () => {};
const refresh = () => Promise.all([budgets(document.getElementById('budgets'), owner), fillCommit()]);
fundForm(document.getElementById('new-fund'), { kind: 'provincial-fund', ownerFields: { province }, funder: `Provincie ${province}`, after: refresh });
fillCommit = commitForm(document.getElementById('commit'), { owner, after: refresh });
const fillDistribution = distribution(document.getElementById('distribution'), { owner, link: document.getElementById('distribution-link'), after: refresh });
await Promise.all([inbox(document.getElementById('inbox'), owner), refresh(), fillDistribution()]);
