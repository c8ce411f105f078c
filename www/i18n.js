// Every string the renderer and the widget show, in Chinese (the default) and English.
//
// A string is either text with `{name}` placeholders or a function of its parameters (for
// plurals and wording that depends on a value). `t(lang, key, params)` never throws: an
// unknown key shows as itself so a missing translation is visible, not fatal.

export const LANGS = ['zh', 'en'];
export const DEFAULT_LANG = 'zh';

const zh = {

  'side.left': '左侧（原文）',
  'side.right': '右侧（新文）',


  'view': '视图',

  'map': '对齐图',
  'map.label': '对齐图：左右两份通知的结构，色带连接对应的部分',
  'map.legend': '色带越深越相似；交叉表示移动，分叉表示合并或拆分，无连线为新增或删除。',
  'outline': '目录',
  'outline.label': '对齐的各部分',
  'summary': '概要',
  'summary.similarity': '总体相似度',
  'summary.approximate': '部分内容超出时间预算，按粗略方式比较。',
  'summary.chars': '新增 {ins} 字，删除 {del} 字，未变 {same} 字',
  'summary.changes': '{n} 处改动',

  'count.identical': '相同',
  'count.modified': '修改',
  'count.moved': '移动',
  'count.merged': '合并',
  'count.split': '拆分',
  'count.left_only': '删除',
  'count.right_only': '新增',
  'count.sections': '{n} 个部分',

  'kind.identical': '相同',
  'kind.modified': '修改',
  'kind.moved': '移动',
  'kind.merged': '合并',
  'kind.split': '拆分',
  'kind.left_only': '删除',
  'kind.right_only': '新增',
  'kind.clutter': '网页杂项',

  'block.title': '标题',
  'block.doc_number': '发文字号',
  'block.addressee': '主送机关',
  'block.preamble': '开头语',
  'block.closing': '结束语',
  'block.contact': '联系方式',
  'block.attachment': '附件',
  'block.signature': '落款',
  'block.date': '成文日期',
  'block.clutter': '网页杂项',
  'block.heading': '小标题',

  'pair.movedFrom': '从「{from}」移来',
  'pair.movedTo': '移至「{to}」',
  'pair.merged': '合并：{parts}',
  'pair.mergedInto': '并入「{to}」',
  'pair.split': '拆分为：{parts}',
  'pair.splitFrom': '由「{from}」拆出',
  'pair.similarity': '相似度 {p}',
  'pair.changes': (p) => (p.n === 0 ? '无改动' : `${p.n} 处修改`),
  'pair.summary': '{name}：{what}，相似度 {p}',
  'pair.summary.identical': '{name}：相同',
  'pair.summary.left_only': '{name}：已删除',
  'pair.summary.right_only': '{name}：新增',
  'pair.summary.clutter.left': '{name}：网页杂项，仅左侧有',
  'pair.summary.clutter.right': '{name}：网页杂项，仅右侧有',
  'pair.approximate': '粗略比较',
  'pair.noCounterpart.left': '左侧无对应内容',
  'pair.noCounterpart.right': '右侧无对应内容',
  'pair.unnamed': '段落',
  'collapsed': (p) => `${p.n} 个相同部分（${p.chars} 字）`,
  'text.more': (p) => `显示后 ${p.n.toLocaleString('zh-CN')} 字（还有 ${p.rest.toLocaleString('zh-CN')} 字未显示）`,

  'status.loading': '正在加载…',
  'status.comparing': '正在对比…',
  'error.title': '出错了',
  'error.dismiss': '关闭',
  'error.kept': '仍显示上一次的对比结果。',
  'error.engine': '对比引擎出错：{message}',
  'error.engineCrash': '对比引擎意外停止，已重新启动。请重试；如果再次出现，请缩短文本。',
  'error.load_failed': '对比引擎未能加载，暂时无法对比。请检查网络后刷新页面；如果仍然不行，请换用较新版本的 Chrome、Edge、Firefox 或 Safari。',
  'error.load': '无法加载 {what}：{message}',
  'error.read': '无法读取文件“{name}”：{message}',
  'error.empty': '文件为空或没有文字，请选择包含通知正文的文件。',
  'error.too_large': (p) => `文件太大（${p.size ?? '?'}），${p.limit ? `最多可读取 ${p.limit}` : '超出可读取的大小'}。通知一般不超过 1 MB，请确认文件是否正确，或只保存通知正文为 .txt。`,
  'error.unsupported_format': (p) => `这是${p.what ?? '不支持的文件'}。本工具可读取 .txt（UTF-8、GBK、UTF-16）、.html 和 .docx。${p.advice ?? ''}`,
  'error.undecodable': '无法识别文本编码（支持 UTF-8、GBK/GB18030 及带 BOM 的 UTF-16）。请用文本编辑器另存为 UTF-8。',
  'error.bad_docx': '这个 .docx 文件已损坏或不含 Word 正文。请用 Word 或 WPS 打开后重新保存为 .docx，或把文字复制到 .txt 文件。',
  'error.zip_bomb': '这个 .docx 解压后异常庞大（可能是恶意压缩包）。如确为正常文档，请把文字复制到 .txt 文件。',
  'error.clipboard': '无法写入剪贴板；链接已放入地址栏。',
  'error.notComparison': '这个 JSON 文件不是 notice-diff 的对比结果（schema 1）。',

  'filekind.pdf': 'PDF 文件',
  'filekind.image': '图片',
  'filekind.legacy_office': '旧版 Office/WPS 文件（.doc、.wps 等）或加密的 Office 文件',
  'filekind.spreadsheet': 'Excel 表格',
  'filekind.presentation': 'PowerPoint 演示文稿',
  'filekind.open_document': 'OpenDocument 文件',
  'filekind.ofd': 'OFD 版式文件',
  'filekind.epub': 'EPUB 电子书',
  'filekind.archive': '压缩包',
  'filekind.rtf': 'RTF 文件',
  'filekind.mhtml': '网页存档（.mht）',
  'filekind.binary': '二进制文件',
  'advice.pdf': '请从 PDF 中复制文字后粘贴，或另存为 .txt。',
  'advice.image': '请使用通知的文字版本，或对图片做文字识别（OCR）后粘贴。',
  'advice.legacy_office': '请用 Word 或 WPS 打开并另存为 .docx（不加密码）。',
  'advice.default': '请把通知正文另存为 .txt 或 .docx，或直接粘贴文字。',

  'report.left': '左侧',
  'report.right': '右侧',

};

