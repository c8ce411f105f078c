// Limits in the browser: what tests/limits.rs checks natively, through the page a user has.
// Oversized files, zip bombs and files that are not notices get a message the user can act
// on while the last comparison stays; pathological texts come back (coarsely, and saying
// so) instead of freezing the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { crc32, deflateRawSync } from 'node:zlib';
import { start } from './harness.mjs';
import { openPage, rendered } from './page-helpers.mjs';

let browser;
before(async () => {
  browser = await start();
});
after(async () => {
  await browser?.close();
});

const MB = 1024 * 1024;

/** A zip archive of `entries` ([name, Buffer, declaredSize?]), deflated. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, data, declared] of entries) {
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const size = declared ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

async function refused(page, file) {
  const before = await page.textContent('#pairs');
  await page.setInputFiles('.file-input[data-side="left"]', file);
  await page.waitForSelector('#message:not([hidden])');
  const message = await page.textContent('#message-text');
  assert.equal(await page.textContent('#pairs'), before, 'the last comparison stays');
  assert.ok(await page.isVisible('#message-kept'), 'the page says the last comparison is kept');
  await page.click('#message-close');
  return message;
}

test('files past the limits, and files that are not notices, get a message and change nothing', async () => {
  const { page, errors } = await openPage(browser.context, browser.url);
  // Over 20 MB.
  const big = Buffer.alloc(20 * MB + 1, '一、放假安排。\n');
  const tooBig = await refused(page, { name: 'big.txt', mimeType: 'text/plain', buffer: big });
  assert.match(tooBig, /文件太大（20\.0 MB），最多可读取 20\.0 MB/, tooBig);
  // A zip bomb: 2 GB declared, and one that lies and inflates past 100 MB.
  const paragraph = Buffer.from('<w:p><w:r><w:t>重复</w:t></w:r></w:p>'.repeat(1000));
  const declared = zip([['word/document.xml', paragraph, 0x7fffffff]]);
  assert.ok((await refused(page, { name: 'bomb.docx', mimeType: 'application/octet-stream', buffer: declared })).length > 0);
  const inflating = zip([['word/document.xml', Buffer.alloc(101 * MB, 0x20), 1000]]);
  assert.ok(inflating.length < MB, 'the bomb itself is small');
  assert.ok((await refused(page, { name: 'liar.docx', mimeType: 'application/octet-stream', buffer: inflating })).length > 0);
  // Too many entries.
  const crowded = zip([
    ['word/document.xml', Buffer.from('<w:document><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>')],
    ...Array.from({ length: 10_001 }, (_, i) => [`word/media/${i}.png`, Buffer.alloc(0)]),
  ]);
  assert.ok((await refused(page, { name: 'crowded.docx', mimeType: 'application/octet-stream', buffer: crowded })).length > 0);
  // A PDF and an image renamed .txt, and binary data.
  const pdf = await refused(page, { name: 'notice.txt', mimeType: 'text/plain', buffer: Buffer.from('%PDF-1.7\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n') });
  assert.match(pdf, /PDF/, pdf);
  const png = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR', 'latin1'), Buffer.alloc(64)]);
  assert.ok((await refused(page, { name: 'scan.txt', mimeType: 'text/plain', buffer: png })).length > 0);
  const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24));
  assert.ok((await refused(page, { name: 'data.txt', mimeType: 'text/plain', buffer: binary })).length > 0);
  // Empty.
  assert.ok((await refused(page, { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) })).length > 0);

  // After all that, a real file still compares.
  await rendered(page, () =>
    page.setInputFiles('.file-input[data-side="left"]', {
      name: 'deep.html',
      mimeType: 'text/html',
      buffer: Buffer.from(`${'<div>'.repeat(100_000)}一、放假时间：2月10日至17日。${'</div>'.repeat(100_000)}`),
    }),
  );
  assert.ok((await page.textContent('#pairs')).includes('放假时间'));
  assert.deepEqual(errors, []);
  await page.close();
});

/** Sets a side's text as if pasted, without typing megabytes into the textarea. */
async function pasteLarge(page, side, text) {
  await page.click(`.paste-toggle[data-side="${side}"]`);
  await page.$eval(`.paste-text[data-side="${side}"]`, (area, value) => {
    area.value = value;
  }, text);
  await page.click(`.paste-apply[data-side="${side}"]`);
}

