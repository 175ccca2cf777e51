// Loads each HTML file in headless Chromium at 390 and 1280 px, runs axe-core
// and prints every violation with the elements it names; exits 1 if any.
const { chromium } = require('playwright-core');
const path = require('path');
const axeSource = require.resolve('axe-core/axe.min.js');

async function main(files) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  let violations = 0;
  for (const file of files) {
    for (const width of [390, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto('file://' + path.resolve(file));
      await page.addScriptTag({ path: axeSource });
      const result = await page.evaluate(() =>
        axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
        })
      );
      for (const v of result.violations) {
        violations += 1;
        console.log(`${file} @${width}px: ${v.id} (${v.impact}): ${v.help}`);
        for (const node of v.nodes.slice(0, 5)) console.log(`    ${node.target.join(' ')}: ${node.failureSummary.split('\n').join(' ')}`);
      }
      console.log(`${file} @${width}px: ${result.violations.length} violations, ${result.passes.length} rules passed`);
      await page.close();
    }
  }
  await browser.close();
  process.exit(violations ? 1 : 0);
}
main(process.argv.slice(2)).catch((e) => { console.error(e); process.exit(2); });
