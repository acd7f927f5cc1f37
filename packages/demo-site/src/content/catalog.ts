import { CP1251_ARTICLE_PATH, FAILURE_PATHS, SEED_ARTICLE_PATH } from '../paths.js';
import { SEED_TEXT } from './seed-text.js';
import type { PageLink } from './types.js';

/**
 * Every article's path and headline, in one place, so that stories can link to
 * each other (related boxes, most read, ticker) without importing each other.
 */
export const CATALOG = {
  seed: { path: SEED_ARTICLE_PATH, title: SEED_TEXT.headline },
  germanObservers: { path: '/world/2023/09/20/german-fm-observers-nagorno-karabakh.html', title: SEED_TEXT.related[0] },
  blinkenAccess: { path: '/world/2023/09/19/blinken-humanitarian-access-nagorno-karabakh.html', title: SEED_TEXT.related[1] },
  sarnakarRunoff: {
    path: '/politics/2023/09/18/sarnakar-governor-runoff.html',
    title: 'Sarnakar governor forced into runoff after tight regional vote',
  },
  apricotDrought: {
    path: '/environment/2023/09/14/arevadzor-drought-apricot-harvest.html',
    title: 'Drought cuts apricot harvest by a third in the Arevadzor valley',
  },
  rioniExpress: {
    path: '/transport/2023/09/22/rioni-express-rail-link-opens.html',
    title: 'Rioni Express opens electric rail link between Kutaisi and Poti',
  },
  lexiwave: {
    path: '/technology/2023/09/23/lexiwave-translation-startup-funding.html',
    title: 'Yerevan startup Lexiwave raises $4 million to translate small languages',
  },
  textileMuseum: {
    path: '/culture/2023/09/16/gyumri-textile-museum-reopens.html',
    title: 'Textile museum reopens in Gyumri after five-year restoration',
  },
  cupFinal: {
    path: '/sport/2023/09/24/cup-final-penalty-shootout.html',
    title: 'Sevan Rovers lift the cup after a penalty shootout against Kura United',
  },
  phoenixTheatre: { path: FAILURE_PATHS.flaky, title: 'Phoenix Theatre company returns to the stage a year after fire' },
  baikalExhibition: { path: CP1251_ARTICLE_PATH, title: 'В Тбилиси открылась фотовыставка о Байкале' },
} as const satisfies Record<string, PageLink>;
