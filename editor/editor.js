// The site's additions to Decap CMS, registered before it starts (manual-init.js holds it).
//
// - Formats, one per collection (`site-<name>` in config.yml): every file is read and
//   written the way the site's loader reads YAML (PyYAML, YAML 1.1, dates kept as text:
//   hooks/multilingual_site/loading.py). Decap's own YAML library writes YAML 1.2, where `yes`,
//   `on` or `10:30` stay plain; PyYAML would read them as true or as the number 630. Keys
//   are written in the order of the form's fields (Decap keeps values in Immutable maps,
//   which lose the order of more than eight keys); empty optional values are left out (the
//   validator refuses `summary: ""`), and so are the editor-only fields (the slug names the
//   files only).
// - A data file whose top level is a list (members.yml, ...) is shown to Decap as a mapping
//   with one key (Decap's file collections expect a mapping; decap-cms issue #531), and
//   written back as the list.
// - The widget `article-slug`: a new article's slug is asked for (it names the files
//   docs/news/<year>/<slug>.<lang>.md); a saved article shows its own, which does not change.
// - Translations (hooks/multilingual_site/translations.py): the widget `translation-status`
//   shows each language's version of the article as missing, outdated (its source changed
//   since it was translated) or up to date; saving records, in each translation edited, the
//   version of the source it now matches (`translated_from: zh@<hash>`, the hash the build
//   computes), leaves out a language given no text of its own (no file: its readers are
//   shown another language's, marked), and refuses a translation with text but no title.
// - The preview pane uses the site's stylesheets; articles are previewed as on the site.
// - The preview's 复制到微信 button copies the article for WeChat's editor (below).
//
// Its agreements with the configuration (hooks/multilingual_site/editor_config.py) come from
// the attributes of this script's element, which the build writes from the same constants,
// and from config.yml itself, read here once and handed to Decap.

import { YAML } from './vendor/yaml/index.js';

const CMS = window.CMS;
const h = window.h;
const settings = document.querySelector('script[data-list-key]').dataset;
const LIST_KEY = settings.listKey;
const EDITOR_ONLY = settings.editorOnly.split(' ').filter(Boolean);

// --- YAML as the site reads it -------------------------------------------------------

// Reading: YAML 1.1 without timestamps, like the site's loader (a date stays `2024-09-01`).
const READ = { version: '1.1', customTags: tags => tags.filter(tag => tag.tag !== 'tag:yaml.org,2002:timestamp') };
// Writing: YAML 1.1 with timestamps, so that a text any YAML 1.1 reader would take for
// something else (a date, true, a number) is quoted.
const WRITE = { version: '1.1' };

function parseYaml(text) {
  return YAML.parse(text, READ);
}

// Empty texts, empty items and mappings left empty are left out.
function withoutEmpty(value) {
  if (Array.isArray(value)) {
    return value.map(withoutEmpty).filter(item => item !== undefined);
  }
  if (value !== null && typeof value === 'object') {
    const kept = {};
    for (const [key, item] of Object.entries(value)) {
      const cleaned = withoutEmpty(item);
      if (cleaned !== undefined) kept[key] = cleaned;
    }
    return Object.keys(kept).length ? kept : undefined;
  }
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
    return undefined;
  }
  return value;
}

// A value with the keys of every mapping in the order of the form's fields (keys the form
// does not know after them, as they came).
function inFieldOrder(value, fields) {
  if (Array.isArray(value)) {
    return value.map(item => inFieldOrder(item, fields));
  }
  if (value === null || typeof value !== 'object' || !fields) {
    return value;
  }
  const ordered = {};
  for (const field of fields) {
    if (field.name in value) ordered[field.name] = inFieldOrder(value[field.name], field.fields);
  }
  for (const [key, item] of Object.entries(value)) {
    if (!(key in ordered)) ordered[key] = item;
  }
  return ordered;
}

function writeYaml(value, fields) {
  return YAML.stringify(inFieldOrder(withoutEmpty(value) ?? (Array.isArray(value) ? [] : {}), fields), WRITE);
}

