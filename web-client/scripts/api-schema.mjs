// The web client's API types, generated from the server's OpenAPI document (the contract, see
// adapter-http/README.md). `npm run generate:api` (or bin/refresh-contract) writes them to
// src/upload/api-schema.ts; test/unit/api-schema.test.ts fails when that file is stale.
import { readFile, writeFile } from 'node:fs/promises';
import openapiTS, { COMMENT_HEADER, astToString } from 'openapi-typescript';

export const CONTRACT = new URL('../../adapter-http/openapi.yaml', import.meta.url);
export const GENERATED = new URL('../src/upload/api-schema.ts', import.meta.url);

/** The TypeScript of the contract: readonly like the rest of the client, optional only when the server may omit it. */
export async function apiSchema() {
  const ast = await openapiTS(await readFile(CONTRACT, 'utf8'), { immutable: true, defaultNonNullable: false });
  return COMMENT_HEADER + astToString(ast);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeFile(GENERATED, await apiSchema());
}
