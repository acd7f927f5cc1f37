/**
 * Phrases that mean "this is not the article" on every news site: box
 * headings, prompts, advert labels, datelines, copyright lines. Only ever
 * applied to short blocks; none names a particular site. Kept as lists of
 * alternatives so that adding one is a one-line change.
 */

import { CJK_DAY, DAY_NAMES, MONTHS } from '@tidings/text';
import { escapeRegExp } from '../strings.js';
import { hasDenseScript } from '../prose-length.js';

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';

function anyOf(alternatives: readonly string[]): string {
  return `(?:${alternatives.join('|')})`;
}

/**
 * The end of a word in any script, for phrases a text must open with:
 * JavaScript's `\b` knows only ASCII letters ("lee también\b" never matches
 * before a space, "広告\b" never at all). A space, a punctuation mark or the
 * end of the text must follow.
 */
const WORD_END = '(?=[\\s\\u00A0:：.,;!?|»)\\]】」、。–—-]|$)';
/** An opening bracket that CJK pages put around a box label ("【関連記事】", "[관련기사]"), and its closing one. */
const CJK_OPEN = '[【［\\[]?';
const CJK_CLOSE = '[】］\\]]?';

/** Headings of a table of contents in other languages (the English ones are in CONTENTS_HEADING). */
const CONTENTS_HEADINGS_ELSEWHERE = [
  'inhaltsverzeichnis', 'inhalt', 'in diesem artikel',
  'sommaire', 'table des matières', 'dans cet article',
  'índice', 'tabla de contenidos?', 'contenidos', 'en este artículo', 'neste artigo',
  'indice', 'sommario', 'in questo articolo',
  'inhoudsopgave', 'inhoud', 'in dit artikel',
  'spis treści', 'w tym artykule',
  'innehåll(?:sförteckning)?', 'indhold(?:sfortegnelse)?', 'innhold(?:sfortegnelse)?',
  'содержание', 'оглавление', 'в этой статье',
  `${CJK_OPEN}(?:目录|目錄|目次|목차)${CJK_CLOSE}`,
];