const en = {

  'side.left': 'Left (original)',
  'side.right': 'Right (revised)',


  'view': 'View',

  'map': 'Alignment map',
  'map.label': 'Alignment map: the structure of both notices, with ribbons joining corresponding parts',
  'map.legend': 'Darker ribbons are more similar; crossings are moves, forks are merges or splits, loose ends are additions or removals.',
  'outline': 'Contents',
  'outline.label': 'Aligned parts',
  'summary': 'Summary',
  'summary.similarity': 'Overall similarity',
  'summary.approximate': 'Some parts ran out of time and were compared coarsely.',
  'summary.chars': (p) => `${p.ins.toLocaleString('en')} characters added, ${p.del.toLocaleString('en')} removed, ${p.same.toLocaleString('en')} unchanged`,
  'summary.changes': (p) => (p.n === 1 ? '1 change' : `${p.n} changes`),

  'count.identical': 'identical',
  'count.modified': 'changed',
  'count.moved': 'moved',
  'count.merged': 'merged',
  'count.split': 'split',
  'count.left_only': 'removed',
  'count.right_only': 'added',
  'count.sections': (p) => (p.n === 1 ? '1 part' : `${p.n} parts`),

  'kind.identical': 'Identical',
  'kind.modified': 'Changed',
  'kind.moved': 'Moved',
  'kind.merged': 'Merged',
  'kind.split': 'Split',
  'kind.left_only': 'Removed',
  'kind.right_only': 'Added',
  'kind.clutter': 'Page clutter',

  'block.title': 'Title',
  'block.doc_number': 'Document number',
  'block.addressee': 'Addressees',
  'block.preamble': 'Preamble',
  'block.closing': 'Closing',
  'block.contact': 'Contact',
  'block.attachment': 'Attachment',
  'block.signature': 'Signature',
  'block.date': 'Date',
  'block.clutter': 'Page clutter',
  'block.heading': 'Heading',

  'pair.movedFrom': 'moved from {from}',
  'pair.movedTo': 'moved to {to}',
  'pair.merged': 'merged: {parts}',
  'pair.mergedInto': 'merged into {to}',
  'pair.split': 'split into: {parts}',
  'pair.splitFrom': 'split from {from}',
  'pair.similarity': '{p} similar',
  'pair.changes': (p) => (p.n === 0 ? 'no changes' : p.n === 1 ? '1 change' : `${p.n} changes`),
  'pair.summary': '{name}: {what}, {p} similar',
  'pair.summary.identical': '{name}: identical',
  'pair.summary.left_only': '{name}: removed',
  'pair.summary.right_only': '{name}: added',
  'pair.summary.clutter.left': '{name}: page clutter, left only',
  'pair.summary.clutter.right': '{name}: page clutter, right only',
  'pair.approximate': 'coarse',
  'pair.noCounterpart.left': 'Nothing corresponds on the left',
  'pair.noCounterpart.right': 'Nothing corresponds on the right',
  'pair.unnamed': 'paragraph',
  'collapsed': (p) => `${p.n === 1 ? '1 identical part' : `${p.n} identical parts`} (${p.chars.toLocaleString('en')} characters)`,
  'text.more': (p) => `Show ${p.n.toLocaleString('en')} more characters (${p.rest.toLocaleString('en')} not shown yet)`,

  'status.loading': 'Loading…',
  'status.comparing': 'Comparing…',
  'error.title': 'Something went wrong',
  'error.dismiss': 'Dismiss',
  'error.kept': 'The previous comparison is still shown.',
  'error.engine': 'The comparison engine failed: {message}',
  'error.engineCrash': 'The comparison engine stopped unexpectedly and was restarted. Try again; if it happens again, shorten the texts.',
  'error.load_failed': 'The comparison engine could not be loaded, so nothing can be compared for now. Check the connection and reload the page; if that does not help, use a recent Chrome, Edge, Firefox or Safari.',
  'error.load': 'Could not load {what}: {message}',
  'error.read': 'Could not read “{name}”: {message}',
  'error.empty': 'The file is empty or has no text; choose the file that contains the notice.',
  'error.too_large': (p) => `The file is too large (${p.size ?? '?'}); ${p.limit ? `at most ${p.limit} can be read` : 'it is more than can be read'}. A notice is rarely over 1 MB: check that this is the right file, or save only the notice’s text as .txt.`,
  'error.unsupported_format': (p) => `This is ${p.what ?? 'a kind of file that is not supported'}. notice-diff reads .txt (UTF-8, GBK, UTF-16), .html and .docx. ${p.advice ?? ''}`,
  'error.undecodable': 'The text’s encoding is not recognised (UTF-8, GBK/GB18030 and UTF-16 with a byte order mark are). Open it in a text editor and save it as UTF-8.',
  'error.bad_docx': 'This .docx is damaged or has no Word document inside. Open it in Word or WPS and save it again as .docx, or copy its text into a .txt file.',
  'error.zip_bomb': 'This .docx expands to far more than a notice (it may be a zip bomb). If it is genuine, copy its text into a .txt file.',
  'error.clipboard': 'Could not write to the clipboard; the link is in the address bar.',
  'error.notComparison': 'This JSON file is not a notice-diff comparison (schema 1).',

  'filekind.pdf': 'a PDF file',
  'filekind.image': 'an image',
  'filekind.legacy_office': 'an old Office or WPS file (.doc, .wps…) or a password-protected Office file',
  'filekind.spreadsheet': 'an Excel workbook',
  'filekind.presentation': 'a PowerPoint presentation',
  'filekind.open_document': 'an OpenDocument file',
  'filekind.ofd': 'an OFD document',
  'filekind.epub': 'an EPUB e-book',
  'filekind.archive': 'an archive',
  'filekind.rtf': 'an RTF file',
  'filekind.mhtml': 'a web archive (.mht)',
  'filekind.binary': 'a binary file',
  'advice.pdf': 'Copy the text out of the PDF and paste it, or save it as .txt.',
  'advice.image': 'Use the notice’s text version, or run text recognition (OCR) on the image and paste the text.',
  'advice.legacy_office': 'Open it in Word or WPS and save it as .docx (without a password).',
  'advice.default': 'Save the notice’s text as .txt or .docx, or paste it.',

  'report.left': 'Left',
  'report.right': 'Right',

};