// `---`, the front matter, `---`, a blank line, the Markdown text: as `make news` writes it.
const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)^---[ \t]*(?:\r?\n|$)([\s\S]*)$/m;

function articleFormat(fields) {
  return {
    fromFile(text) {
      const match = FRONT_MATTER.exec(text);
      if (!match || match.index !== 0) return { body: text };
      const body = match[2].replace(/^(?:[ \t]*\r?\n)+/, '');
      const data = { ...(parseYaml(match[1]) ?? {}), ...(body.trim() ? { body } : {}) };
      // Its own text as it was read: saving tells an edited translation from one left alone.
      return { ...data, [LOADED]: ownText(data) };
    },
    toFile(data) {
      const { body = '', ...meta } = data;
      for (const name of [...EDITOR_ONLY, LOADED]) delete meta[name];
      const text = body.trim() ? `\n${body.replace(/\s+$/, '')}\n` : '';
      return `---\n${writeYaml(meta, fields)}---\n${text}`;
    },
  };
}

function listFileFormat(fields) {
  const itemFields = fields[0].fields;
  return {
    fromFile: text => ({ [LIST_KEY]: parseYaml(text) ?? [] }),
    toFile: data => writeYaml(data[LIST_KEY] ?? [], itemFields),
  };
}

function mappingFileFormat(fields) {
  return {
    fromFile: text => parseYaml(text) ?? {},
    toFile: data => writeYaml(data, fields),
  };
}

function registerFormats(config) {
  for (const collection of config.collections) {
    const fields = collection.fields ?? collection.files[0].fields;
    let format;
    if (collection.folder) {
      format = articleFormat(fields);
    } else if (fields.length === 1 && fields[0].name === LIST_KEY) {
      format = listFileFormat(fields);
    } else {
      format = mappingFileFormat(fields);
    }
    CMS.registerCustomFormat(collection.format, collection.extension, format);
  }
}

// --- Translations ---------------------------------------------------------------------

const LOADED = '__loaded_text';

function ownText(data) {
  const get = name => (data && typeof data.get === 'function' ? data.get(name) : data?.[name]);
  return ['title', 'summary', 'body'].map(name => String(get(name) ?? '').replace(/\r\n/g, '\n').trim()).join('\n');
}

// The version a translation records of its source: as translations.source_version computes it.
async function sourceVersion(data) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(ownText(data)));
  return Array.from(new Uint8Array(digest), byte => byte.toString(16).padStart(2, '0')).join('').slice(0, 12);
}

function hasOwnText(data) {
  return ownText(data).replace(/\n/g, '') !== '';
}

// Decap checks required fields in the first language only, and writes another language's
// file as soon as a value is shared with it (the date). A language given no text of its own
// is left out (no file: the build shows its readers another language's version, marked);
// one with text but no title is refused here, where the author sees why, before any file is
// written; each translation edited records the version of the source it now matches.
// (Decap hands every handler the same object: a new `entry` set on it is what is saved.)
// What the last save of each article wrote (slug -> locale -> {text, record}): Decap keeps
// showing the form as it was before preSave, so both the next save and the status read the
// recorded versions from here, and a translation untouched since that save keeps its record.
let pending = {};
const SAVED = new Map();
const STATUS_SHOWN = new Set();  // the status widgets on screen, redrawn after a save

async function completeTranslations(args) {
  let entry = args.entry;
  if (entry.get('collection') !== 'news') return undefined;
  const version = `${DEFAULT_LOCALE}@${await sourceVersion(entry.get('data'))}`;
  const saved = SAVED.get(entry.get('slug')) || {};
  pending = {};
  for (const [locale, translation] of (entry.get('i18n') || new Map()).entries()) {
    const data = translation.get('data');
    if (!hasOwnText(data)) {
      entry = entry.deleteIn(['i18n', locale]);
      continue;
    }
    const title = data.get('title');
    if (typeof title !== 'string' || !title.trim()) {
      throw new Error(`这种语言的译文需要标题：请填写 ${locale} 标题 (a translation needs its title: ${locale})`);
    }
    const text = ownText(data);
    const last = saved[locale] || { text: data.get(LOADED), record: data.get('translated_from') };
    const record = last.text === undefined || last.text !== text ? version : last.record;
    if (record) entry = entry.setIn(['i18n', locale, 'data', 'translated_from'], record);
    pending[locale] = { text, record };
  }
  args.entry = entry;
  return undefined;
}