/** Headings of boxes about other pages or actions. */
const BOX_HEADINGS = [
  'related(?:\\s+(?:news|stories|articles|content|posts|coverage|reading|topics|links|videos))?',
  'read (?:more|also|next)',
  'also read',
  'more (?:from|on|in|about)\\b.*',
  'more (?:stories|news|articles|to read|like this)',
  'more',
  'see also',
  'recommended(?:\\s+(?:for you|stories|reading|articles))?',
  'you (?:may|might) (?:also )?(?:like|enjoy|be interested in|have missed)',
  'most (?:popular|read|viewed|shared)',
  'trending(?: now| stories)?',
  'popular (?:now|stories|articles)',
  'latest (?:news|stories|headlines)',
  'top stories',
  "editor['’]?s picks",
  // A table of contents: links to the page's own sections.
  '(?:table of )?contents',
  'in this (?:article|post|guide|story|page)',
  'on this page',
  'jump to(?: section)?',
  'quick links',
  'further reading',
  'share(?: this)?(?: (?:article|story|post|page))?',
  'share (?:on|via)\\b.*',
  'follow us\\b.*',
  'subscribe\\b.*',
  'sign up\\b.*',
  '(?:our |get (?:our|the) )?newsletters?\\b.*',
  'comments?(?: \\(\\d+\\))?',
  '\\d+ comments?',
  'leave a (?:comment|reply)',
  'join the (?:conversation|discussion)',
  'about the author',
  'tags?',
  'topics?',
  'filed under',
  'advertisement',
  'sponsored(?: content| stories)?',
  // Other languages. A word that also heads a part of a story is left out: "Mehr", "Plus", "Más" (a review's pros and cons).
  ...CONTENTS_HEADINGS_ELSEWHERE,
  // German
  'lesen sie (?:auch|mehr)', '(?:das )?könnte (?:sie|dich) auch interessieren', 'auch interessant', 'mehr zum thema\\b.*', 'passend zum thema', 'zum thema',
  '(?:weitere|verwandte|ähnliche) (?:artikel|beiträge|nachrichten|themen)', 'meistgelesene?(?: artikel)?', 'lesetipps?', '(?:zum )?weiterlesen',
  '(?:artikel |diesen artikel )?teilen', 'folgen sie uns\\b.*', 'folge uns\\b.*', '(?:jetzt )?abonnieren', 'kommentare?(?: \\(\\d+\\))?', '\\d+ kommentare?',
  'schreibe einen kommentar', 'kommentar schreiben', 'schlagw(?:ö|o)rte?r?', 'themen', 'anzeige', 'werbung',
  // French
  '(?:[àa] )?lire (?:aussi|également|la suite)', 'voir aussi', 'sur le même (?:sujet|thème)', 'dans la même rubrique', 'en savoir plus',
  'articles? (?:similaires|liés|connexes|recommandés)', 'vous pourriez (?:aussi |également )?aimer', 'vous aimerez (?:aussi|également|peut-être(?: aussi)?)', 'les plus (?:lus|populaires)',
  'partager(?: cet article)?', 'suivez-nous\\b.*', 'abonnez-vous\\b.*', 'commentaires?(?: \\(\\d+\\))?', '\\d+ commentaires?', 'laisser un commentaire',
  'mots-clés', 'étiquettes', 'publicité',
  // Spanish
  'le[ea] también', 'leer (?:también|más)', 'ver también', 'sigue leyendo', 'seguir leyendo', 'más información', 'más noticias',
  '(?:también )?(?:te|le) (?:puede|podría) (?:interesar|gustar)', 'puede interesarte', '(?:noticias|artículos|contenidos?) relacionad[oa]s', 'relacionad[oa]s?',
  'lo más (?:leído|visto)', 'más leíd[oa]s', 'últimas noticias', 'compartir', 'comparte', 'compart(?:ir|e) en (?:facebook|twitter|x|whatsapp|linkedin|telegram|redes sociales)', 'síguenos\\b.*', 'suscríbete\\b.*',
  'comentarios(?: \\(\\d+\\))?', '\\d+ comentarios', 'deja (?:un comentario|una respuesta)', 'etiquetas', 'temas', 'publicidad', 'contenido patrocinado',
  // Portuguese
  'leia (?:também|mais)', 'veja (?:também|mais)', 'saiba mais', 'você (?:também )?pode (?:gostar|se interessar)',
  '(?:notícias|artigos|posts|matérias) relacionad[oa]s', 'mais (?:lid[oa]s|vist[oa]s)', 'últimas notícias',
  'compartilh(?:e|ar)', 'partilh(?:e|ar)', 'siga-nos\\b.*', 'comentários(?: \\(\\d+\\))?', '\\d+ comentários', 'deixe (?:um comentário|uma resposta)',
  'publicidade', 'conteúdo patrocinado',
  // Italian
  'leggi (?:anche|pure|di più|tutto)', 'vedi anche', 'guarda anche', 'continua a leggere', '(?:ti )?potrebbe(?:ro)? interessarti(?: anche)?', 'ti potrebbe(?:ro)? interessare',
  '(?:articoli|notizie) correlat[ie]', 'correlati', '(?:i )?più lett[ie]', 'ultime notizie', 'altri articoli',
  'condividi', 'seguici\\b.*', 'iscriviti\\b.*', 'commenti(?: \\(\\d+\\))?', '\\d+ commenti', 'lascia un commento', 'argomenti', 'pubblicità',
  // Dutch
  'lees (?:ook|meer|verder)', 'bekijk ook', 'zie ook', 'ook interessant', 'gerelateerde (?:artikelen|berichten)', 'gerelateerd', 'meest gelezen', 'laatste nieuws', 'meer nieuws',
  'delen', 'deel dit artikel', 'volg ons\\b.*', 'reacties(?: \\(\\d+\\))?', '\\d+ reacties', 'geef een reactie', 'trefwoorden', 'onderwerpen', 'advertentie',
  // Polish
  '(?:prze)?czytaj (?:także|też|również|więcej)', 'zobacz (?:także|też|również|więcej)', 'polecamy', 'może cię zainteresować',
  '(?:podobne|powiązane) (?:artykuły|wpisy)', 'najczęściej czytane', 'najnowsze', 'udostępnij', 'obserwuj nas\\b.*',
  'komentarze(?: \\(\\d+\\))?', 'dodaj komentarz', 'tagi', 'reklama',
  // Swedish, Danish, Norwegian
  'läs (?:också|även|mer)', 'læs (?:også|mere)', 'les (?:også|mer)', 'se (?:även|också|også)',
  'relaterade artiklar', 'relaterede artikler', 'relaterte artikler', 'relatera(?:t|de)', 'relatere(?:t|de)', 'relaterte?',
  'mest (?:lästa?|læste|leste?)', 'dela(?: artikeln)?', 'del (?:artiklen|artikkelen)', 'följ oss\\b.*', 'følg os\\b.*', 'følg oss\\b.*',
  'kommentarer(?: \\(\\d+\\))?', 'lämna en kommentar', 'taggar', 'ämnen', 'emner', 'annons', 'annonce', 'annonse', 'reklame',
  // Russian
  'читайте (?:также|ещё|еще)', 'читать (?:также|далее)', 'смотрите также', 'см\\. также', 'по теме', 'материалы по теме', 'подробнее',
  '(?:похожие|связанные) (?:статьи|записи|новости|материалы)', 'другие новости', 'последние новости', 'самое (?:читаемое|популярное)', 'популярное', 'рекомендуем',
  'вам (?:также )?может (?:быть интересно|понравиться)', 'поделиться', 'подписывайтесь(?: .*)?', 'подпишитесь(?: .*)?',
  'комментарии(?: \\(\\d+\\))?', 'добавить комментарий', 'оставить комментарий', 'теги', 'метки', 'реклама',
  // Czech, Turkish, Indonesian and Malay, Vietnamese, Arabic
  'čtěte (?:také|též|více)', 'související články', 'sdílet', 'komentáře', 'štítky',
  '[iİ]lgili haberler', 'benzer haberler', '[iİ]lgin(?:iz)?i çekebilir', 'paylaş', 'yorumlar', 'etiketler', 'reklam',
  'baca juga', '(?:berita|artikel) (?:terkait|lainnya)', 'terpopuler', 'bagikan(?: artikel ini)?', 'komentar', 'iklan',
  'tin liên quan', 'bài viết liên quan', 'xem thêm', 'chia sẻ', 'bình luận', 'quảng cáo',
  'اقرأ أيضاً?', '(?:مواضيع|أخبار|مقالات) ذات صلة', 'شارك', 'إعلان',
  // Chinese, Japanese, Korean
  `${CJK_OPEN}(?:相[关關](?:文章|阅读|閱讀|新闻|新聞|推荐|推薦|链接|報導|报道)|推[荐薦]阅读|推薦閱讀|延伸[阅閱][读讀]|[扩擴]展[阅閱][读讀]|猜你喜[欢歡]|你可能(?:还|還)?(?:喜[欢歡]|感兴趣)|[热熱][门門](?:文章|推荐|推薦|新闻|新聞)|最新(?:文章|新闻|新聞)|更多|[阅閱][读讀]更多)${CJK_CLOSE}`,
  `${CJK_OPEN}(?:分享(?:到|至|本文|此文)?|[评評][论論]|[标標][签籤]|广告|廣告|赞助内容)${CJK_CLOSE}`,
  `${CJK_OPEN}(?:関連(?:記事|ニュース|リンク)|あわせて読みたい|合わせて読みたい|こちらもおすすめ|こちらもオススメ|おすすめ(?:の)?記事|オススメ記事|人気(?:の)?記事|よく読まれている記事|アクセスランキング|続きを読む|もっと見る)${CJK_CLOSE}`,
  `${CJK_OPEN}(?:(?:この記事を)?シェア(?:する)?|共有|コメント|タグ|広告|スポンサーリンク)${CJK_CLOSE}`,
  `${CJK_OPEN}(?:관련\\s?(?:기사|뉴스)|추천\\s?기사|많이\\s?본\\s?(?:뉴스|기사)|인기\\s?기사|더\\s?보기|공유(?:하기)?|댓글|태그|광고)${CJK_CLOSE}`,
];
/**
 * Headings of a table of contents: navigation even when the contents box
 * itself has gone already (Readability drops a list of links).
 */
