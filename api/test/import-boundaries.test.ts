import { ESLint } from 'eslint';
import path from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { apiBoundaries, MODULE_FLOORS } from '../../eslint.boundaries.js';

const root = path.resolve(import.meta.dirname, '../..');

/** The boundary rules exactly as `npm run lint` applies them, without the type-aware rest. */
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      plugins: { '@typescript-eslint': tseslint.plugin },
    },
    ...apiBoundaries,
  ],
});

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

describe('the import-boundary lint (npm run check)', () => {
  it('refuses an import that goes up the floors: identity importing a patient', async () => {
    const found = await problems(
      'api/src/modules/identity/some.service.ts',
      "import { Patient } from '../patients/patient.entity.js';\nexport const x = Patient;\n",
    );
    expect(found).toEqual([expect.stringMatching(/no-restricted-imports: .*identity may import only no other module/)]);
  });

  it('refuses a part importing the composition above it, and a to-many field in the parent', async () => {
    expect(
      await problems('api/src/modules/patients/x.ts', "import { chartLoaders } from '../chart/chart.loader.js';\n"),
    ).toHaveLength(1);
    expect(
      await problems(
        'api/src/modules/appointments/x.ts',
        "import { Prescription } from '../prescriptions/prescription.entity.js';\n",
      ),
    ).toHaveLength(1);
  });

  it('allows an import that goes down', async () => {
    expect(
      await problems('api/src/modules/chart/x.ts', "import { Patient } from '../patients/patient.entity.js';\n"),
    ).toEqual([]);
  });

  it('lets a module import server/ only as a type', async () => {
    expect(
      await problems('api/src/modules/records/x.ts', "import type { Context } from '../../server/context.js';\n"),
    ).toEqual([]);
    expect(
      await problems('api/src/modules/records/x.ts', "import { createContext } from '../../server/context.js';\n"),
    ).toEqual([expect.stringMatching(/server\/ only as a type/)]);
  });

  it('keeps shared/ free of domains', async () => {
    expect(
      await problems('api/src/shared/x.ts', "import { Doctor } from '../modules/doctors/doctor.entity.js';\n"),
    ).toEqual([expect.stringMatching(/shared\/ imports no domain/)]);
  });

  it('refuses the global entity manager in request code', async () => {
    const found = await problems(
      'api/src/modules/patients/x.ts',
      'export function load(deps: { orm: { em: unknown } }) {\n  return deps.orm.em;\n}\n',
    );
    expect(found).toEqual([expect.stringMatching(/No global entity manager in a request/)]);
  });

  it('has a floor for every module folder', async () => {
    const { readdir } = await import('node:fs/promises');
    const folders = await readdir(path.join(root, 'api/src/modules'));
    expect(Object.keys(MODULE_FLOORS).sort()).toEqual(folders.sort());
  });
});
