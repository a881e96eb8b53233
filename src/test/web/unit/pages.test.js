// Static checks of the page sources: what the CSP would block or what would turn API data into HTML must not be
// there in the first place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../../../main/resources/META-INF/resources/', import.meta.url).pathname;

function files(dir = ROOT) {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory()
        ? files(join(dir, entry.name)) : [join(dir, entry.name)]));
}

const pages = files().filter((f) => f.endsWith('.html'));
const scripts = files().filter((f) => f.endsWith('.js'));

test('the pages and scripts exist', () => {
    assert.ok(pages.length >= 2, pages.join());
    assert.ok(scripts.length >= 5, scripts.join());
});

test('no inline script, event handler attribute or inline style in the pages', () => {
    for (const page of pages) {
        const html = readFileSync(page, 'utf8');
        for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
            assert.match(tag, /\ssrc="\/web\/[a-z-]+\.js"/, `${page}: ${tag}`);
            assert.match(tag, /type="module"/, `${page}: ${tag}`);
        }
        assert.doesNotMatch(html, /<script\b[^>]*>[^<]+<\/script>/, page);
        assert.doesNotMatch(html, /\son[a-z]+\s*=/i, page);
        assert.doesNotMatch(html, /\sstyle\s*=/i, page);
        assert.doesNotMatch(html, /javascript:/i, page);
    }
});

test('nothing is loaded from another origin', () => {
    for (const file of [...pages, ...scripts, ...files().filter((f) => f.endsWith('.css'))]) {
        const text = readFileSync(file, 'utf8');
        assert.doesNotMatch(text, /(src|href)\s*=\s*"(https?:)?\/\//i, file);
        assert.doesNotMatch(text, /url\(\s*['"]?(https?:)?\/\//i, file);
        assert.doesNotMatch(text, /@import/i, file);
        assert.doesNotMatch(text, /from\s+['"](https?:)?\/\//, file);
    }
});

test('every input and select of the pages has a label', () => {
    for (const page of pages) {
        const html = readFileSync(page, 'utf8');
        const labelled = new Set([...html.matchAll(/<label for="([^"]+)"/g)].map((m) => m[1]));
        for (const control of html.match(/<(input|select|textarea)\b[^>]*>/g) ?? []) {
            const id = /\sid="([^"]+)"/.exec(control)?.[1];
            assert.ok(id && labelled.has(id), `${page}: no label for ${control}`);
        }
    }
});

test('scripts never turn text into HTML', () => {
    for (const script of scripts) {
        const js = readFileSync(script, 'utf8');
        const html = /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(/;
        assert.doesNotMatch(js, html, script);
    }
});