export const CONTENTS_HEADING = new RegExp(
  `^(?:table of contents|contents|in this (?:article|post|guide|story|page)|on this page|jump to(?: section)?|${CONTENTS_HEADINGS_ELSEWHERE.join('|')})\\s*[:：]?$`,
  'i',
);

/** A box heading: the whole text must be one. */
export const BOX_HEADING = new RegExp(`^${anyOf(BOX_HEADINGS)}\\s*[:：]?$`, 'i');

/**
 * Headings of the sections that close a page after its story whatever they
 * hold: the author's bio, the sources, other posts. (A box heading such as
 * "Related" also closes one, when what follows it is mostly links.)
 */
const TAIL_HEADINGS = [
  'about (?:the )?(?:author|authors|contributor|writer|expert)s?',
  '(?:the )?authors?',
  '(?:written|reviewed|edited|fact[- ]?checked) by(?:\\s*,| [^,.:;!?|]{2,40})?',
  '(?:article )?sources?',
  'recent (?:posts|articles)',
  '(?:previous|next) (?:post|article)',
  'up next',
  '(?:what )?others are reading',
  'additional reading\\b.*',
  // Other languages
  'über (?:den autor|die autorin|die autoren)', 'zu[mr] autor(?:in)?', 'autor(?:in|en)?', 'quellen?', '(?:nächster|vorheriger) artikel', '(?:neueste|letzte) beiträge',
  "(?:[àa] propos de )?l['’]auteur", 'auteurs?', 'article (?:précédent|suivant)', 'articles récents', 'derniers articles',
  '(?:sobre|acerca de) (?:el|la) autora?', 'acerca del autor', 'autora?', 'fuentes?', 'artículo (?:anterior|siguiente)', '(?:entradas|publicaciones) recientes',
  'sobre (?:o autor|a autora)', 'fontes?', 'artigo anterior', 'próximo artigo', '(?:posts|artigos) recentes',
  "(?:sul)?l['’]autore", 'autore', 'fonti', 'articolo (?:precedente|successivo)', 'articoli recenti',
  'over de auteur', 'bronnen', 'bron', '(?:vorig|volgend) artikel', 'recente berichten',
  'o autorze', 'źródła', 'źródło', '(?:poprzedni|następny) artykuł', '(?:najnowsze|ostatnie) wpisy',
  'om (?:författaren|forfatteren|skribenten)', 'författare', 'forfatter', 'källor', 'kilder', 'senaste inläggen', 'seneste indlæg', 'siste innlegg',
  'об авторе', 'автор', 'источники?', '(?:предыдущая|следующая) статья', '(?:свежие|последние) записи',
  `${CJK_OPEN}(?:[关關]于作者|關於作者|作者[简簡]介|参考(?:资料|文献)|參考資料|上一篇|下一篇|近期文章|著者について|この記事を書いた人|著者プロフィール|執筆者|出典|前の記事|次の記事|最近の投稿|기자\\s?소개|필자\\s?소개|출처|이전\\s?기사|다음\\s?기사|최신\\s?글|최근\\s?글)${CJK_CLOSE}`,
];
/** A tail heading: the whole text must be one. */
export const TAIL_HEADING = new RegExp(`^${anyOf(TAIL_HEADINGS)}\\s*[:：]?$`, 'i');

