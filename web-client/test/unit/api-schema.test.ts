import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
// @ts-expect-error the generator is a plain Node script, without type declarations
import { GENERATED, apiSchema } from '../../scripts/api-schema.mjs';

describe('api-schema.ts', () => {
  it('is what the contract (adapter-http/openapi.yaml) generates: run bin/refresh-contract when it is not', async () => {
    const committed = await readFile(GENERATED as URL, 'utf8');

    expect(committed).toBe(await apiSchema());
  });
});
