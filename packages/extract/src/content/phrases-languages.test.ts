import { describe, expect, it } from 'vitest';
import { extractArticle } from '../index.js';
import { AD_LABEL, BOX_HEADING, CONTENTS_HEADING, COPYRIGHT, DATE_ONLY, DATELINE, PROMPT_LEAD, SUBSCRIBE_CALL, TAIL_HEADING } from './phrases.js';

/**
 * The phrase lists in the languages other than English: each phrase is
 * recognised, and an ordinary line of the same language that starts alike
 * is not (a phrase must never be able to take prose with it).
 */

const LISTS = { AD_LABEL, BOX_HEADING, CONTENTS_HEADING, COPYRIGHT, DATE_ONLY, DATELINE, PROMPT_LEAD, SUBSCRIBE_CALL, TAIL_HEADING };
type ListName = keyof typeof LISTS;

/** [language, list, a line the list recognises, a similar line it must not]. */
const CASES: readonly [string, ListName, string, string][] = [
  // German
  ['de', 'PROMPT_LEAD', 'Lesen Sie auch: Die Bahn erhöht die Preise', 'Lesen Sie die Packungsbeilage genau.'],
  ['de', 'PROMPT_LEAD', 'Mehr zum Thema: Wahlen in Sachsen', 'Mehr als 300 Menschen kamen zur Kundgebung.'],
  ['de', 'PROMPT_LEAD', 'Auch interessant: Die neue Regel', 'Auch interessant ist, dass der Preis sinkt.'],
  ['de', 'BOX_HEADING', 'Das könnte Sie auch interessieren', 'Das könnte Sie teuer zu stehen kommen.'],
  ['de', 'BOX_HEADING', 'Artikel teilen', 'Teilen Sie uns Ihre Meinung mit.'],
  ['de', 'BOX_HEADING', 'Mehr zum Thema', 'Mehr'],
  ['de', 'AD_LABEL', 'Anzeige', 'Anzeige gegen den Fahrer erstattet'],
  ['de', 'AD_LABEL', 'Werbung', 'Werbung im Netz wächst weiter.'],
  ['de', 'TAIL_HEADING', 'Über den Autor', 'Über den Autor wurde viel geschrieben.'],
  ['de', 'COPYRIGHT', 'Alle Rechte vorbehalten.', 'Alle Rechte der Mieter bleiben bestehen.'],
  ['de', 'DATE_ONLY', 'Samstag, 5. Dezember 2026, 10:48 Uhr', 'Am 5. Dezember 2026 beginnt die Messe.'],
  ['de', 'DATELINE', 'Veröffentlicht am 5.12.2026', 'Veröffentlichungen der Regierung'],
  ['de', 'CONTENTS_HEADING', 'Inhaltsverzeichnis', 'Inhaltsverzeichnis des Buches fehlt.'],
  ['de', 'SUBSCRIBE_CALL', 'Abonnieren Sie unseren kostenlosen Newsletter.', 'Abonnieren lohnt sich für Pendler.'],
  // French
  ['fr', 'PROMPT_LEAD', 'À lire aussi : la crise du logement', 'À lire les chiffres, la crise est loin.'],
  ['fr', 'PROMPT_LEAD', 'Lire aussi', 'Lire entre les lignes reste un art.'],
  ['fr', 'PROMPT_LEAD', 'Sur le même sujet : la réforme', 'Sur le même sujet, le ministre a répondu.'],
  ['fr', 'BOX_HEADING', 'Sur le même sujet', 'Sur le même trottoir, deux cafés.'],
  ['fr', 'BOX_HEADING', 'Partager cet article', 'Partager un repas en famille.'],
  ['fr', 'AD_LABEL', 'Publicité', 'Publicité mensongère : le tribunal tranche'],
  ['fr', 'TAIL_HEADING', "À propos de l'auteur", "À propos de l'auteur du livre, on sait peu."],
  ['fr', 'COPYRIGHT', 'Tous droits réservés', 'Tous les droits des salariés sont respectés.'],
  ['fr', 'DATE_ONLY', '5 décembre 2026 à 10h48', 'Le 5 décembre 2026, la loi entre en vigueur.'],
  ['fr', 'DATELINE', 'Publié le 5 décembre 2026', 'Publicité et médias'],
  // Spanish
  ['es', 'PROMPT_LEAD', 'Lee también: el precio de la luz', 'Leer es un placer para muchos.'],
  ['es', 'PROMPT_LEAD', 'Te puede interesar', 'Te puede costar caro olvidar el pasaporte.'],
  ['es', 'PROMPT_LEAD', 'Le puede interesar: la reforma', 'Le puede interesar saber que hoy llueve.'],
  ['es', 'BOX_HEADING', 'Compartir en Facebook', 'Compartir en familia es importante.'],
  ['es', 'BOX_HEADING', 'Artículos relacionados', 'Artículos de primera necesidad suben de precio.'],
  ['es', 'BOX_HEADING', 'Compartir', 'Compartir coche ahorra dinero.'],
  ['es', 'AD_LABEL', 'Publicidad', 'Publicidad engañosa en la red'],
  ['es', 'COPYRIGHT', 'Todos los derechos reservados', 'Todos los derechos humanos importan.'],
  ['es', 'DATE_ONLY', '5 de diciembre de 2026', 'El 5 de diciembre de 2026 votamos.'],
  ['es', 'DATELINE', 'Publicado el 5 de diciembre de 2026', 'Publicadores de libros de texto'],
  ['pt', 'DATELINE', 'Atualizada em 05/12/2026', 'Atualizações do sistema'],
  ['es', 'BOX_HEADING', 'Comentarios (12)', 'Más'],
  // Portuguese
  ['pt', 'PROMPT_LEAD', 'Leia também: a nova lei', 'Leia o contrato antes de assinar.'],
  ['pt', 'PROMPT_LEAD', 'Veja também', 'Veja como o mercado reagiu.'],
  ['pt', 'AD_LABEL', 'Publicidade', 'Publicidade infantil é proibida no país'],
  ['pt', 'COPYRIGHT', 'Todos os direitos reservados', 'Todos os direitos do consumidor valem.'],
  ['pt', 'DATE_ONLY', 'sexta-feira, 22 de outubro de 2010 às 20:13', 'Em 22 de outubro de 2010 a corrida começou.'],
  // Italian
  ['it', 'PROMPT_LEAD', 'Leggi anche: la manovra', 'Leggi le istruzioni prima di iniziare.'],
  ['it', 'BOX_HEADING', 'Potrebbe interessarti', 'Potrebbe piovere domani.'],
  ['it', 'AD_LABEL', 'Pubblicità', 'Pubblicità ingannevole, multa da un milione'],
  ['it', 'COPYRIGHT', '© Riproduzione riservata', 'Riproduzione della specie'],
  ['it', 'DATE_ONLY', '02 Ago 2017', 'Dal 02 agosto 2017 cambia tutto.'],
  // Dutch
  ['nl', 'PROMPT_LEAD', 'Lees ook: de nieuwe regels', 'Lees de voorwaarden goed door.'],
  ['nl', 'AD_LABEL', 'Advertentie', 'Advertentie in de krant kost veel'],
  ['nl', 'COPYRIGHT', 'Alle rechten voorbehouden', 'Alle rechten van de huurder blijven.'],
  // Polish
  ['pl', 'PROMPT_LEAD', 'Czytaj także: nowe przepisy', 'Czytaj uważnie każdą umowę.'],
  ['pl', 'AD_LABEL', 'Reklama', 'Reklama telewizyjna rośnie.'],
  ['pl', 'AD_LABEL', 'Dalsza część artykułu pod reklamą', 'Dalsza część sezonu zapowiada się ciekawie.'],
  ['pl', 'DATE_ONLY', '5 grudnia 2026 r.', 'Do 5 grudnia 2026 r. trwa nabór.'],
  // Swedish, Danish, Norwegian
  ['sv', 'PROMPT_LEAD', 'Läs också: regeringen föreslår', 'Läs mig en saga.'],
  ['da', 'PROMPT_LEAD', 'Læs også: ny lov', 'Læs bogen først.'],
  ['no', 'PROMPT_LEAD', 'Les også: ny lov', 'Les mer nøye neste gang.'],
  ['no', 'PROMPT_LEAD', 'Les mer: ny lov', 'Les mer om saken i morgen.'],
  ['sv', 'AD_LABEL', 'Annons', 'Annonsen togs bort'],
  // Russian
  ['ru', 'PROMPT_LEAD', 'Читайте также: новые правила', 'Читайте внимательно договор.'],
  ['ru', 'BOX_HEADING', 'Подпишитесь на наш канал', 'Подписка на газету подорожала.'],
  ['ru', 'BOX_HEADING', 'Поделиться', 'Поделиться мнением может каждый.'],
  ['ru', 'AD_LABEL', 'Реклама', 'Реклама на телевидении дорожает.'],
  ['ru', 'BOX_HEADING', 'Подробнее', 'Подробнее о ситуации рассказал министр.'],
  ['ru', 'COPYRIGHT', 'Все права защищены', 'Все права граждан охраняются законом.'],
  ['ru', 'DATE_ONLY', '5 декабря 2026 г.', 'К 5 декабря 2026 г. завершат ремонт.'],
  // Chinese
  ['zh', 'PROMPT_LEAD', '相关阅读：央行降息', '推荐阅读这本书的人很多。'],
  ['zh', 'BOX_HEADING', '推荐阅读', '推荐阅读的书目很长'],
  ['zh', 'AD_LABEL', '广告', '广告行业收入增长'],
  ['zh', 'BOX_HEADING', '分享到', '分享经济发展迅速。'],
  ['zh', 'COPYRIGHT', '版权所有，未经授权禁止转载', '他说版权问题很复杂。'],
  ['zh', 'DATE_ONLY', '2026年12月5日 10:48', '2026年12月5日，会议在北京召开。'],
  ['zh', 'DATELINE', '发布时间：2026-12-05 10:48', '发布会在周五举行。'],
  // Japanese
  ['ja', 'PROMPT_LEAD', '【関連記事】新しい制度が始まる', '関連記事を書くのは難しい。'],
  ['ja', 'BOX_HEADING', 'あわせて読みたい', 'あわせて読みたい本が多い。'],
  ['ja', 'AD_LABEL', '広告', '広告費が増えた'],
  ['ja', 'COPYRIGHT', '記事・写真の無断転載を禁じます', '転載について説明した。'],
  ['ja', 'DATE_ONLY', '2026年12月5日（土）', '2026年12月5日に発売される。'],
  // Korean
  ['ko', 'PROMPT_LEAD', '[관련기사] 새 제도 시행', '관련 부처는 대책을 발표했다.'],
  ['ko', 'BOX_HEADING', '관련 기사', '관련 기사를 읽었다.'],
  ['ko', 'AD_LABEL', '광고', '광고 시장이 커졌다'],
  ['ko', 'COPYRIGHT', '무단전재 및 재배포금지', '재배포 논란이 일었다.'],
  ['ko', 'DATE_ONLY', '2026년 12월 5일 (토) 10:48', '2026년 12월 5일 행사가 열린다.'],
  ['ko', 'DATELINE', '입력 2026.12.05 10:48', '입력된 값이 틀렸다.'],
  // A few more languages of the web
  ['id', 'PROMPT_LEAD', 'Baca juga: Harga BBM naik', 'Baca buku ini setiap hari.'],
  ['id', 'AD_LABEL', 'Iklan', 'Iklan rokok dilarang'],
  ['tr', 'BOX_HEADING', 'İlgili Haberler', 'İlgili bakanlık açıklama yaptı.'],
  ['cs', 'PROMPT_LEAD', 'Čtěte také: nový zákon', 'Čtěte pozorně.'],
];

