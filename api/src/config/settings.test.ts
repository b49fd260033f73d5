import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_ADMIN_PASSWORD, loadSettings, SettingsError } from './settings.js';

const dataDir = () => mkdtempSync(join(tmpdir(), 'hc-settings-'));
const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgresql://app:secret@db:5432/healthcare',
  JWT_SECRET: 'x7Q2m9Vb4Lr8Tz1Nc6Hp3Ks5Wd0Yf2Ga8Je4Uo7Ri1',
  ADMIN_EMAIL: 'ops@clinic.example',
  ADMIN_PASSWORD: 'a-long-production-passphrase',
};

function failureOf(environment: Record<string, string>): SettingsError {
  try {
    loadSettings({ DATA_DIR: dataDir(), ...environment });
  } catch (error) {
    if (error instanceof SettingsError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the settings to be refused');
}

describe('settings', () => {
  it('applies the documented defaults in development', () => {
    const settings = loadSettings({ DATA_DIR: dataDir() });
    expect(settings).toMatchObject({
      env: 'development',
      port: 4000,
      databaseUrl: undefined,
      databasePoolSize: 10,
      seedDemo: true,
      adminEmail: 'admin@clinic.test',
      adminPassword: DEVELOPMENT_ADMIN_PASSWORD,
    });
  });

  it('migrates at start except in production, where the migrate step does and the API only checks', () => {
    expect(loadSettings({ DATA_DIR: dataDir() }).migrateOnStart).toBe(true);
    expect(loadSettings({ DATA_DIR: dataDir(), ...production }).migrateOnStart).toBe(false);
    expect(loadSettings({ DATA_DIR: dataDir(), ...production, MIGRATE_ON_START: 'true' }).migrateOnStart).toBe(true);
  });

  it('leaves tracing off and metrics on the main port unless told otherwise', () => {
    expect(loadSettings({ DATA_DIR: dataDir() })).toMatchObject({ otlpEndpoint: undefined, metricsPort: undefined });
    expect(
      loadSettings({ DATA_DIR: dataDir(), OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', METRICS_PORT: '9464' }),
    ).toMatchObject({ otlpEndpoint: 'http://collector:4318', metricsPort: 9464 });
    expect(failureOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector' }).variable).toBe('OTEL_EXPORTER_OTLP_ENDPOINT');
    expect(failureOf({ METRICS_PORT: 'nine' }).message).toBe('Invalid setting METRICS_PORT: must be a port number');
  });

  it('sizes the pool from DATABASE_POOL_SIZE, refusing what no pool can be', () => {
    expect(loadSettings({ DATA_DIR: dataDir(), DATABASE_POOL_SIZE: '4' }).databasePoolSize).toBe(4);
    expect(failureOf({ DATABASE_POOL_SIZE: '0' }).message).toBe(
      'Invalid setting DATABASE_POOL_SIZE: must be at least 1',
    );
    expect(failureOf({ DATABASE_POOL_SIZE: '2.5' }).message).toBe(
      'Invalid setting DATABASE_POOL_SIZE: must be a whole number',
    );
    expect(failureOf({ DATABASE_POOL_SIZE: 'ten' }).variable).toBe('DATABASE_POOL_SIZE');
  });

  it('takes a transaction-mode pooler only with a direct URL for the connections that need sessions', () => {
    expect(loadSettings({ DATA_DIR: dataDir() })).toMatchObject({
      databasePoolMode: 'session',
      databaseDirectUrl: undefined,
    });
    const pooled = { DATABASE_URL: 'postgres://pooler:6432/app', DATABASE_POOL_MODE: 'transaction' };
    expect(failureOf(pooled).variable).toBe('DATABASE_DIRECT_URL');
    expect(failureOf({ DATABASE_POOL_MODE: 'transaction', DATABASE_DIRECT_URL: 'postgres://db/app' }).variable).toBe(
      'DATABASE_URL',
    );
    expect(loadSettings({ DATA_DIR: dataDir(), ...pooled, DATABASE_DIRECT_URL: 'postgres://db/app' })).toMatchObject({
      databasePoolMode: 'transaction',
      databaseDirectUrl: 'postgres://db/app',
    });
    expect(failureOf({ DATABASE_POOL_MODE: 'statement' }).message).toBe(
      'Invalid setting DATABASE_POOL_MODE: must be session or transaction',
    );
    expect(failureOf({ DATABASE_DIRECT_URL: 'db:5432' }).variable).toBe('DATABASE_DIRECT_URL');
  });

  it('does not seed demo data by default on an external database', () => {
    expect(loadSettings({ DATA_DIR: dataDir(), DATABASE_URL: 'postgres://localhost/x' }).seedDemo).toBe(false);
    expect(
      loadSettings({ DATA_DIR: dataDir(), DATABASE_URL: 'postgres://localhost/x', SEED_DEMO: 'true' }).seedDemo,
    ).toBe(true);
  });

  it('generates a development JWT secret once and keeps it under the data directory', () => {
    const directory = dataDir();
    const first = loadSettings({ DATA_DIR: directory }).jwtSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadSettings({ DATA_DIR: directory }).jwtSecret).toBe(first);
    expect(readFileSync(join(directory, 'jwt-secret'), 'utf8').trim()).toBe(first);
    expect(statSync(join(directory, 'jwt-secret')).mode & 0o077).toBe(0);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/db' }, 'DATABASE_URL'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ ADMIN_EMAIL: 'not-an-email' }, 'ADMIN_EMAIL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
  ])('refuses %o naming %s', (environment, variable) => {
    const error = failureOf(environment);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(new RegExp(`^Invalid setting ${variable}: .+`));
    expect(error.message).not.toContain('\n');
  });

  it('accepts a complete production configuration', () => {
    const settings = loadSettings({ DATA_DIR: dataDir(), ...production });
    expect(settings).toMatchObject({
      env: 'production',
      bcryptCost: 12,
      seedDemo: false,
      jwtSecret: production.JWT_SECRET,
    });
  });

  it.each(['JWT_SECRET', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'DATABASE_URL'])(
    'refuses production without %s',
    (variable) => {
      const environment: Record<string, string> = { ...production };
      delete environment[variable];
      expect(failureOf(environment).variable).toBe(variable);
    },
  );

  it('refuses development secrets in production', () => {
    expect(failureOf({ ...production, ADMIN_PASSWORD: DEVELOPMENT_ADMIN_PASSWORD }).variable).toBe('ADMIN_PASSWORD');
    expect(failureOf({ ...production, JWT_SECRET: 'dev-secret-dev-secret-dev-secret-1234' }).variable).toBe(
      'JWT_SECRET',
    );
  });
});
