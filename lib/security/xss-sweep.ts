/**
 * Helpers of the XSS unit tests: run the whole corpus through one rendering path and list what
 * the detector finds, each finding with its payload's number.
 */
import { findXssEach } from './find-xss';
import { XSS_CORPUS } from './xss-corpus';

/** Runs every payload through `render` and lists the findings, each with its payload's number. */
export async function sweep(render: (text: string, id: number) => Promise<string[]> | string[]) {
  const outputs: string[] = [];
  const owners: string[] = [];
  for (const p of XSS_CORPUS) {
    for (const html of await render(p.text, p.id)) {
      outputs.push(html);
      owners.push(`#${p.id} ${p.family}`);
    }
  }
  return findXssEach(outputs).flatMap((found, i) => found.map((f) => `${owners[i]}: ${f}`));
}