/** Openings of a block that prompts the reader to go elsewhere or do something. */
const PROMPTS = [
  'related(?:\\s*(?:news|stories|articles|coverage|content))?\\s*:',
  'read (?:more|also|next)\\b',
  'also read\\b',
  'also on\\b',
  'see (?:more|also)\\b',
  'more from\\b',
  'don[’\']?t miss\\b',
  'recommended\\b',
  'you (?:may|might) also\\b',
  'share (?:this|on|via)\\b',
  'like this (?:story|article)\\b',
  'want more\\b',
  'follow us\\b',
  'subscribe (?:to|now|for|today)\\b',
  'sign up (?:for|to|now|here)\\b',
  'get (?:the latest|breaking news)\\b',
  'click here\\b',
  'advertisement\\b',
  'sponsored\\b',
  'leave a (?:comment|reply)\\b',
  'join the (?:conversation|discussion)\\b',
  '(?:tags|topics|filed under)\\s*:',
  'originally published (?:on|in|at|by)\\b',
  // Other languages: each must be followed by a space, a punctuation mark or the end (WORD_END). Only phrases
  // that are a prompt whatever follows them: "Polecamy ten hotel", "Подробнее о ситуации рассказал..." are prose.
  ...[
    'lesen sie (?:auch|hier)', 'das könnte (?:sie|dich) auch interessieren', 'mehr zum thema', 'zum weiterlesen',
    'lesetipps?', 'folgen sie uns', 'folge uns', 'jetzt abonnieren', '(?:verwandte|ähnliche|weitere) artikel\\s*:',
    '(?:[àa] )?lire (?:aussi|également|la suite)', 'voir aussi', 'suivez-nous', 'abonnez-vous',
    "partager (?:sur|cet article|l['’]article)", 'articles? (?:similaires|liés|connexes)\\s*:',
    'le[ea] también', 'sigue leyendo', 'síguenos', 'suscríbete', '(?:noticias|artículos|contenidos?) relacionad[oa]s\\s*:', 'relacionad[oa]s?\\s*:',
    'leia também', 'veja também', 'siga-nos', 'compartilhe (?:no|na|este|esta|essa)', '(?:notícias|artigos|posts|matérias) relacionad[oa]s\\s*:',
    'leggi (?:anche|pure)', 'vedi anche', 'continua a leggere', 'seguici', 'iscriviti', 'condividi su', '(?:articoli|notizie) correlat[ie]\\s*:',
    'lees (?:ook|verder)', 'bekijk ook', 'zie ook', 'volg ons', 'deel (?:dit artikel|op|via)', 'gerelateerde? (?:artikelen|berichten)?\\s*:',
    '(?:prze)?czytaj (?:także|też|również)', 'zobacz (?:także|też|również)', 'obserwuj nas', 'udostępnij (?:na|artykuł)',
    'läs (?:också|även)', 'læs også', 'les også', 'se (?:även|också|også)', 'följ oss', 'følg (?:os|oss)',
    'читайте (?:также|ещё|еще)', 'читать также', 'смотрите также', 'см\\. также',
    'подписывайтесь', 'подпишитесь', 'поделиться (?:в|статьей)', '(?:материалы )?по теме\\s*:', 'похожие (?:статьи|записи|новости)\\s*:',
    'čtěte (?:také|též)', '[iİ]lgili haber(?:ler)?\\s*:', 'baca (?:juga|selengkapnya)', 'xem thêm', 'tin liên quan\\s*:', 'اقرأ أيضاً?',
    // Prompts that also open prose ("Les mer nøye...", "Auch interessant ist...", "Sur le même sujet, le ministre...",
    // "Leer también ayuda...", "Le puede interesar saber..."): only before a colon or alone.
    `(?:${[
      'lesen sie mehr', 'weiterlesen', 'auch interessant', 'passend zum thema',
      'sur le même (?:sujet|thème)', 'vous aimerez (?:aussi|peut-être)',
      'lee más', 'leer (?:más|también)', 'ver también', 'seguir leyendo', '(?:también )?(?:te|le) (?:puede|podría) interesar', 'compartir en',
      'leia mais', 'veja mais', 'saiba mais', 'você (?:também )?pode (?:gostar|se interessar)',
      'leggi (?:di più|tutto)', 'guarda anche', '(?:ti )?potrebbe(?:ro)? interessarti', 'ti potrebbe(?:ro)? interessare',
      'lees meer', 'ook interessant', 'czytaj więcej', 'może cię zainteresować', 'läs mer', 'læs mere', 'les mer',
      'читать далее', 'подробнее', 'вам (?:также )?может (?:быть интересно|понравиться)',
    ].join('|')})(?:\\s*[:：]|$)`,
    `${CJK_OPEN}(?:相[关關](?:文章|阅读|閱讀|新闻|新聞|推荐|推薦|链接|報導|报道)|推[荐薦]阅读|推薦閱讀|延伸[阅閱][读讀]|[扩擴]展[阅閱][读讀]|上一篇|下一篇)${CJK_CLOSE}`,
    `${CJK_OPEN}(?:関連(?:記事|ニュース|リンク)|あわせて読みたい|合わせて読みたい|こちらもおすすめ|おすすめ(?:の)?記事|前の記事|次の記事)${CJK_CLOSE}`,
    `${CJK_OPEN}(?:관련\\s?(?:기사|뉴스)|추천\\s?기사|이전\\s?기사|다음\\s?기사)${CJK_CLOSE}`,
  ].map((phrase) => `${phrase}${WORD_END}`),
];

