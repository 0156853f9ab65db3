import { SaxesParser } from 'saxes';

/** Throws the first well-formedness error of an XML text (a strict parser: a bare `&` is an error). */
export function assertWellFormedXml(xml: string): void {
  const parser = new SaxesParser();
  let error: Error | null = null;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.write(xml).close();
  if (error) throw error;
}
