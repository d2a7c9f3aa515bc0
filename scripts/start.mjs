#!/usr/bin/env node
// `npm start`: runs the whole platform on embedded defaults and supervises it until Ctrl-C.
import { demoAccounts, startPlatform, StartError } from './lib/platform.mjs';

const started = Date.now();
let platform;
try {
  platform = await startPlatform();
} catch (error) {
  if (error instanceof StartError) {
    console.error(`\n✖ ${error.part} failed to start: ${error.message}`);
    if (error.tail) console.error(`--- last lines of ${error.part}'s log ---\n${error.tail}\n---`);
  } else {
    console.error('\n✖ start-up failed:', error);
  }
  process.exit(1);
}

const accounts = demoAccounts();
console.log(`
The platform is running (ready in ${((Date.now() - started) / 1000).toFixed(0)} s).

  Web app        ${platform.url}/
  API            ${platform.apiUrl}   (OpenAPI: ${platform.apiUrl}/openapi.json, browsable: ${platform.apiUrl}/docs)
  Health         ${platform.apiUrl}/health
  Keycloak       ${platform.keycloakUrl}/realms/gov/account   (realm "gov")
  Departments    ${platform.deptSimUrl ? `${platform.deptSimUrl}/departments/{code}   (simulated; faults: ${platform.deptSimUrl}/admin/departments)` : 'not running'}
  Engine         ${platform.engine ? `gRPC ${platform.engine.grpc}, REST ${platform.engine.rest}` : 'not running'}
  Logs           ${platform.logDir}

Demo accounts (password for all: demo1234):
${accounts.map((a) => `  ${a.username.padEnd(16)} ${a.name.padEnd(6, '　')} ${a.roles.join(', ').padEnd(22)} ${a.groups.join(', ')}`).join('\n')}

Press Ctrl-C to stop.`);

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping…');
  await platform.stop();
  console.log('stopped.');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

const failed = await platform.failure;
if (failed && !stopping) {
  console.error(`\n✖ ${failed.part} stopped unexpectedly (${failed.exit.signal ?? `exit code ${failed.exit.code}`}).\n--- last lines of its log ---\n${failed.tail}\n---`);
  await shutdown(1);
}
