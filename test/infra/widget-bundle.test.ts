import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWidget } from '../../widget/build';

/**
 * The widget's budget (decision 24): one script a practice embeds, ≤ 30 KB gzipped, built exactly as
 * it is deployed (minified), with nothing it would fetch from elsewhere.
 */
test('the widget bundle stays within 30 KB gzipped and imports nothing', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'widget-bundle-'));
  try {
    const script = readFileSync(await buildWidget(dir));
    const gzipped = gzipSync(script, { level: 9 }).length;
    expect(gzipped).toBeLessThanOrEqual(30 * 1024);
    // Self-contained: no module imports, no script loaded from another host.
    expect(script.toString()).not.toMatch(/\bimport\s*\(|^import\s/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
