import { CATALOG } from './catalog.js';
import type { Article, Furniture } from './types.js';

const MONTHS_GENITIVE = [
  'января', 'февраля', 'марта', 'апреля', 'мая', 'июня',
  'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря',
] as const;

/** "25 сентября 2023, 09:00 UTC". */
export function formatRussianDate(iso: string): string {
  const date = new Date(iso);
  const time = date.toISOString().slice(11, 16);
  return `${date.getUTCDate()} ${MONTHS_GENITIVE[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${time} UTC`;
}

/**
 * The Russian edition's furniture. Its page is served byte for byte in
 * windows-1251, so `base` is empty: every link is root-relative. Every
 * character here must exist in windows-1251 (the encoder throws otherwise).
 */
export const RUSSIAN_FURNITURE: Furniture = {
  lang: 'ru',
  charset: 'windows-1251',
  siteName: 'Кавказский курьер',
  base: '',
  sections: [
    { id: 'world', label: 'Мир' },
    { id: 'politics', label: 'Политика' },
    { id: 'business', label: 'Бизнес' },
    { id: 'technology', label: 'Технологии' },
    { id: 'transport', label: 'Транспорт' },
    { id: 'environment', label: 'Экология' },
    { id: 'culture', label: 'Культура' },
    { id: 'sport', label: 'Спорт' },
    { id: 'opinion', label: 'Мнения' },
    { id: 'weather', label: 'Погода' },
  ],
  ticker: [
    { title: '«Риони Экспресс»: первый поезд прибыл к морю по расписанию', path: CATALOG.rioniExpress.path },
    { title: '«Севан Роверс» выиграл кубок в серии пенальти', path: CATALOG.cupFinal.path },
    { title: 'В Сарнакаре назначен второй тур выборов губернатора', path: CATALOG.sarnakarRunoff.path },
  ],
  mostRead: [
    { title: 'Засуха сократила урожай абрикосов в долине Аревадзор на треть', path: CATALOG.apricotDrought.path },
    { title: 'Губернатору Сарнакара не хватило голосов для победы в первом туре', path: CATALOG.sarnakarRunoff.path },
    { title: 'Музей текстиля в Гюмри открылся после реставрации', path: CATALOG.textileMuseum.path },
    { title: 'Между Кутаиси и Поти запущена электричка', path: CATALOG.rioniExpress.path },
    { title: 'Ереванский стартап привлёк 4 миллиона долларов', path: CATALOG.lexiwave.path },
  ],
  footerLinks: [
    { title: 'О редакции', path: '/about.html' },
    { title: 'Конфиденциальность', path: '/privacy.html' },
    { title: 'English edition', path: '/' },
  ],
  labels: {
    skipToContent: 'Перейти к содержанию',
    breaking: 'Срочно',
    by: 'Автор:',
    updated: 'Обновлено',
    share: 'Поделиться',
    shareOnFacebook: 'Facebook',
    shareOnX: 'X',
    shareByEmail: 'Эл. почта',
    print: 'Печать',
    photo: 'Фото:',
    advertisement: 'Реклама',
    inArticleAd: 'Авиабилеты Ереван — Тбилиси от 39 евро.',
    sidebarAd: 'Вклад «Осенний» — до 9% годовых.',
    mostRead: 'Самое читаемое',
    related: 'Читайте также',
    comments: 'Комментарии',
    commentPrompt: 'Комментарии проходят модерацию.',
    postComment: 'Отправить',
    newsletter: 'Утренняя рассылка',
    newsletterBlurb: 'Главные новости Южного Кавказа каждое утро.',
    emailPlaceholder: 'Ваш адрес эл. почты',
    subscribe: 'Подписаться',
    tags: 'Темы',
    copyright: '© 2023 Кавказский курьер. Все права защищены.',
    tagline: 'Независимые новости Южного Кавказа с 2009 года',
  },
  formatDate: formatRussianDate,
};

/** The windows-1251 page: the only page of the site that says "Байкал". */
export const BAIKAL_EXHIBITION_ARTICLE: Article = {
  id: 'baikal-exhibition',
  path: CATALOG.baikalExhibition.path,
  section: 'culture',
  headline: CATALOG.baikalExhibition.title,
  author: 'Ирина Соколова',
  published: '2023-09-25T09:00:00Z',
  tags: ['Фотография', 'Выставки', 'Тбилиси'],
  image: {
    alt: 'Прозрачный лёд озера, под которым видны камни',
    caption: 'Зимняя панорама из экспозиции «Лёд и свет».',
    credit: 'организаторы выставки',
  },
  paragraphs: [
    'В тбилисской галерее «Северный двор» в понедельник открылась фотовыставка «Лёд и свет», посвящённая Байкалу. В экспозиции около девяноста снимков, сделанных за последние десять лет тремя фотографами из Иркутска.',
    'Самые известные работы — зимние панорамы прозрачного льда, сквозь который видны камни на дне озера. Авторы рассказывают, что ради одного кадра им приходилось по нескольку дней ждать ясной погоды и ночевать в палатках прямо на льду.',
    'Отдельный зал посвящён жителям прибрежных посёлков: рыбакам, смотрителям маяков, учителям сельских школ. По словам куратора Марины Лебедевой, организаторы хотели показать, что Байкал — это не только природа, но и люди, которые живут рядом с ним круглый год.',
    'Выставка продлится до 20 октября. Вход свободный, а по субботам фотографы сами проводят экскурсии на русском и английском языках.',
  ],
  related: [
    { title: 'Музей текстиля в Гюмри открылся после пятилетней реставрации', path: CATALOG.textileMuseum.path },
    { title: 'Между Кутаиси и Поти запущена электричка', path: CATALOG.rioniExpress.path },
  ],
  comments: [
    { author: 'Олег', posted: '2023-09-25T11:20:00Z', text: 'Был на открытии. Снимки льда просто невероятные, советую всем.' },
    { author: 'Нана К.', posted: '2023-09-25T14:05:00Z', text: 'Жаль, что выставка только до октября. Надеюсь, её привезут и в Батуми.' },
  ],
  keyword: 'Байкал',
};
