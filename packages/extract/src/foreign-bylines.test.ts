import { describe, expect, it } from 'vitest';
import { readNames } from './authors.js';
import { foreignBylineNames, opensByline } from './content/phrases.js';
import { extractArticle } from './index.js';

/**
 * Chinese, Japanese and Korean bylines: a label credits the writer ("作者：",
 * "记者", "筆者：", "기자") where other languages print "by". Printed lines are
 * read as the headline area reads them (`printed`: no capitals to tell a name by).
 */
const printed = (line: string): string[] => readNames(line, { printed: true });

describe('CJK bylines', () => {
  it.each([
    ['作者：李明', ['李明']],
    ['作者: 李明', ['李明']],
    ['记者 王晓明', ['王晓明']],
    ['记者：王晓明', ['王晓明']],
    ['本报记者 王晓明', ['王晓明']],
    ['文／李明', ['李明']],
    ['文/李明', ['李明']],
    ['撰文：李明', ['李明']],
    ['記者 王曉明', ['王曉明']],
    ['作者：李明 张华', ['李明', '张华']],
    ['作者：李明、张华', ['李明', '张华']],
    ['作者：李明，张华', ['李明', '张华']],
    ['2026-03-05 10:21 来源：示例网 作者：李明', ['李明']],
    ['2026-03-05 10:21 作者：李明 来源：示例网', ['李明']],
    ['作者：李明 编辑：张华', ['李明']],
    ['2026年3月5日 记者 王晓明', ['王晓明']],
    // In brackets, and Taiwan's label glued to the name with the place it reports from.
    ['（记者 王晓明 通讯员 李华）', ['王晓明']],
    ['記者陳志明／台北報導', ['陳志明']],
    ['〔記者陳志明／台北報導〕', ['陳志明']],
    ['[한빛일보 홍길동 기자]', ['홍길동']],
    ['홍길동·김철수 기자', ['홍길동', '김철수']],
    ['文：山田太郎', ['山田太郎']],
    ['筆者：山田太郎', ['山田太郎']],
    ['記者：山田太郎', ['山田太郎']],
    ['山田太郎 記者', ['山田太郎']],
    ['홍길동 기자', ['홍길동']],
    ['사회부 홍길동 기자 hong@example.com', ['홍길동']],
    ['글 홍길동', ['홍길동']],
    ['글·사진 홍길동', ['홍길동']],
  ])('reads the writer of %s', (line, names) => {
    expect(opensByline(line)).toBe(true);
    expect(printed(line)).toEqual(names);
  });

  it.each([
    // The source and the editor are other credits.
    '来源：新华社',
    '责任编辑：张华',
    '（责任编辑：张华）',
    // A reporter mentioned in a sentence, or "记者" glued to the name in prose.
    '据记者王晓明介绍，该公司计划明年投产',
    '记者王晓明报道',
    '新华社北京3月5日电（记者 王晓明）一家总部位于深圳的科技公司周二发布了新一代固态电池技术。',
    '中文/英文',
    '政治部記者',
  ])('reads no writer from %s', (line) => {
    expect(printed(line)).toEqual([]);
    expect(readNames(line, {})).not.toContain('张华');
  });

  it('leaves Latin bylines as strict as before: a name in lower case is no printed name', () => {
    expect(foreignBylineNames('Von Jane Doe')).toBe('Jane Doe');
    expect(printed('jane doe')).toEqual([]);
  });
});

