// Drives headless Chromium (/usr/bin/chromium) through the pinned playwright-core
// of tests/tools over the HTML docs and prints what it observed as JSON; the
// assertions are in tests/html_site.rs.
//
// node html_site.mjs <tools dir> <folder holding the pages> <screenshot dir> <request JSON>
// request: { "page": "en.html", "other": "index.html", "widths": [390, 1280],
//            "queries": ["66660023", ...], "billed_code": "66660023", "billed_label": "Billed",
//            "history_code": "2007", "alias": "-4017" }
//       or { "smoke": ["index.html", ...], "widths": [...], "queries": [...] }
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [tools, dir, shots, requestJson] = process.argv.slice(2);
const request = JSON.parse(requestJson);
const require = createRequire(path.join(tools, "package.json"));
const { chromium } = require("playwright-core");

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const url = (file) => pathToFileURL(path.join(dir, file)).href;
const report = { widths: {}, smoke: {} };

// What overflows the viewport horizontally: the document, and every rendered element.
const overflow = () => {
  const width = window.innerWidth;
  const bad = [];
  for (const el of document.querySelectorAll("body, body *")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > width + 0.5 || r.left < -0.5) {
      bad.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
    }
  }
  return { innerWidth: width, scrollWidth: document.documentElement.scrollWidth, elements: bad.slice(0, 20), count: bad.length };
};

// Rows shown, as "<set anchor> <first code>".
const visibleRows = () =>
  Array.from(document.querySelectorAll("tr[data-codes]"))
    .filter((row) => row.getClientRects().length > 0)
    .map((row) => `${row.closest("section.set").id} ${row.getAttribute("data-codes").split("\n")[0]}`);

// A row's cell under `label` (found by the code's anchor): its text and whether it
// lies inside the viewport horizontally.
const cell = ([code, label]) => {
  const row = document.getElementById(code).closest("tr");
  const td = Array.from(row.cells).find((c) => c.getAttribute("data-label") === label);
  if (!td) return null;
  const r = td.getBoundingClientRect();
  const style = getComputedStyle(td);
  return {
    text: td.innerText.trim(),
    inside: r.left >= 0 && r.right <= window.innerWidth && r.width > 0,
    onScreen: r.top >= 0 && r.bottom <= window.innerHeight,
    visible: style.display !== "none" && style.visibility !== "hidden",
  };
};

// Smoke mode (`request.smoke`: page files): load each page, run each query, and
// record requests, script errors, dialogs (an injected `alert`) and overflow.
for (const file of request.smoke || []) {
  for (const width of request.widths) {
    const context = await browser.newContext({ viewport: { width, height: 844 } });
    const page = await context.newPage();
    const seen = { external: [], errors: [], dialogs: [], overflow: [], rows: {} };
    page.on("request", (r) => {
      if (!r.url().startsWith("file:")) seen.external.push(r.url());
    });
    page.on("pageerror", (e) => seen.errors.push(String(e)));
    page.on("dialog", async (d) => {
      seen.dialogs.push(d.message());
      await d.dismiss();
    });
    await page.goto(url(file));
    seen.overflow.push(await page.evaluate(overflow));
    for (const query of request.queries) {
      await page.fill("#search", query);
      seen.rows[query] = (await page.evaluate(visibleRows)).length;
      seen.overflow.push(await page.evaluate(overflow));
    }
    report.smoke[`${file}@${width}`] = seen;
    await context.close();
  }
}

for (const width of request.smoke ? [] : request.widths) {
  const context = await browser.newContext({ viewport: { width, height: 844 } });
  const page = await context.newPage();
  const external = [];
  page.on("request", (r) => {
    if (!r.url().startsWith("file:")) external.push(r.url());
  });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url(request.page));
  const seen = { external, errors, overflow: await page.evaluate(overflow), queries: {} };
  await page.screenshot({ path: path.join(shots, `${width}-top.png`) });
  for (const query of request.queries) {
    await page.fill("#search", query);
    seen.queries[query] = {
      rows: await page.evaluate(visibleRows),
      overflow: await page.evaluate(overflow),
      shown: await page.textContent("#shown"),
    };
  }
  await page.fill("#search", request.billed_code);
  // Right after typing, before any scrolling: is the answer on the first screen?
  seen.billedAtOnce = await page.evaluate(cell, [request.billed_code, request.billed_label]);
  await page.locator(`[id="${request.billed_code}"]`).scrollIntoViewIfNeeded();
  seen.billed = await page.evaluate(cell, [request.billed_code, request.billed_label]);
  seen.scrollX = await page.evaluate(() => window.scrollX);
  await page.screenshot({ path: path.join(shots, `${width}-search-${request.billed_code}.png`) });
  await page.fill("#search", request.history_code);
  seen.history = await page.evaluate(cell, [request.history_code, request.billed_label]);
  await page.fill("#search", "");

  // An alias anchor lands on its row, in view.
  await page.goto(url(request.page) + "#" + request.alias);
  await page.waitForTimeout(100);
  seen.alias = await page.evaluate((alias) => {
    const el = document.getElementById(alias);
    if (!el) return null;
    const row = el.closest("tr").getBoundingClientRect();
    return {
      row: el.closest("tr").getAttribute("data-codes").split("\n"),
      inView: row.top < window.innerHeight && row.bottom > 0,
      target: document.querySelector(":target") === el,
    };
  }, request.alias);
  await page.screenshot({ path: path.join(shots, `${width}-anchor.png`) });

  // The locale switcher keeps the anchor.
  await page.click(`.locales a[href="${request.other}"]`);
  await page.waitForLoadState();
  seen.switched = await page.evaluate((alias) => {
    const el = document.getElementById(alias);
    const r = el ? el.getBoundingClientRect() : null;
    return {
      url: location.href.split("/").pop(),
      lang: document.documentElement.lang,
      inView: r !== null && r.top < window.innerHeight && r.bottom > 0,
    };
  }, request.alias);
  seen.switchedOverflow = await page.evaluate(overflow);
  await page.screenshot({ path: path.join(shots, `${width}-switched.png`) });
  report.widths[width] = seen;
  await context.close();
}
await browser.close();
process.stdout.write(JSON.stringify(report, null, 1));