/**
 * A call to subscribe anywhere in a short paragraph: "Need more space?
 * Subscribe to our sister title...". Instructions ("sign up for a Hulu
 * account") name no newsletter, magazine or "our". The same verbs in other
 * languages ("Abonnieren Sie unseren Newsletter", "Suscríbete a nuestro
 * boletín"): those spelt with ASCII letters at both ends, where `\b` works.
 */
export const SUBSCRIBE_CALL =
  /\b(?:subscribe|sign up|abonnier(?:en|t)|abonnez|inscrivez|suscr[ií]b[a-z]{0,6}|inscreva|iscriv[a-z]{0,6}|abonneer|schrijf je in|zapisz|prenumerera|tilmeld)\b.{1,40}\b(?:newsletter(?:s|a|u)?|nieuwsbrief|nyhetsbrev|nyhedsbrev|boletín|boletim|magazines?|podcasts?|channel|e-?mails?|alerts|our|updates)\b/i;
/** A prompt: the text must start with one. */
export const PROMPT_LEAD = new RegExp(`^${anyOf(PROMPTS)}`, 'i');

/** Labels that sit where an advert was. */
const AD_LABELS = [
  'advertisement',
  'advertising',
  'advert',
  'ads?',
  'sponsored(?: content)?',
  'story continues (?:below|after)(?: (?:this )?advertisement)?',
  'continue reading (?:below|the main story)',
  'scroll to continue(?: with content)?',
  'skip (?:advertisement|ad)',
  // Other languages
  'anzeige', 'werbung', 'gesponsert', '(?:weiter(?:lesen)?|weiter im text) nach der (?:anzeige|werbung)', 'artikel wird (?:nach|unter) der (?:anzeige|werbung) fortgesetzt',
  'publicité', 'sponsorisé', '(?:la )?suite après (?:cette |la )?publicité', "l['’]article continue (?:après|sous) (?:cette |la )?publicité",
  'publicidad', 'patrocinado', 'contenido patrocinado', 'continúa (?:después de|tras) la publicidad',
  'publicidade', 'conteúdo patrocinado', 'continua (?:após|depois d)a publicidade',
  'pubblicità', 'sponsorizzato', "(?:l['’]articolo )?continua (?:dopo|sotto) la pubblicità",
  'advertentie', 'gesponsord', 'reklama', 'sponsorowane', 'dalsza część (?:artykułu|tekstu) pod (?:reklamą|materiałem wideo)',
  'annons', 'annonce', 'annonse', 'reklame', 'реклама', 'продолжение (?:ниже|после рекламы)',
  'reklam', 'iklan', 'quảng cáo', 'إعلان',
  `${CJK_OPEN}(?:广告|廣告|広告|광고|スポンサーリンク|赞助内容)${CJK_CLOSE}`,
];
/** An advert label: the whole text must be one. */
export const AD_LABEL = new RegExp(`^${anyOf(AD_LABELS)}$`, 'i');

/**
 * The labels of the page's own controls, left as a line of text when the
 * button or link around them went unnoticed: "Read more", "Show caption",
 * "Back to top", "Load more". Only ever a whole line: inside a sentence
 * ("read more about it") the words are the sentence's.
 */
const CONTROL_LABELS = [
  'read (?:more|full (?:story|article|review))',
  'learn more',
  'show (?:caption|more|less)',
  'hide(?: caption)?',
  '(?:see|view) (?:more|all)',
  'load more',
  'click here',
  'continue reading',
  'back to top',
  'skip to (?:main )?content',
  // An empty list's placeholder and a call to fill it: "No comments yet", "Be the first to comment", "Rate this article".
  'no (?:posts|comments|reviews)(?: yet)?',
  'be the first to (?:comment|review|reply)',
  'rate this (?:article|post|story|page)',
];
/** A control's label: the whole text must be one, a closing arrow or bit of punctuation aside ("Learn more ›", "Read more..."). */
export const CONTROL_LABEL = new RegExp(`^${anyOf(CONTROL_LABELS)}[\\s\\p{P}\\p{S}]{0,3}$`, 'iu');