async function keepRecorded({ entry }) {
  if (entry.get('collection') !== 'news') return;
  SAVED.set(entry.get('slug'), pending);
  pending = {};
  // The source as saved: translations not brought up to date with it are outdated now.
  const version = await sourceVersion(entry.get('data'));
  STATUS_SHOWN.forEach(widget => widget.setState({ version }));
}

// Above the form: each language's version, as `make translations` reports it.
const STATUS_WORDS = {
  missing: '未翻译 missing', outdated: '需要更新 outdated', current: '已是最新 up to date', source: '原文 source',
  untracked: '未记录原文版本 no source version recorded',
};

const TranslationStatusControl = window.createClass({
  getInitialState() { return { version: null }; },
  componentDidMount() { STATUS_SHOWN.add(this); this.update(); },
  componentWillUnmount() { STATUS_SHOWN.delete(this); },
  componentDidUpdate() { this.update(); },
  update() {
    const text = ownText(this.props.entry.get('data'));
    if (this.lastText === text) return;
    this.lastText = text;
    sourceVersion(this.props.entry.get('data')).then(version => this.setState({ version }));
  },
  isValid() { return true; },
  render() {
    const { entry, forID, classNameWrapper } = this.props;
    const rows = LOCALES.map(locale => {
      let status = 'source';
      if (locale !== DEFAULT_LOCALE) {
        const data = entry.getIn(['i18n', locale, 'data']);
        const saved = (SAVED.get(entry.get('slug')) || {})[locale];
        const record = saved ? saved.record : data && data.get('translated_from');
        if (!hasOwnText(data)) status = 'missing';
        else if (!record) status = 'untracked';
        else if (this.state.version && record === `${DEFAULT_LOCALE}@${this.state.version}`) status = 'current';
        else status = 'outdated';
      }
      return h('li', { key: locale, 'data-locale': locale, 'data-status': status }, `${locale}: ${STATUS_WORDS[status]}`);
    });
    return h('ul', { id: forID, className: `${classNameWrapper} site-translation-status` }, rows);
  },
});

// --- The slug of a new article --------------------------------------------------------

const StringControl = CMS.getWidget('string').control;

const ArticleSlugControl = window.createClass({
  // Required for a new article only: a saved one keeps its file name (the field is
  // `required: false` in the configuration, so Decap's own check does not ask for it).
  isValid() {
    if (this.props.entry.get('newRecord') && !this.props.value) {
      return { error: { message: '请填写网址短名 (a new article needs a slug)' } };
    }
    return true;
  },
  render() {
    const { entry, forID, classNameWrapper } = this.props;
    if (entry.get('newRecord')) {
      return h(StringControl, this.props);  // Decap's own text input
    }
    // The entry's slug is "<year>/<slug>": its folder and its file name.
    return h('input', {
      type: 'text', id: forID, className: classNameWrapper, readOnly: true,
      value: String(entry.get('slug') || '').split('/').pop(),
    });
  },
});

// --- Copy for WeChat ---------------------------------------------------------------------

// The preview's 复制到微信 button puts the article on the clipboard as rich text, to paste into
// WeChat's Official Account editor: the copy `make wechat` writes, which the build the editor
// comes with makes for each published article of the default language
// (hooks/multilingual_site/editor_wechat.py: admin/wechat/news/<year>/<slug>.html). It is the
// article as last saved and built; when the text being edited differs from it (the version the
// copy names is not this text's: translations.version_of, sourceVersion above), the button asks
// for a save first instead of copying an older text.
const WECHAT_WORDS = {
  copy: '复制到微信 Copy for WeChat',
  copied: '已复制：粘贴到公众号编辑器 Copied: paste it into the Official Account editor',
  unsaved: '正文有未保存或尚未构建的修改：请先发布，预览更新后再复制 Save first; copy once the preview is rebuilt',
  missing: '这篇文章尚未发布，发布后才能复制 Not published yet: publish it first',
  failed: '复制失败 Could not copy: ',
};

