import { readSettings } from './config';
import { startServer } from './server';

// `npm start`: the Node.js entry point, configured by environment variables (see README).

const server = await startServer(readSettings(process.env));

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing the mail in flight and stopping`);
  await server.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
