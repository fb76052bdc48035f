// npm run openapi: builds the API's OpenAPI document into web/openapi.json with Swashbuckle's CLI (no database, no
// secrets) and regenerates the web app's typed client schema (web/src/lib/api/schema.d.ts) from it.
import fs from 'node:fs';
import path from 'node:path';
import { buildDocument, changedOperations, documentPath, generateSchema, readCommitted, schemaPath } from './lib/openapi-document.mjs';
import { installNodePackages } from './lib/node-packages.mjs';
import { root } from './lib/paths.mjs';

try {
  installNodePackages();
  const document = buildDocument();
  const changed = changedOperations(readCommitted(documentPath), document);
  fs.writeFileSync(documentPath, document);
  fs.writeFileSync(schemaPath, await generateSchema(document));
  console.log(`Wrote ${path.relative(root, documentPath)} and ${path.relative(root, schemaPath)}.`);
  if (changed.length > 0) console.log(`Operations that changed:\n  ${changed.join('\n  ')}`);
} catch (error) {
  console.error(`npm run openapi failed: ${error.message}`);
  process.exitCode = 1;
}
