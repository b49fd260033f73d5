import express, { type Express } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../config/settings.js';

/**
 * The built dashboards, when there are any: files cached for an hour, and every client-side
 * route (`/`, `/login`, `/patient/…`, `/doctor/…`, `/admin/…`) answered with the same page (never
 * cached, so a new release is picked up).
 */
export function serveDashboards(app: Express, dashboardsDir = join(REPO_ROOT, 'dashboards', 'dist')): void {
  if (!existsSync(join(dashboardsDir, 'index.html'))) {
    return;
  }
  app.use(express.static(dashboardsDir, { index: false, maxAge: '1h' }));
  // Only the dashboards' own routes load the page; any other path is the API's 404.
  app.get(
    /^\/(?:login|register|forgot-password|reset-password|verify-email|enrol-mfa|patient|doctor|admin)?(?:\/[^.]*)?$/,
    (_request, response) => {
      response.setHeader('cache-control', 'no-cache');
      response.sendFile(join(dashboardsDir, 'index.html'));
    },
  );
}
