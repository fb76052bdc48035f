// Builds the .NET projects and finds their outputs.
import path from 'node:path';
import { root } from './paths.mjs';
import { run } from './run.mjs';

/** Restores and builds one project quietly; errors still print. */
export function build(project, configuration = 'Release', env = process.env) {
  run('dotnet', ['build', path.join(root, project), '-c', configuration, '-nologo', '-v', 'q', '-clp:ErrorsOnly'], {
    env: { ...env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' },
    stdio: ['ignore', process.stderr, process.stderr],
  });
}

/** The built assembly of a project under api/. */
export function assembly(name, configuration = 'Release') {
  return path.join(root, 'api', name, 'bin', configuration, 'net10.0', `${name}.dll`);
}

let toolsRestored = false;

/** Restores the tools in .config/dotnet-tools.json (Swashbuckle's CLI, NSwag, Kiota) once per process. */
export function restoreTools(env = process.env) {
  if (toolsRestored) return;
  run('dotnet', ['tool', 'restore'], {
    cwd: root,
    env: { ...env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' },
    stdio: ['ignore', 'ignore', process.stderr],
  });
  toolsRestored = true;
}