/** The same in other languages: "Veröffentlicht am", "Publié le", "Stand:", "Опубликовано". */
const DATELINE_WORDS_ELSEWHERE = [
  'veröffentlicht', '(?:zuletzt )?aktualisiert', 'erschienen am', 'stand\\s*:',
  'publiée?', 'mise? à jour', 'modifiée?', 'actualisée?', 'actualizado', 'fecha\\s*:', 'publicad[oa]', 'atualizad[oa]',
  'pubblicato', 'aggiornato', 'ultimo aggiornamento', 'gepubliceerd', '(?:laatst )?bijgewerkt', 'geplaatst op',
  'opublikowano', 'zaktualizowano', 'aktualizacja', 'data publikacji',
  'publicerad', 'uppdaterad', 'publiceret', 'opdateret', 'publisert', 'oppdatert',
  'опубликовано', 'обновлено', 'дата публикации',
  'publikováno', 'aktualizováno', 'yayınlanma', 'güncellenme', 'diterbitkan', 'diperbarui', 'dipublikasikan',
];
/** Chinese, Japanese and Korean datelines, a number right after the label: "发布时间：2026-12-05", "公開日 2026年12月5日", "입력 2026.12.05". */
const CJK_DATELINE = '(?:(?:发布|發布|发表|發表|更新)(?:时间|時間|日期|于|於)|(?:公開|更新|投稿|配信)日(?:時)?|(?:기사\\s?)?(?:입력|수정|등록))\\s*(?:[:：]\\s*)?\\d';

/** A dateline on its own: "Published 4:00 am CST, Wednesday...", "| UPDATED: 11:05, Tue, Nov 19, 2019". */
export const DATELINE = new RegExp(
  `^[|\\s]*(?:${anyOf(['published', 'updated', 'posted', 'last (?:updated|modified)', 'date'])}\\b|${anyOf(DATELINE_WORDS_ELSEWHERE)}${WORD_END}|${CJK_DATELINE})`,
  'i',
);

/**
 * Month and day names in the languages @tidings/text reads dates in (one
 * vocabulary for parsing and for recognising dates), longest first.
 */
const byLength = (names: Iterable<string>): string => anyOf([...names].sort((a, b) => b.length - a.length).map(escapeRegExp));
const MONTHS_ELSEWHERE = byLength(MONTHS.keys());
const DAY_NAMES_ELSEWHERE = byLength(DAY_NAMES);

/** A date and little else: "November 20, 2019", "20/11/2019 10:48", "Tue 19 Nov 2019, 10:48 GMT". */
const DATE_FORMS = [
  '\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}',
  `(?:\\d{1,2}\\s+)?${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?(?:\\s+\\d{4})?`,
  `\\d{1,2}\\s+${MONTH}\\s+\\d{4}`,
  // Other languages, the year required: "Samstag, 5. Dezember 2026", "5 de diciembre de 2026", "5 декабря 2026 г.", "2026年12月5日（土）", "2026. 12. 5."
  `(?:${DAY_NAMES_ELSEWHERE}\\.?,?\\s+)?\\d{1,2}(?:\\.|er|º|ª)?\\s+(?:de\\s+)?${MONTHS_ELSEWHERE}\\.?,?\\s+(?:del?\\s+)?\\d{4}(?:\\s*(?:г|года|r)\\.?)?`,
  `(?:${CJK_DAY})(?:\\s*[（(]\\p{L}{1,3}[）)])?`,
];
const WEEKDAY = '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?';
const TIME = '(?:,?\\s+(?:(?:at|um|à|às|a las|alle|ore|om|kl\\.|godz\\.|в)\\s+)?\\d{1,2}[:.h]\\d{2}(?:\\s*[ap]\\.?m\\.?)?(?:\\s+[a-z]{2,5})?)?';
export const DATE_ONLY = new RegExp(`^[\\p{P}\\s]*${WEEKDAY}${anyOf(DATE_FORMS)}${TIME}[\\p{P}\\s]*$`, 'iu');

/**
 * A credit for the article's editing or review rather than its writing,
 * with or without the names (a link to the editor's page often goes with the
 * byline box): "Edited by", "Reviewed by Jane Doe", "Fact checked by ...",
 * "Medically reviewed by ...". Not a byline (BY_LEAD): the writer is someone else.
 */
export const CREDIT_LABEL = /^(?:edited|reviewed|fact[- ]?checked|medically reviewed|copy ?edited|verified)\s+by\b/i;

/** How long the article takes to read: "5 min read", "Reading Time: 8 minutes", "3 MIN. READ", "Jane Doe | 5 min read". */
export const READING_TIME = /(?:^|\|\s*)(?:(?:estimated\s+)?reading time:?\s*)?\d+\s*(?:min|mins|minutes?)\.?(?:\s+(?:read|reading))?\s*$/i;

/** Copyright and rights lines of a page footer. */
export const COPYRIGHT =
  /©|\bcopyright\b|\ball rights reserved\b|alle rechte vorbehalten|tous droits (?:de reproduction )?réservés|todos los derechos reservados|reservados todos los derechos|todos os direitos reservados|tutti i diritti riservati|riproduzione riservata|alle rechten voorbehouden|wszelkie prawa zastrzeżone|alla rättigheter förbehållna|alle rettigheder forbeholdes|alle rettigheter (?:forbeholdt|reservert)|все права защищены|版权所有|版權所有|(?:禁止|不得|严禁)转载|無断(?:転載|複製)|무단\s?(?:전재|복제)|ⓒ|všechna práva vyhrazena|tüm hakları saklıdır|hak cipta dilindungi|جميع الحقوق محفوظة/i;