describe('phrase lists in other languages', () => {
  it.each(CASES)('%s %s: recognises "%s", not "%s"', (_language, list, phrase, ordinary) => {
    expect(LISTS[list].test(phrase)).toBe(true);
    expect(LISTS[list].test(ordinary)).toBe(false);
  });

  it('needs a word to end where a phrase ends, in any script ("Les merveilles" is no "Les mer")', () => {
    expect(PROMPT_LEAD.test('Les merveilles du monde sont nombreuses.')).toBe(false);
    expect(PROMPT_LEAD.test('Leia também')).toBe(true);
    expect(PROMPT_LEAD.test('Leia tambémx')).toBe(false);
  });
});

interface LanguagePage {
  lang: string;
  title: string;
  paragraphs: readonly [string, string, string, string];
  /** An advert label between two paragraphs. */
  ad: string;
  /** "Read also:" and a link to another story, between two paragraphs. */
  readAlso: string;
  /** A box heading followed by a list of links to other stories. */
  boxHeading: string;
  /** The share prompt at the end. */
  share: string;
  /** A copyright line after it. */
  copyright: string;
}

/** An article page with the usual furniture in the article container, in the page's language. */
function languagePage(page: LanguagePage): string {
  const [first, second, third, fourth] = page.paragraphs;
  return `<!DOCTYPE html>
<html lang="${page.lang}">
<head><meta charset="utf-8"><title>${page.title}</title></head>
<body>
  <main>
    <article>
      <h1>${page.title}</h1>
      <div class="body">
        <p>${first}</p>
        <p>${page.ad}</p>
        <p>${second}</p>
        <p>${page.readAlso} <a href="/other-story-1">${page.title} (1)</a></p>
        <p>${third}</p>
        <h3>${page.boxHeading}</h3>
        <ul><li><a href="/other-story-2">${page.title} (2)</a></li><li><a href="/other-story-3">${page.title} (3)</a></li></ul>
        <p>${fourth}</p>
        <p>${page.share}</p>
        <p>${page.copyright}</p>
      </div>
    </article>
  </main>
</body>
</html>`;
}

