# syntax=docker/dockerfile:1

# ---------------------------------------------------------------------------
# Build: install every dependency (dev included), compile the API and the
# dashboards.
# ---------------------------------------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app

# Manifests first so the dependency layer is cached until they change.
COPY package.json package-lock.json ./
COPY api/package.json api/
COPY dashboards/package.json dashboards/
RUN npm ci --no-audit --no-fund

COPY . .
RUN npm run build

# ---------------------------------------------------------------------------
# Runtime: production dependencies and compiled output only.
# ---------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=4000
WORKDIR /app

COPY package.json package-lock.json ./
COPY api/package.json api/
COPY dashboards/package.json dashboards/
RUN npm ci --omit=dev --workspaces --include-workspace-root --no-audit --no-fund \
    && npm cache clean --force

COPY --from=build /app/api/dist api/dist
COPY --from=build /app/dashboards/dist dashboards/dist

# Files stay owned by root (read-only for the app); the process runs as `node`.
USER node

EXPOSE 4000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1)).catch(() => process.exit(1))"]

CMD ["node", "api/dist/api/src/main.js"]