async function weChatCopy(entry) {
  const slug = entry.get('slug');
  if (entry.get('newRecord') || !slug || entry.getIn(['data', 'draft'])) return { problem: WECHAT_WORDS.missing };
  const response = await fetch(new URL(`wechat/news/${slug}.html`, import.meta.url), { cache: 'no-cache' });
  if (!response.ok) return { problem: WECHAT_WORDS.missing };
  const copy = new DOMParser().parseFromString(await response.text(), 'text/html');
  const made = copy.querySelector('meta[name="source-version"]')?.getAttribute('content');
  if (made !== await sourceVersion(entry.get('data'))) return { problem: WECHAT_WORDS.unsaved };
  return { html: copy.body.innerHTML.trim(), text: copy.body.textContent.trim() };
}

const WeChatCopyButton = window.createClass({
  getInitialState() { return { message: '' }; },
  async copy(event) {
    // The preview pane is a frame of its own: the click gave it the user activation (and the
    // focus) that writing to the clipboard needs, so its window writes.
    const frame = event.currentTarget.ownerDocument.defaultView;
    try {
      const found = await weChatCopy(this.props.entry);
      if (found.problem) {
        this.setState({ message: found.problem });
        return;
      }
      await frame.navigator.clipboard.write([new frame.ClipboardItem({
        'text/html': new frame.Blob([found.html], { type: 'text/html' }),
        'text/plain': new frame.Blob([found.text], { type: 'text/plain' }),
      })]);
      this.setState({ message: WECHAT_WORDS.copied });
    } catch (error) {
      this.setState({ message: WECHAT_WORDS.failed + error.message });
    }
  },
  render() {
    return h('p', { className: 'site-editor-wechat' },
      h('button', { type: 'button', onClick: event => this.copy(event) }, WECHAT_WORDS.copy),
      h('span', { role: 'status' }, this.state.message));
  },
});

// --- The preview pane -----------------------------------------------------------------

const ArticlePreview = window.createClass({
  render() {
    const { entry, widgetFor, getAsset } = this.props;
    const data = entry.get('data');
    const cover = data.get('cover');
    return h('article', { className: 'md-typeset site-editor-preview' },
      h(WeChatCopyButton, { entry }),
      h('h1', null, data.get('title') || ''),
      h('p', { className: 'site-editor-preview__meta' }, [data.get('date'), data.get('source')].filter(Boolean).join(' · ')),
      data.get('summary') ? h('p', null, h('strong', null, data.get('summary'))) : null,
      cover ? h('img', { className: 'site-editor-preview__cover', src: String(getAsset(cover)), alt: '' }) : null,
      widgetFor('body'));
  },
});

function registerPreview() {
  const base = new URL(import.meta.url);
  for (const href of document.querySelector('script[data-preview-styles]').dataset.previewStyles.split(' ')) {
    if (href) CMS.registerPreviewStyle(new URL(href, base).href);
  }
  CMS.registerPreviewTemplate('news', ArticlePreview);
}

// --- Start ----------------------------------------------------------------------------

// config.yml is read here (formats are made from its fields) and handed to Decap, which
// then does not fetch it again.
const response = await fetch(new URL('config.yml', import.meta.url), { cache: 'no-cache' });
if (!response.ok) throw new Error(`config.yml: ${response.status} ${response.statusText}`);
const config = parseYaml(await response.text());

const LOCALES = config.i18n.locales;
const DEFAULT_LOCALE = config.i18n.default_locale;

registerFormats(config);
CMS.registerEventListener({ name: 'preSave', handler: completeTranslations });
CMS.registerEventListener({ name: 'postSave', handler: keepRecorded });
CMS.registerWidget('article-slug', ArticleSlugControl);
CMS.registerWidget('translation-status', TranslationStatusControl);
registerPreview();
CMS.init({ config: { ...config, load_config_file: false } });