const PAGES: readonly LanguagePage[] = [
  {
    lang: 'de',
    title: 'Stadtrat beschließt neue Nachtbuslinien',
    paragraphs: [
      'Der Stadtrat hat am Dienstag beschlossen, das Nachtbusnetz in die östlichen Vororte zu verlängern, eine Änderung, die Anwohner seit mehr als zehn Jahren fordern.',
      'Die ersten Linien sollen im März starten, mit Bussen alle zwanzig Minuten zwischen Mitternacht und fünf Uhr morgens an Werktagen, teilte die Verwaltung mit.',
      'Die Opposition kritisierte die Kosten, räumte aber ein, dass die bisherige Lücke Tausende Schichtarbeiter ohne sicheren Heimweg gelassen habe.',
      'Die Verkehrsbetriebe wollen im Herbst prüfen, ob die neuen Linien genutzt werden, und dann über weitere Strecken in den Norden der Stadt entscheiden.',
    ],
    ad: 'Anzeige',
    readAlso: 'Lesen Sie auch:',
    boxHeading: 'Mehr zum Thema',
    share: 'Artikel teilen',
    copyright: 'Alle Rechte vorbehalten.',
  },
  {
    lang: 'fr',
    title: 'Le conseil municipal prolonge les bus de nuit',
    paragraphs: [
      "Le conseil municipal a voté mardi l'extension du réseau de bus de nuit vers les banlieues de l'est, un changement que les habitants réclament depuis plus de dix ans.",
      'Les premières lignes ouvriront en mars, avec un bus toutes les vingt minutes entre minuit et cinq heures du matin en semaine, ont indiqué les responsables.',
      "L'opposition a critiqué le coût du projet mais a reconnu que l'absence de service laissait des milliers de travailleurs de nuit sans moyen sûr de rentrer.",
      "La régie des transports évaluera la fréquentation des nouvelles lignes à l'automne avant de décider d'autres trajets vers le nord de la ville.",
    ],
    ad: 'Publicité',
    readAlso: 'À lire aussi :',
    boxHeading: 'Sur le même sujet',
    share: 'Partager cet article',
    copyright: 'Tous droits réservés',
  },
  {
    lang: 'es',
    title: 'El ayuntamiento amplía los autobuses nocturnos',
    paragraphs: [
      'El ayuntamiento aprobó el martes ampliar la red de autobuses nocturnos a los barrios del este, un cambio que los vecinos reclaman desde hace más de una década.',
      'Las primeras líneas abrirán en marzo, con autobuses cada veinte minutos entre la medianoche y las cinco de la mañana en días laborables, según los responsables.',
      'La oposición criticó el coste del plan, pero admitió que la falta de servicio dejaba a miles de trabajadores nocturnos sin una forma segura de volver a casa.',
      'La empresa de transportes evaluará en otoño el uso de las nuevas líneas antes de decidir otros recorridos hacia el norte de la ciudad.',
    ],
    ad: 'Publicidad',
    readAlso: 'Lee también:',
    boxHeading: 'Artículos relacionados',
    share: 'Compartir',
    copyright: 'Todos los derechos reservados',
  },
  {
    lang: 'zh',
    title: '市议会决定延长夜间公交线路',
    paragraphs: [
      '市议会周二投票决定将夜间公交网络延伸至东部郊区，这是居民十多年来一直要求的改变。官员表示，这项计划将在明年春季正式实施，并将覆盖三个主要住宅区。许多居民在听证会上讲述了深夜下班后步行回家的经历，认为这项决定来得太晚。',
      '首批线路将于三月开通，工作日午夜至凌晨五点每二十分钟一班。交通部门表示，司机招聘工作已经开始，新车辆也将在二月底前完成检测和交付。每辆车都将配备监控摄像头和紧急呼叫按钮，以保障乘客安全。',
      '反对派议员质疑该计划的成本，但同意目前的服务空白让数千名轮班工人无法安全回家。他们要求市政府每季度公布一次运营数据，以便公众监督。财政部门估计，该计划每年将花费约两千万元，其中一半由省级财政补贴。',
      '公交公司将在秋季评估新线路的使用情况，然后再决定是否向城市北部增加更多线路。市民可以通过热线电话和网站提出意见和建议。如果试运行效果良好，类似的服务还可能推广到周边的几个县城。',
    ],
    ad: '广告',
    readAlso: '相关阅读：',
    boxHeading: '推荐阅读',
    share: '分享到',
    copyright: '版权所有，未经授权禁止转载',
  },
  {
    lang: 'ja',
    title: '市議会、深夜バス路線の延長を決定',
    paragraphs: [
      '市議会は火曜日、深夜バス網を東部郊外まで延長することを決めた。住民が十年以上求めてきた変更で、来年の春から本格的に運行が始まる予定だという。',
      '最初の路線は三月に開通し、平日の午前零時から午前五時まで二十分おきにバスが走る。交通局によると、運転手の採用はすでに始まっているという。',
      '野党議員は費用を疑問視したが、現在の空白が何千人もの交代勤務の労働者から安全な帰宅手段を奪っていることは認めた。運行データの公開も求めている。',
      'バス会社は秋に新路線の利用状況を調べ、その後で市の北部への路線を増やすかどうかを決める。市民の意見は電話やウェブサイトで受け付けている。',
    ],
    ad: '広告',
    readAlso: '【関連記事】',
    boxHeading: 'あわせて読みたい',
    share: 'この記事をシェアする',
    copyright: '記事・写真の無断転載を禁じます',
  },
];

describe('extractArticle on pages in other languages', () => {
  it.each(PAGES.map((page) => [page.lang, page] as const))('drops the furniture of a page in %s and keeps its prose', (_lang, page) => {
    const { text } = extractArticle(languagePage(page), { url: `https://example.${page.lang}/news/night-buses` });
    for (const paragraph of page.paragraphs) expect(text).toContain(paragraph);
    for (const furniture of [page.ad, page.readAlso, page.boxHeading, page.share, page.copyright, `${page.title} (1)`, `${page.title} (2)`]) {
      expect(text).not.toContain(furniture);
    }
  });
});