/** A single line of notice words, `bytes` long. */
function line(bytes) {
  const words = ['各单位', '放假', '调休', '工作', '安排', '，', '。', '值班', '做好', '安全'];
  let seed = 3;
  const parts = [];
  let length = 0;
  while (length < bytes) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const word = words[(seed >>> 16) % words.length];
    parts.push(word);
    length += Buffer.byteLength(word);
  }
  return parts.join('');
}

async function openLine(page, side, text) {
  await page.setInputFiles(`.file-input[data-side="${side}"]`, {
    name: `${side}.txt`,
    mimeType: 'text/plain',
    buffer: Buffer.from(text),
  });
}

test('a long single line compares and renders, a piece at a time', async () => {
  const { page, errors } = await openPage(browser.context, browser.url);
  const left = line(256 * 1024);
  await rendered(page, () => openLine(page, 'left', left));
  await rendered(page, () => openLine(page, 'right', `${left.slice(0, 50_000)}新增的文字${left.slice(50_000)}`));
  // The insertion lies past the first piece shown; "show more" brings it, piece by piece,
  // and next-change stops at the button until then.
  const right = '#pairs .nd-cell.nd-right';
  assert.ok(!(await page.textContent(right)).includes('新增的文字'));
  assert.ok((await page.textContent(right)).length < 30_000, 'only a piece of the line is laid out');
  await page.keyboard.press('n');
  assert.ok(await page.$eval(`${right} .nd-more`, (n) => n.classList.contains('nd-current')), 'n stops at the button');
  for (let i = 0; i < 5 && !(await page.textContent(right)).includes('新增的文字'); i++) await page.click(`${right} .nd-more`);
  assert.ok((await page.textContent(`${right} ins`)).includes('新增的文字'));
  assert.match(await page.textContent(`${right} .nd-more`), /还有 [\d,]+ 字未显示/);
  // Shown, the insertion is where next-change goes.
  await page.keyboard.press('n');
  assert.ok(await page.$eval(`${right} ins`, (n) => n.classList.contains('nd-current')));
  assert.deepEqual(errors, []);
  await page.close();
});

// The engine compares a 5 MB line in a second or two, but Chromium lays out one paragraph
// that long in superlinear time (1 MB about 5 s, 2 MB about 30 s): the page shows it a piece
// at a time (render.js, maxBlockChars), so it stays responsive.
// The time limit only ends the test if the page does freeze; it is not a measurement.
test('a five-megabyte single line renders without freezing the page', { timeout: 60_000 }, async () => {
  const { page, errors } = await openPage(browser.context, browser.url);
  try {
    const left = line(5 * MB);
    await rendered(page, () => openLine(page, 'left', left));
    // A round trip that needs layout completes: the page is not frozen.
    const height = await page.evaluate(() => document.body.offsetHeight, null);
    assert.ok(height > 0);
    assert.match(await page.textContent('.nd-score-value'), /^\d+%$/, 'the summary shows');
    const shown = await page.$$eval('#pairs .nd-cell.nd-left .nd-text', (nodes) => nodes.reduce((n, x) => n + x.textContent.length, 0));
    assert.ok(shown > 1000 && shown < 100_000, `a piece of the line is shown: ${shown} characters`);
    assert.match(await page.textContent('#pairs .nd-cell.nd-left .nd-more'), /还有 [\d,]+ 字未显示/);
    // The next piece comes on request, and the page still responds.
    await page.click('#pairs .nd-cell.nd-left .nd-more');
    const more = await page.$$eval('#pairs .nd-cell.nd-left .nd-text', (nodes) => nodes.reduce((n, x) => n + x.textContent.length, 0));
    assert.ok(more > shown && more < 100_000, `${shown} → ${more}`);
    assert.ok((await page.evaluate(() => document.body.offsetHeight)) > 0);
    assert.deepEqual(errors, []);
  } finally {
    await page.close({ runBeforeUnload: false });
  }
});