/**
 * The end of a sentence: a full stop, a question or exclamation mark or an
 * ellipsis, also as the scripts that write their own do ("。", "！", "？",
 * "．", "।", "॥", "؟", "۔", "։", "።"), maybe before closing quotes or
 * brackets or a French closing guillemet (after a space, as French prints it)
 * ("…ends.”", "…ends。」", "…fin. »"). Prose ends so; a link list, a
 * breadcrumb trail or a share bar does not.
 */
export const SENTENCE_END = /[.!?…。！？．।॥؟۔։።](?:["”’'」』)）\]]|[\s\u00A0]?»)*$/u;
/** The same, or a colon that leads into what follows (a paragraph introducing a list or a quotation). */
export const SENTENCE_OR_LEAD_IN_END = /[.!?…。！？．।॥؟۔։።:：](?:["”’'」』)）\]]|[\s\u00A0]?»)*$/u;

/**
 * "By" before a name in other languages, capitalised as printed: "Von Jane
 * Doe", "Par Jean Dupont", "Por Ana Gómez", "Door Jan de Vries", "Av Ola
 * Nordmann", "Af Mette Hansen", "Przez Jan Kowalski", "Di Mario Rossi". Two
 * capitalised words must follow, short particles allowed between them ("Jan
 * de Vries"): "Par ailleurs" and "Por eso" open sentences.
 */
const FOREIGN_BY_LEAD = /^(?:[Vv]on|[Pp]ar|[Pp]or|[Dd]oor|[Aa]v|[Aa]f|[Pp]rzez|[Dd]i)\s+(?=\p{Lu}[\p{L}'’.-]*(?:\s+\p{Ll}{1,3})*\s+\p{Lu})/u;
/** A byline is a few names: more words than this after a foreign "by" is a sentence ("Von Anfang März bis Ende April..."). */
const MAX_FOREIGN_BYLINE_WORDS = 8;
/**
 * "Author:" in other languages, a colon after it ("Автор: Иван Петров",
 * "Yazar: Ahmet Yılmaz", "Tác giả: Nguyễn Văn An", "लेखक: राहुल शर्मा"), and
 * "by" where a script has no capitals to tell a name by, colon or not
 * ("بقلم محمد علي", "كتب: محمد علي", "מאת דנה כהן", "โดย สมชาย ใจดี"), or where it is an everyday word ("Oleh
 * Budi Santoso"). English's "Author:" is left to the headline area's label
 * rule (a label alone, the name in the next box).
 */
const FOREIGN_AUTHOR_LABEL =
  /^(?:(?:автор|текст|yazar|haber|autor|autora|auteur|autore|autrice|tác giả|penulis|लेखक|লেখক|প্রতিবেদক|نویسنده|گزارش|ผู้เขียน|เรื่อง|συντάκτης|συγγραφέας|forfatter|författare|kirjoittaja|szerző)\s*[:：]\s*(?=\p{L})|(?:بقلم|מאת|โดย)\s*(?::\s*)?(?=\p{L})|(?:كتبت|كتب)(?:\s*:\s*|\s+)(?=\p{L}))/iu;
/** "Oleh Budi Santoso": a capital after it, for "oleh" also opens sentences ("Oleh karena itu, ..."). */
const OLEH_LEAD = /^[Oo]leh\s*(?::\s*)?(?=\p{Lu})/u;

/** A CJK byline is one short line: a longer text holding a label is a paragraph of the story. */
const MAX_CJK_BYLINE_CHARS = 60;

const HAN_NAME = String.raw`\p{Script=Han}{2,4}`;
const HANGUL_NAME = String.raw`\p{Script=Hangul}{2,4}`;
/** What ends a name: a space, a punctuation mark, a closing bracket, the end of the line. */
const CJK_NAME_END = String.raw`(?=[\s，。、｜|,;；:：)）\]】〕／/]|$)`;
/** Chinese labels of the source and the editor, credits that name no writer (authors.ts NOT_AUTHOR_LEAD, and below). */
export const CHINESE_SOURCE_AND_EDITOR_LABELS = '来源|來源|责任编辑|責任編輯|责编|責編|编辑|編輯';
/** Labels that follow a name on a CJK byline and are not another name: the source, the editor, the time. */
const CJK_OTHER_LABEL = String.raw`(?:${CHINESE_SOURCE_AND_EDITOR_LABELS}|摄影|攝影|时间|時間|日期|发布|發布|记者|記者|通讯员|通訊員)`;
/** A further name after the first, not a label of another credit ("李明 来源：示例网"). */
const cjkMoreNames = (name: string): string =>
  String.raw`(?:(?:\s*[、，,]\s*|\s+)(?!${CJK_OTHER_LABEL}${CJK_NAME_END})${name}${CJK_NAME_END}(?!\s*[:：]))*`;
/** A label or a name starts the line or follows a space, a bar or an opening bracket ("（记者 王晓明）", "[한빛일보 홍길동 기자]"). */
const CJK_START = String.raw`(?:^|(?<=[\s|｜(（\[【〔]))`;
/**
 * Chinese, Japanese and Korean bylines, which credit the writer with a label
 * rather than "by", often on one line with the date and the source
 * ("2026-03-05 10:21 来源：示例网 作者：李明"): "作者：李明", "记者 王晓明",
 * "本报记者 王晓明", "文／李明", "撰文：李明", "記者：山田太郎", "筆者：山田太郎",
 * "글 홍길동", and the name before the label, "山田太郎 記者", "홍길동 기자".
 * A label opens the line or follows a space or a bar, so that "据记者王晓明介绍"
 * in a sentence is none; a name is two to four Han characters or Hangul
 * syllables that a space or a punctuation mark ends. Several names are
 * separated by a space, "、" or "，" ("作者：李明 张华"), so a Japanese name
 * printed with a space between family and given name reads as two names: the
 * same line cannot tell them from two Chinese ones. "来源" (the source) and
 * "编辑" (the editor) are labels of other credits, never a name.
 */
const CJK_BYLINES = [
  // "作者：李明", "记者 王晓明", "本报记者 王晓明", "撰文：李明", "筆者：山田太郎": a separator after the label, or "记者王晓明报道" is prose.
  String.raw`${CJK_START}(?:作者|(?:本报|本報|本刊|特约|特約)?(?:记者|記者)|撰文|筆者|执笔|執筆)(?:\s*[:：]\s*|\s+)(${HAN_NAME}${CJK_NAME_END}${cjkMoreNames(HAN_NAME)})`,
  // "文／李明", "文：山田太郎": the one-character label only before a slash or a colon.
  String.raw`${CJK_START}文\s*[:：／/]\s*(${HAN_NAME}${CJK_NAME_END}${cjkMoreNames(HAN_NAME)})`,
  // "글 홍길동", "글·사진 홍길동" (words and photographs).
  String.raw`${CJK_START}글(?:\s*[·・]\s*사진)?(?:\s*[:：]\s*|\s+)(${HANGUL_NAME}${CJK_NAME_END}${cjkMoreNames(HANGUL_NAME)})`,
  // "山田太郎 記者", "홍길동 기자", "홍길동·김철수 기자": the name first, a space before the label ("政治部記者" is a desk).
  String.raw`${CJK_START}(${HAN_NAME})\s+(?:记者|記者)${CJK_NAME_END}`,
  String.raw`${CJK_START}(${HANGUL_NAME}(?:[·・]${HANGUL_NAME})*)\s+기자${CJK_NAME_END}`,
  // "記者陳志明／台北報導" (Taiwan): the label glued to the name, the place and "reports" after a slash.
  String.raw`${CJK_START}(?:记者|記者)(${HAN_NAME}?)\s*[／/]\s*\p{Script=Han}{1,6}(?:报道|報導|电|電)`,
].map((form) => new RegExp(form, 'u'));

/**
 * The names of a line that credits its writer in another language than
 * English, or null when it is no such byline: after "by" in a language that
 * writes it as a word (FOREIGN_BY_LEAD), the rest of the line; from a Chinese,
 * Japanese or Korean byline (CJK_BYLINES), the names alone, separated by
 * commas. Only a short line, not a sentence: German capitalises every noun
 * ("Von Anfang März bis Ende April gilt die Regel." is no byline).
 */
export function foreignBylineNames(line: string): string | null {
  if (SENTENCE_END.test(line)) return null;
  const lead = FOREIGN_BY_LEAD.exec(line) ?? FOREIGN_AUTHOR_LABEL.exec(line) ?? OLEH_LEAD.exec(line);
  if (lead !== null) return line.split(/\s+/).length > MAX_FOREIGN_BYLINE_WORDS ? null : line.slice(lead[0].length);
  if (line.length > MAX_CJK_BYLINE_CHARS || !hasDenseScript(line)) return null;
  for (const form of CJK_BYLINES) {
    const names = form.exec(line)?.[1];
    if (names !== undefined) return names.split(/[\s、，,·・]+/).join(', ');
  }
  return null;
}

/** "By", "Written by", "Words by", "Posted by" at the start of a line, a name after it. */
const BY_LEAD = /^(?:(?:written|posted|words|reporting|published|authored|article)\s+)?by\b\s*(?::\s*)?(?=\S)/i;

/**
 * A date before the "by", as blog templates print it: "March 2nd, 2009 by
 * Alan Reeve", "Posted on 03/27/2004 by John Miller". Up to the "by": a
 * short run of words and numbers ending in the date's last number (not
 * "2025 Sort by", "2026 Written by"), a capitalised name after it; a
 * copyright line ("© 2009 by Example Corp") is none.
 */
export const DATED_BY_LEAD = /^(?![^\n]*(?:©|\([cC]\)|[Cc]opyright))(?:(?:[Pp]osted|[Pp]ublished|[Ww]ritten)\s+(?:on\s+)?)?[\p{L}\p{N} .,/-]{0,30}?\d(?:st|nd|rd|th)?[.,]?\s+by:?\s+(?=\p{Lu})/u;

/** A line that credits its writer with "by", in English (BY_LEAD, or after a date: DATED_BY_LEAD) or another language (foreignBylineNames): "By Jane Doe", "Par Jean Dupont", "作者：李明". */
export function opensByline(line: string): boolean {
  return BY_LEAD.test(line) || DATED_BY_LEAD.test(line) || foreignBylineNames(line) !== null;
}
