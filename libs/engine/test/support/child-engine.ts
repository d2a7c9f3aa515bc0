// Runs the built engine CLI as a child process, as `npm run engine` does.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';

export const root = path.resolve(__dirname, '../../../..');

export interface Child {
  process: ChildProcess;
  camunda: Camunda8;
  zeebe: ReturnType<Camunda8['getZeebeGrpcApiClient']>;
  restAddress: string;
}

export async function startChild(databaseUrl: string, env: Record<string, string> = {}): Promise<Child> {
  const child = spawn(process.execPath, [path.join(root, 'libs/engine/dist/cli.js')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, ENGINE_GRPC_PORT: '0', ENGINE_REST_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('engine ready')) resolve(out);
    });
    child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
    child.on('exit', (code) => reject(new Error(`engine exited with ${code}: ${err}`)));
  });
  const grpc = /gRPC (grpc:\/\/\S+)/.exec(ready)?.[1];
  const rest = /REST (http:\/\/\S+)/.exec(ready)?.[1];
  if (!grpc || !rest) throw new Error(`unexpected ready line: ${ready}`);
  const camunda = new Camunda8({
    ZEEBE_GRPC_ADDRESS: grpc, ZEEBE_REST_ADDRESS: rest, CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_LOG_LEVEL: 'none',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
  });
  return { process: child, camunda, zeebe: camunda.getZeebeGrpcApiClient(), restAddress: rest };
}

export async function kill(child: Child): Promise<void> {
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGKILL');
  await exited;
  await child.zeebe.close().catch(() => undefined);
}


/** Compiles libs/engine to dist (incremental). */
export function buildEngine(): void {
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'libs/engine'], { cwd: root });
}

export const cliPath = path.join(root, 'libs/engine/dist/cli.js');
