import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
/** The Nu Html Checker jar shipped inside the vnu-jar package (its module's value is the jar's path). */
export const VNU_JAR = String(require('vnu-jar'));

export interface HtmlMessage {
  file: string;
  /** 'error' fails; 'warning' (an info with subType warning) and 'info' are only reported. */
  level: 'error' | 'warning' | 'info';
  line: number | undefined;
  message: string;
  extract: string | undefined;
}

interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

/**
 * Checks HTML files with the Nu Html Checker in one Java process (it takes seconds to start, so batch them).
 *
 * @example
 * const messages = await checkHtmlFiles(['test-output/html/home.html']);
 * const errors = messages.filter((m) => m.level === 'error');
 */
export async function checkHtmlFiles(files: readonly string[]): Promise<HtmlMessage[]> {
  if (files.length === 0) return [];
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile('java', ['-jar', VNU_JAR, '--format', 'json', '--stdout', ...files], { maxBuffer: 64 * 1024 * 1024 }, (error, out, err) => {
      // Exit code 1 only means "the documents have errors"; anything else (no java, a crash) is a real failure.
      if (error && !out.trim().startsWith('{')) reject(new Error(`vnu failed: ${error.message}\n${err}`));
      else resolve(out);
    });
  });
  const { messages } = JSON.parse(stdout) as { messages: VnuMessage[] };
  return messages.map((m) => ({
    file: m.url?.startsWith('file:') ? fileURLToPath(m.url) : (m.url ?? ''),
    level: m.type === 'info' ? (m.subType === 'warning' ? 'warning' : 'info') : 'error',
    line: m.lastLine,
    message: m.message,
    extract: m.extract,
  }));
}
