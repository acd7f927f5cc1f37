import { CATALOG } from './catalog.js';
import { SEED_TEXT } from './seed-text.js';
import type { Article } from './types.js';

/** The seed story, its text exactly as in seed.txt. */
export const SEED_ARTICLE: Article = {
  id: 'us-azerbaijan-observers',
  path: CATALOG.seed.path,
  section: 'world',
  headline: SEED_TEXT.headline,
  author: 'Anna Petrosyan',
  published: '2023-09-21T10:30:00Z',
  modified: '2023-09-21T13:05:00Z',
  tags: ['Azerbaijan', 'Armenia', 'Nagorno-Karabakh'],
  image: {
    alt: 'A State Department spokesperson at the podium during a press briefing',
    caption: 'The State Department spokesperson speaks to reporters at the daily briefing in Washington.',
    credit: 'Caucasus Courier archive',
  },
  paragraphs: SEED_TEXT.paragraphs,
  related: [CATALOG.germanObservers, CATALOG.blinkenAccess],
  comments: [
    {
      author: 'Arsen K.',
      posted: '2023-09-21T11:02:00Z',
      text: 'Monitors only help if they can go where they need to go and say what they see. Let us hope the details are agreed quickly.',
    },
    {
      author: 'Claire D.',
      posted: '2023-09-21T12:47:00Z',
      text: 'Good to see diplomacy still moving, but the families living there need food and medicine this week, not next month.',
    },
  ],
  keyword: 'Lachin corridor',
};

export const GERMAN_OBSERVERS_ARTICLE: Article = {
  id: 'german-fm-observers',
  path: CATALOG.germanObservers.path,
  section: 'world',
  headline: CATALOG.germanObservers.title,
  dek: 'Independent monitors are the surest way to reassure residents and to check that aid reaches them, the minister says.',
  author: 'Lena Hartmann',
  published: '2023-09-20T15:10:00Z',
  tags: ['Germany', 'Azerbaijan', 'Nagorno-Karabakh', 'European Union'],
  image: {
    alt: 'Flags of European Union member states outside a government building',
    caption: 'European flags outside the foreign ministry, where the minister spoke to reporters.',
    credit: 'Caucasus Courier archive',
  },
  paragraphs: [
    "Germany's foreign minister on Wednesday called for international observers to be sent to Nagorno-Karabakh, saying an independent presence on the ground was the surest way to reassure the region's residents after this week's fighting.",
    'Speaking to reporters in Berlin before a meeting with European counterparts, the minister said the halt in hostilities agreed this week had to be followed by concrete steps, and that observers would help confirm that civilians were safe and that aid was reaching them.',
    'Germany has backed the European Union\u2019s civilian monitoring mission on the Armenian side of the border since it began patrolling early this year. Officials said the government was ready to contribute staff and money to any new mission that both sides accepted.',
    'Several other European capitals echoed the call. Diplomats said the priority was to prevent the displacement of the local population and to keep supplies of food, fuel and medicine moving.',
    'Azerbaijan has said it intends to integrate the ethnic Armenian residents of the region and to guarantee their rights. Armenian officials have voiced scepticism and urged international partners to make sure any promises are backed by people on the ground who can report what they see.',
    'The foreign ministry said the minister would raise the issue again at the United Nations General Assembly in New York later in the week.',
  ],
  related: [CATALOG.seed, CATALOG.blinkenAccess],
  comments: [
    {
      author: 'Mher A.',
      posted: '2023-09-20T16:31:00Z',
      text: 'Europe has been saying this for a year. Statements are cheap; send the people and the money.',
    },
    {
      author: 'Jonas W.',
      posted: '2023-09-20T18:04:00Z',
      text: 'The EU mission on the border has been quietly useful. Building on that model makes sense.',
    },
  ],
  keyword: 'Berlin',
};

export const BLINKEN_ACCESS_ARTICLE: Article = {
  id: 'blinken-humanitarian-access',
  path: CATALOG.blinkenAccess.path,
  section: 'world',
  headline: CATALOG.blinkenAccess.title,
  dek: 'The U.S. Secretary of State spoke to the leaders of both countries as aid groups warned of shortages.',
  author: 'James Whitfield',
  published: '2023-09-19T18:45:00Z',
  tags: ['United States', 'Azerbaijan', 'Armenia', 'Humanitarian aid'],
  image: {
    alt: 'Lorries carrying humanitarian aid parked on a mountain road',
    caption: 'Aid lorries wait on a mountain road earlier this year.',
    credit: 'Caucasus Courier archive',
  },
  paragraphs: [
    'U.S. Secretary of State Antony Blinken has pressed for unhindered humanitarian access to Nagorno-Karabakh, the State Department said on Tuesday, as concern grew for the welfare of civilians in the region after renewed hostilities.',
    "In a call with Azerbaijan's president, Blinken urged an immediate end to military action and said aid must be allowed to reach the population without delay, according to a summary of the conversation released by the department.",
    'Humanitarian groups had warned for months of shortages of food, medicine and fuel. Aid officials said a Red Cross convoy had been able to deliver some supplies in recent weeks, but that deliveries had been irregular and far below what families needed.',
    "Blinken also spoke to Armenia's prime minister, the department said, and repeated Washington's support for a negotiated settlement between the two countries.",
    '"Access has to be predictable, not a one-off gesture," said a relief coordinator in Yerevan, who asked not to be named because she was not authorised to speak to the press. "People cannot plan their lives around a truck that may or may not come."',
  ],
  related: [CATALOG.seed, CATALOG.germanObservers],
  comments: [
    {
      author: 'Patricia L.',
      posted: '2023-09-19T20:12:00Z',
      text: 'A phone call is not a result. I want to know how many trucks actually got through this week.',
    },
    {
      author: 'Armen S.',
      posted: '2023-09-19T21:40:00Z',
      text: 'Thank you for covering this. My aunt lives there and we have not heard from her in two days.',
    },
  ],
  keyword: 'convoy',
};