describe('author labels in other languages and scripts', () => {
  it.each([
    ['Автор: Иван Петров', ['Иван Петров']],
    ['автор: Иван Петров', ['Иван Петров']],
    ['Текст: Иван Петров', ['Иван Петров']],
    ['Yazar: Ahmet Yılmaz', ['Ahmet Yılmaz']],
    ['Autor: Jan Kowalski', ['Jan Kowalski']],
    ['Tác giả: Nguyễn Văn An', ['Nguyễn Văn An']],
    ['Συντάκτης: Γιώργος Παπαδόπουλος', ['Γιώργος Παπαδόπουλος']],
    ['Oleh Budi Santoso', ['Budi Santoso']],
    ['Oleh: Budi Santoso', ['Budi Santoso']],
    // Scripts without capitals: the label is what makes the words a name.
    ['بقلم: محمد علي', ['محمد علي']],
    ['بقلم محمد علي', ['محمد علي']],
    ['מאת דנה כהן', ['דנה כהן']],
    ['लेखक: राहुल शर्मा', ['राहुल शर्मा']],
    ['كتب: محمد علي', ['محمد علي']],
    ['كتبت سارة خليل', ['سارة خليل']],
    ['نویسنده: علی رضایی', ['علی رضایی']],
    ['লেখক: রহিম উদ্দিন', ['রহিম উদ্দিন']],
    ['โดย สมชาย ใจดี', ['สมชาย ใจดี']],
    ['ผู้เขียน: สมชาย ใจดี', ['สมชาย ใจดี']],
    ['Haber: Ahmet Yılmaz', ['Ahmet Yılmaz']],
  ])('reads the writer of %s', (line, names) => {
    expect(opensByline(line)).toBe(true);
    expect(printed(line)).toEqual(names);
  });

  it.each([
    // "Therefore" in Indonesian, a sentence about an author, a label without a name, a word that only begins like a label.
    'Oleh karena itu pemerintah menunda rencana',
    'Автор статьи считает, что это важно.',
    'Autor: desconocido',
    'Autorka książki',
    'بقلم',
    'كتبها الطالب',
  ])('reads no writer from %s', (line) => {
    expect(printed(line)).toEqual([]);
  });

  it('takes such a line above the story for the byline, not for the story', () => {
    const paragraphs = [
      'Городское управление транспорта объявило в среду, что со следующего месяца последние автобусы на двадцати главных маршрутах будут ходить на час дольше.',
      'По словам представителя управления, изменение призвано помочь жителям, которые поздно заканчивают работу, и облегчить поиск такси после закрытия метро.',
      'Некоторые жители приветствовали это решение, но другие опасаются, что ночное движение принесёт шум.',
    ];
    const page = `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Автобусы</title></head><body><main><article>
      <h1>Городские автобусы будут ходить дольше</h1><p>Автор: Иван Петров</p>${paragraphs.map((text) => `<p>${text}</p>`).join('')}</article></main></body></html>`;
    const record = extractArticle(page, { url: 'https://news.example.ru/2026/03/05/buses' });
    expect(record.authors).toEqual(['Иван Петров']);
    expect(record.text.split('\n\n')).toEqual(paragraphs);
  });
});

/** A Chinese news page: the byline on the line under the headline with the date and the source, the editor under the story. */
function chinesePage(info: string, story = '<p>　　一家总部位于深圳的科技公司周二发布了新一代固态电池技术，称其能量密度比现有锂电池高出百分之四十。</p>'): string {
  const paragraphs = [
    story,
    '<p>　　该公司首席技术官在发布会上表示，新电池采用了自主研发的电解质材料，充电时间可缩短至十五分钟以内，并且在低温环境下仍能保持稳定的性能。</p>',
    '<p>　　业内专家认为，如果这项技术能够实现大规模量产，将对电动汽车行业产生深远影响。不过，也有分析人士指出，固态电池的生产成本仍然较高，短期内难以普及。</p>',
    '<p>　　据介绍，该公司计划明年在华南地区建设第一条生产线，预计年产能可达到十吉瓦时。</p>',
    '<p>（责任编辑：张华）</p>',
  ];
  return `<!doctype html><html><head><meta charset="utf-8"><title>科技公司发布新一代电池技术_示例网</title></head><body>
    <div class="wrap"><h1>科技公司发布新一代电池技术</h1><div class="info">${info}</div>
    <div class="content">${paragraphs.join('')}</div></div></body></html>`;
}

describe('extractArticle on a Chinese page', () => {
  const url = 'https://www.example.cn/tech/2026-03/05/c_123.html';

  it('reads the writer from the line under the headline', () => {
    expect(extractArticle(chinesePage('2026-03-05 10:21 来源：示例网 作者：李明'), { url }).authors).toEqual(['李明']);
    expect(extractArticle(chinesePage('2026-03-05 10:21 本报记者 王晓明'), { url }).authors).toEqual(['王晓明']);
  });

  it('reads the writer and the date under a headline that is no heading, as older templates print it (a table cell, a <font>)', () => {
    const page = chinesePage('2026-03-05 10:21 来源：示例网 作者：李明')
      .replace('<h1>科技公司发布新一代电池技术</h1>', '<table><tr><td class="title"><font size="5"><b>科技公司发布新一代电池技术</b></font></td></tr></table>');
    const record = extractArticle(page, { url });
    expect(record.authors).toEqual(['李明']);
    expect(record.publishedAt?.slice(0, 10)).toBe('2026-03-05');
  });

  it('takes neither the source nor the editor for the writer', () => {
    expect(extractArticle(chinesePage('2026-03-05 10:21 来源：新华社'), { url }).authors).toEqual([]);
  });

  it('takes no reporter named in the story for the writer', () => {
    const story = '<p>　　据记者 王晓明了解，一家总部位于深圳的科技公司周二发布了新一代固态电池技术，称其能量密度比现有锂电池高出百分之四十。</p>';
    expect(extractArticle(chinesePage('2026-03-05 10:21', story), { url }).authors).toEqual([]);
  });
});
