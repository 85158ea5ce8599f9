/** The public UI loads nothing from elsewhere: no trackers, no analytics, no third-party fonts or scripts. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = new URL('../../web/dist/', import.meta.url).pathname;
const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]));

describe('the built UI', () => {
  it('refers to no other site for scripts, styles, fonts or images', () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)="(https?:)?\/\//);
    for (const file of files(dist).filter((name) => name.endsWith('.css'))) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/@import|url\(\s*['"]?(https?:)?\/\//);
    }
  });

  it('contains no analytics or tracking code', () => {
    for (const file of files(dist).filter((name) => name.endsWith('.js'))) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/google-analytics|googletagmanager|gtag\(|fonts\.googleapis|plausible|matomo|hotjar|facebook\.net|clarity\.ms/);
    }
  });
});