const STRINGS = { zh, en };

/** Adds strings that only one surface shows (the page's chrome: www/page-strings.js), so the
 * widget does not ship them. `tables` maps each language to its strings. */
export function addStrings(tables) {
  for (const lang of LANGS) Object.assign(STRINGS[lang], tables[lang]);
}

/** `lang` if supported, else the default. */
export function normalizeLang(lang) {
  const short = String(lang ?? '').toLowerCase().slice(0, 2);
  return LANGS.includes(short) ? short : DEFAULT_LANG;
}

/** The BCP 47 tag for `<html lang>`. */
export function htmlLang(lang) {
  return normalizeLang(lang) === 'en' ? 'en' : 'zh-CN';
}

/** The string `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function t(lang, key, params = {}) {
  const table = STRINGS[normalizeLang(lang)];
  const entry = table[key] ?? zh[key];
  if (entry === undefined) return key;
  if (typeof entry === 'function') return entry(params);
  return entry.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** A percentage as people read it: 0.823 → "82%". Rounds away from 0% and 100% unless exact. */
export function percent(value) {
  const v = Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
  let p = Math.round(v * 100);
  if (p === 100 && v < 1) p = 99;
  if (p === 0 && v > 0) p = 1;
  return `${p}%`;
}

/** A byte count for people: 512 B, 31.5 KB, 2.1 MB. */
export function formatBytes(n) {
  if (!Number.isFinite(n)) return '?';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const IMAGE_KINDS = new Set(['png', 'jpeg', 'gif', 'webp', 'bmp', 'tiff']);
const ARCHIVE_KINDS = new Set(['zip', 'rar', '7z', 'compressed']);

/**
 * A read or engine error as a sentence in `lang`. Errors from the Rust reader carry a stable
 * `code` (and `kind`, `size`, `limit`); those are worded here. Anything else shows its own
 * message, which is English.
 */
export function errorMessage(lang, error) {
  const code = error?.code;
  if (code === 'unsupported_format') {
    const kind = error.kind ?? '';
    const group = IMAGE_KINDS.has(kind) ? 'image' : ARCHIVE_KINDS.has(kind) ? 'archive' : kind;
    const whatKey = `filekind.${group}`;
    const what = t(lang, whatKey) === whatKey ? undefined : t(lang, whatKey);
    const adviceKey = ['pdf', 'image', 'legacy_office'].includes(group) ? `advice.${group}` : 'advice.default';
    return t(lang, 'error.unsupported_format', { what, advice: t(lang, adviceKey) });
  }
  if (code === 'too_large') {
    return t(lang, 'error.too_large', {
      size: Number.isFinite(error.size) ? formatBytes(error.size) : undefined,
      limit: Number.isFinite(error.limit) ? formatBytes(error.limit) : undefined,
    });
  }
  if (code && t(lang, `error.${code}`) !== `error.${code}`) return t(lang, `error.${code}`, error);
  return String(error?.message ?? error ?? '');
}
