// The ministry's link to the Orleans dashboard: a navigation cannot send the bearer token, so the token first
// becomes the dashboard's HttpOnly session cookie (POST /auth/session), then the browser goes there.
import { t } from './app.js';
import { openDashboard } from './auth.js';

const link = document.getElementById('dashboard-link');
link?.addEventListener('click', async (event) => {
  event.preventDefault();
  try {
    await openDashboard();
  } catch {
    const p = document.createElement('p');
    p.className = 'error'; p.setAttribute('role', 'alert'); p.textContent = t('Het dashboard kon niet worden geopend.');
    link.insertAdjacentElement('afterend', p);
  }
});
