import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { migrateToLatest } from '../db/migrate';
import { openSqlite } from '../src/adapters/sqlite';
import { setTemporaryPassword } from '../src/domain/account';
import { createOrganiser, findOrganiserByEmail } from '../src/domain/auth';
import { PASSWORD_MIN_LENGTH, hashPassword } from '../src/domain/passwords';

// `npm run admin -- create <email> [name]`: an admin in DATA_DIR's database, with a password typed twice unseen.
// `npm run admin -- password <email>`: a new password for an existing organiser (signs them out everywhere).
// Either password is one-time: whoever typed it here, its owner chooses their own at the next sign-in.

const USAGE = 'Usage: npm run admin -- create <email> [name]\n       npm run admin -- password <email>';

let muted = false;
const output = new Writable({
  write(chunk, _encoding, done) {
    if (!muted) process.stdout.write(chunk);
    done();
  },
});
// One interface for every question, so piped input (several lines at once) is not lost between questions.
const rl = createInterface({ input: process.stdin, output, terminal: process.stdin.isTTY === true });
const lines = rl[Symbol.asyncIterator]();

/** Reads one line from the terminal without showing what is typed. */
async function askHidden(question: string): Promise<string> {
  muted = false;
  output.write(question);
  muted = true;
  const { value, done } = await lines.next();
  muted = false;
  process.stdout.write('\n');
  if (done) throw new Error('No password given (end of input).');
  return value;
}

async function askNewPassword(): Promise<string> {
  for (;;) {
    const first = await askHidden('Password: ');
    if (first.length < PASSWORD_MIN_LENGTH) {
      console.error(`The password must be at least ${PASSWORD_MIN_LENGTH} characters.`);
      continue;
    }
    const second = await askHidden('Password again: ');
    if (first === second) return first;
    console.error('The passwords differ; try again.');
  }
}

async function main(args: string[]): Promise<number> {
  const [command, email, ...nameParts] = args;
  if ((command !== 'create' && command !== 'password') || !email || !/^[^\s@]+@[^\s@]+$/.test(email)) {
    console.error(USAGE);
    return 2;
  }
  const dataDir = process.env.DATA_DIR || './data';
  mkdirSync(dataDir, { recursive: true });
  const { db } = openSqlite(join(dataDir, 'samling.sqlite'));
  try {
    await migrateToLatest(db);
    const existing = await findOrganiserByEmail(db, email);
    if (command === 'create' && existing) {
      console.error(`${email} already exists; use "npm run admin -- password ${email}" to set a new password.`);
      return 1;
    }
    if (command === 'password' && !existing) {
      console.error(`No organiser has the address ${email}.`);
      return 1;
    }
    const passwordHash = await hashPassword(await askNewPassword());
    if (existing) {
      await setTemporaryPassword(db, existing.id, passwordHash);
      console.log(`New one-time password set for ${existing.email}; it must be changed at the next sign-in.`);
    } else {
      const name = nameParts.join(' ').trim() || email.split('@')[0]!;
      await createOrganiser(db, { email, name, role: 'admin', password_hash: passwordHash, must_change_password: 1 }, new Date());
      console.log(`Created the admin ${email} in ${join(dataDir, 'samling.sqlite')}. Sign in at /admin; the password must be changed then.`);
    }
    return 0;
  } finally {
    await db.destroy();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} finally {
  rl.close();
}
