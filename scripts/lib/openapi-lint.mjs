// npm test's linters for the committed OpenAPI document: Redocly (recommended rules, redocly.yaml) and Spectral
// (spectral:oas, .spectral.yaml). Any error fails, and so does any warning the README does not explain.
import path from 'node:path';
import { documentPath } from './openapi-document.mjs';
import { root } from './paths.mjs';
import { run } from './run.mjs';

/** The warnings README explains ("The OpenAPI document"), as "linter rule at JSON pointer". */
export const explainedWarnings = new Set([
  'redocly info-license at #/info', // the repository names no licence yet, so the document claims none
  'redocly operation-2xx-response at #/paths/~1api~1auth~1{provider}~1login/get/responses', // a browser redirect: 302 only
]);

const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/** Runs a linter that prints JSON whatever it finds; a non-zero exit with findings is not a crash. */
function lintJson(command, args) {
  let output;
  try {
    output = run(command, args, { cwd: root, stdio: 'pipe', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } }).stdout;
  } catch (error) {
    output = error.message.slice(error.message.indexOf('\n') + 1);
  }
  const start = output.search(/^[[{]/m);
  if (start < 0) throw new Error(`${path.basename(command)} printed no findings: ${output.slice(0, 500)}`);
  return JSON.parse(output.slice(start, output.lastIndexOf(output[start] === '[' ? ']' : '}') + 1));
}

function pointer(segments) {
  return `#/${segments.map((segment) => String(segment).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
}

/** Every finding of both linters as { linter, severity: 'error' | 'warning', rule, at, message }. */
export function lintFindings(file = documentPath) {
  const relative = path.relative(root, file);
  const redocly = lintJson(bin('redocly'), ['lint', relative, '--format=json', '--config', 'redocly.yaml']).problems.map((problem) => ({
    linter: 'redocly',
    severity: problem.severity === 'error' ? 'error' : 'warning',
    rule: problem.ruleId,
    at: problem.location?.[0]?.pointer ?? '#',
    message: problem.message,
  }));
  const spectral = lintJson(bin('spectral'), ['lint', relative, '--format', 'json', '--quiet', '--ruleset', '.spectral.yaml']).map((finding) => ({
    linter: 'spectral',
    severity: finding.severity === 0 ? 'error' : 'warning',
    rule: finding.code,
    at: pointer(finding.path),
    message: finding.message,
  })).filter((finding) => finding.severity === 'error' || finding.severity === 'warning');
  return [...redocly, ...spectral];
}

/** Fails on any error and on any warning not in explainedWarnings; answers what was left, for the step's line. */
export function checkOpenApiLint() {
  const findings = lintFindings();
  const unexplained = findings.filter((finding) => finding.severity === 'error' || !explainedWarnings.has(`${finding.linter} ${finding.rule} at ${finding.at}`));
  if (unexplained.length > 0) {
    const lines = unexplained.slice(0, 20).map((finding) => `${finding.linter} ${finding.severity} ${finding.rule} at ${finding.at}: ${finding.message}`);
    throw new Error(`${unexplained.length} finding(s) in web/openapi.json:\n  ${lines.join('\n  ')}${unexplained.length > 20 ? '\n  …' : ''}`);
  }
  const warnings = findings.length;
  return `no errors; ${warnings} warning(s), each explained in README`;
}
