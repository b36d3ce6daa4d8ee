// Renders media/icon.svg to media/icon.png (256×256, the Marketplace's icon) with the system's
// Chromium through playwright-core (no browser download). Run by hand after editing the SVG:
//   node scripts/render-icon.js
// The PNG is committed: packaging needs no browser.
const fs = require("node:fs");
const path = require("node:path");
const { chromium } = require("playwright-core");

async function main() {
  const svg = fs.readFileSync(path.join(__dirname, "..", "media", "icon.svg"), "utf8");
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage({ viewport: { width: 256, height: 256 } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.locator("svg").screenshot({ path: path.join(__dirname, "..", "media", "icon.png"), omitBackground: true });
  } finally {
    await browser.close();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
