import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../dist/index.js';
const dir = '/work/shared/bench/article-extraction';
const truth = JSON.parse(readFileSync(`${dir}/ground-truth.json`, 'utf8'));
const pages = readdirSync(`${dir}/html`).filter((n) => n.endsWith('.html.gz')).map((n) => ({ html: gunzipSync(readFileSync(`${dir}/html/${n}`)).toString('utf8'), url: truth[n.replace('.html.gz', '')].url }));
for (let r = 0; r < 4; r++) { const t = process.cpuUsage(); for (const p of pages) extractArticle(p.html, { url: p.url }); const u = process.cpuUsage(t); console.log('round', r, ((u.user + u.system) / 1000 / pages.length).toFixed(2), 'ms/page'); }
