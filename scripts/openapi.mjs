// npm run openapi: downloads the running API's OpenAPI document into web/openapi.json and regenerates the web app's
// typed client schema (web/src/lib/api/schema.d.ts) from it. Starts and stops its own API on free ports.
import fs from 'node:fs';
import path from 'node:path';
import { changedOperations, documentPath, downloadDocument, generateSchema, readCommitted, schemaPath } from './lib/openapi-document.mjs';
import { installNodePackages } from './lib/node-packages.mjs';
import { ensurePostgres } from './lib/postgres.mjs';
import { root } from './lib/paths.mjs';

let postgres;
try {
  installNodePackages();
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    postgres = await ensurePostgres();
    serverUrl = postgres.url;
  }
  const document = await downloadDocument(serverUrl);
  const changed = changedOperations(readCommitted(documentPath), document);
  fs.writeFileSync(documentPath, document);
  fs.writeFileSync(schemaPath, await generateSchema(document));
  console.log(`Wrote ${path.relative(root, documentPath)} and ${path.relative(root, schemaPath)}.`);
  if (changed.length > 0) console.log(`Operations that changed:\n  ${changed.join('\n  ')}`);
} catch (error) {
  console.error(`npm run openapi failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  postgres?.stop();
}
