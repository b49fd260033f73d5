# syntax=docker/dockerfile:1

# Node 24 LTS, pinned by digest (node:24-bookworm-slim, 24.18.0 when pinned): a rebuild gets the
# same base. Renovate/Dependabot's docker manager bumps the digest; re-run CI when it does.
ARG NODE_IMAGE=node:24-bookworm-slim@sha256:6f7b03f7c2c8e2e784dcf9295400527b9b1270fd37b7e9a7285cf83b6951452d

# ---------------------------------------------------------------------------
# Build: install every dependency (dev included), compile the API and the
# dashboards.
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app

# Manifests first so the dependency layer is cached until they change.
COPY package.json package-lock.json ./
COPY api/package.json api/
COPY dashboards/package.json dashboards/
RUN npm ci --no-audit --no-fund

COPY . .
RUN npm run build

# ---------------------------------------------------------------------------
# Runtime: the API's production dependencies and compiled output only. The
# dashboards' libraries, faker, embedded PostgreSQL and the build tools are
# development dependencies: `--omit=dev` leaves them out (192 MB of
# node_modules remain, 324 MB before; the node:24 slim base adds about 200 MB).
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=4000
WORKDIR /app

COPY package.json package-lock.json ./
COPY api/package.json api/
COPY dashboards/package.json dashboards/
RUN npm ci --omit=dev --no-audit --no-fund \
    && npm cache clean --force

COPY --from=build /app/api/dist api/dist
COPY --from=build /app/dashboards/dist dashboards/dist
# Migrations are compiled into api/dist; `node api/dist/api/src/database/migrate.cli.js up` is the
# migrate Job's command (k8s/migrate-job.yaml), the API itself only checks them (MIGRATE_ON_START).
ENV MIGRATE_ON_START=false

# Files stay owned by root (read-only for the app); the process runs as `node`.
USER node

EXPOSE 4000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1)).catch(() => process.exit(1))"]

# Heap sizes: api/src/config/node-flags.ts (the bench and `npm start` use the same).
CMD ["node", "--max-semi-space-size=16", "--max-old-space-size=512", "api/dist/api/src/main.js"]
