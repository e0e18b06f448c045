import { header } from './app.js';
import { inbox, budgets, fundForm } from './owner.js';

const me = header({ requireRole: 'provincial-officer' });
const province = me?.province;
const owner = `province:${province}`;
document.getElementById('province-name').textContent = province ?? '';
const refresh = () => budgets(document.getElementById('budgets'), owner);
fundForm(document.getElementById('new-fund'), { kind: 'provincial-fund', ownerFields: { province }, funder: `Provincie ${province}`, after: refresh });
await Promise.all([inbox(document.getElementById('inbox'), owner), refresh()]);
