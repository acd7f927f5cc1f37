import { CATALOG } from './catalog.js';
import type { Article } from './types.js';

// Original fixture prose. Places such as Sarnakar, Arevadzor and their towns, and
// every person quoted, are invented; keywords are chosen to occur on one page only.

export const SARNAKAR_RUNOFF_ARTICLE: Article = {
  id: 'sarnakar-runoff',
  path: CATALOG.sarnakarRunoff.path,
  section: 'politics',
  headline: CATALOG.sarnakarRunoff.title,
  dek: 'The incumbent falls short of a majority as a reformist challenger draws crowds in the valley towns.',
  author: 'Mariam Avetisyan',
  published: '2023-09-18T06:40:00Z',
  modified: '2023-09-18T11:05:00Z',
  tags: ['Elections', 'Sarnakar', 'Regional politics'],
  image: {
    alt: 'Voters queue outside a polling station in the evening',
    caption: 'Voters queue outside a polling station shortly before it closed on Sunday.',
    credit: 'Mariam Avetisyan',
  },
  paragraphs: [
    'The governor of Sarnakar province will face a runoff next month after failing to win an outright majority in Sunday\u2019s regional election, according to preliminary results published by the electoral commission on Monday morning.',
    'Levon Grigoryan, who has led the mountainous province for eight years, took 46.8 per cent of the vote. His closest rival, the former schoolteacher and city councillor Tamar Melikyan, finished with 38.1 per cent, a far stronger showing than opinion polls had suggested. Three minor candidates shared the rest.',
    'Turnout reached 57 per cent, the highest in a regional vote since 2011, with long queues at polling stations in the valley towns of Karaberd and Norvan well into the evening. Officials extended voting by an hour at four stations after ballot papers ran short.',
    'Melikyan campaigned on a promise to publish every provincial contract online and to move part of the road-building budget into rural clinics. \u201cPeople told us at every door that they were tired of hearing about projects they never see,\u201d she told supporters at a rally in Karaberd late on Sunday. \u201cNow they have given us a second chance to show what we mean.\u201d',
    'Grigoryan\u2019s campaign said it was confident of victory in the second round and pointed to a new hospital wing and the resurfaced highway to the provincial capital as evidence of his record. A spokesman said the governor would spend the coming weeks touring villages where turnout had been low.',
    'A domestic monitoring group said voting had been largely orderly, although it recorded complaints about campaign posters inside two polling stations and about buses that brought workers from a state-owned quarry to vote.',
    'The second round is scheduled for October 8. Under provincial law, the two leading candidates may not sign agreements with eliminated candidates until the commission certifies the results, which is expected later this week.',
  ],
  related: [CATALOG.apricotDrought, CATALOG.rioniExpress],
  comments: [
    {
      author: 'Gayane P.',
      posted: '2023-09-18T08:15:00Z',
      text: 'Queued for ninety minutes in Norvan and it was worth it. First time in years I felt my vote might matter.',
    },
    {
      author: 'R. Hakobyan',
      posted: '2023-09-18T09:52:00Z',
      text: 'Forty-seven per cent after eight years in office is hardly a collapse. The second round will be closer than people think.',
    },
  ],
  keyword: 'Karaberd',
};

export const APRICOT_DROUGHT_ARTICLE: Article = {
  id: 'apricot-drought',
  path: CATALOG.apricotDrought.path,
  section: 'environment',
  headline: CATALOG.apricotDrought.title,
  dek: 'Growers say the driest summer in decades has left orchards stressed and the reservoir at a record low.',
  author: 'Hasmik Sargsyan',
  published: '2023-09-14T08:15:00Z',
  tags: ['Agriculture', 'Drought', 'Climate'],
  image: {
    alt: 'Dry, cracked earth between rows of apricot trees',
    caption: 'Cracked soil between rows of trees in an orchard at the end of August.',
    credit: 'Hasmik Sargsyan',
  },
  paragraphs: [
    'Farmers in the Arevadzor valley have picked about a third fewer apricots this year than last, after the driest summer on record left orchards parched and irrigation canals running at a trickle.',
    'The valley\u2019s agricultural cooperative said on Wednesday that its members had harvested 21,000 tonnes of fruit, down from 32,000 tonnes in 2022. Much of what did ripen was small or split, unfit for export and good only for drying or jam.',
    '\u201cI have looked after these trees for forty years and I have never seen the leaves curl like this in July,\u201d said Vartan Hakobyan, who farms six hectares near the village of Dzoragyugh. \u201cWe watered at night, we watered at dawn, and still the fruit dropped before it was ready.\u201d',
    'The regional water authority began rationing irrigation from the Arevadzor reservoir in June, when the level fell below 40 per cent of capacity. By the end of August it stood at 18 per cent, the lowest in records that go back to 1974.',
    'Agronomists say the drought has exposed the valley\u2019s reliance on open earth canals, which lose as much as half of their water to seepage and evaporation before it reaches the trees. The cooperative has asked the government to speed up a long-promised programme to replace them with pipes and drip lines.',
    'The agriculture ministry said it would offer interest-free loans to growers who lost more than half of their crop and would pay part of the cost of drip systems installed before next spring. Farmers\u2019 groups welcomed the loans but said the application process was too slow for families who had to buy fertiliser and pay seasonal workers now.',
    'Forecasters expect close to normal rainfall this autumn, but warn that it will take more than one wet winter to refill the reservoir.',
  ],
  related: [CATALOG.sarnakarRunoff, CATALOG.textileMuseum],
  comments: [
    {
      author: 'Ani T.',
      posted: '2023-09-14T10:20:00Z',
      text: 'My grandparents lost nearly everything on their trees this year. The loans are welcome but the paperwork is a nightmare.',
    },
    {
      author: 'Samvel',
      posted: '2023-09-14T13:48:00Z',
      text: 'We have been asking for pipes instead of open ditches since I was a boy.',
    },
  ],
  keyword: 'Dzoragyugh',
};

export const RIONI_EXPRESS_ARTICLE: Article = {
  id: 'rioni-express',
  path: CATALOG.rioniExpress.path,
  section: 'transport',
  headline: CATALOG.rioniExpress.title,
  dek: 'The new line cuts the journey to the coast to 55 minutes and crosses the river on a viaduct more than a kilometre long.',
  author: 'Giorgi Beridze',
  published: '2023-09-22T07:00:00Z',
  modified: '2023-09-22T09:30:00Z',
  tags: ['Rail', 'Infrastructure', 'Transport'],
  image: {
    alt: 'A red electric train crossing a long concrete viaduct over a river',
    caption: 'The first passenger service crosses the river on Friday morning.',
    credit: 'Giorgi Beridze',
  },
  paragraphs: [
    'The first passenger train on the new Rioni Express line left Kutaisi at 6.40 on Friday morning, opening an electric rail link that cuts the journey to the Black Sea port of Poti from more than two hours by road to 55 minutes.',
    'The 78-kilometre line follows the river for most of its length and crosses it on a 1.2-kilometre viaduct near Samtredia, the longest structure of its kind built in the country in half a century. Four new stations serve towns that until now had only an occasional bus.',
    'Trains will run every hour between 6am and 11pm, with extra services at weekends in summer. A single adult ticket costs 6 lari; students and pensioners travel at half price.',
    'Construction began in 2019 and was delayed by more than a year, first by the pandemic and then by floods in 2021 that washed away part of an embankment. The final cost, about 410 million lari, was roughly 15 per cent over the original budget.',
    'Nino Tsereteli, who commutes from Kutaisi to a logistics company at the port, was on the first train. \u201cI used to leave home before six and get back after eight,\u201d she said. \u201cThis gives me two hours of my day back.\u201d',
    'Port officials hope the line will also carry freight containers at night from next year, easing congestion on the highway, where lorries queue for hours during the harvest season.',
  ],
  related: [CATALOG.lexiwave, CATALOG.sarnakarRunoff],
  comments: [
    {
      author: 'Nika G.',
      posted: '2023-09-22T08:05:00Z',
      text: 'Took the 7.40 this morning. Clean, quiet and on time. Long may it last.',
    },
    {
      author: 'Dato',
      posted: '2023-09-22T10:33:00Z',
      text: 'Hourly is a good start, but the last train back from the coast should be later in summer.',
    },
  ],
  keyword: 'Samtredia',
};

export const LEXIWAVE_ARTICLE: Article = {
  id: 'lexiwave-funding',
  path: CATALOG.lexiwave.path,
  section: 'technology',
  headline: CATALOG.lexiwave.title,
  dek: 'Its speech models cover Armenian, Georgian and a dozen minority languages that the big platforms tend to ignore.',
  author: 'Aram Karapetyan',
  published: '2023-09-23T09:20:00Z',
  tags: ['Startups', 'Artificial intelligence', 'Languages'],
  image: {
    alt: 'Two engineers looking at a waveform on a laptop screen',
    caption: 'Engineers review recordings at the company\u2019s office in Yerevan.',
    credit: 'Aram Karapetyan',
  },
  paragraphs: [
    'Lexiwave, a Yerevan company that builds speech recognition and translation software for languages with few digital resources, has raised $4 million in a funding round led by a regional venture fund, it said on Saturday.',
    'Founded in 2021 by two former university researchers, the company trains compact models that run on ordinary phones without an internet connection. Its app already transcribes and translates Armenian and Georgian, and it says it has collected recordings in twelve minority languages spoken across the Caucasus, including Udi, Laz and Svan.',
    '\u201cThe big platforms treat these languages as a rounding error,\u201d said chief executive Lilit Hovhannisyan. \u201cFor a grandmother who speaks only Svan, or for the doctor trying to understand her, they are the whole conversation.\u201d',
    'The company has recorded more than 3,000 hours of speech with the help of volunteers, schools and village councils, paying contributors for each hour of checked audio. Hovhannisyan said recordings and consent forms were kept on servers in the country and that speakers could withdraw their voices at any time.',
    'The money will pay for fifteen more engineers and linguists and a small office in Tbilisi. The company also plans to license its models to hospitals and courts, where a lack of interpreters for minority languages can delay treatment and trials.',
    'Investors said the offline approach set it apart. \u201cMost of the places where these languages are spoken have patchy mobile coverage,\u201d said a partner at the lead fund. \u201cSoftware that works in a mountain village with no signal is not a nice extra there. It is the product.\u201d',
  ],
  related: [CATALOG.rioniExpress, CATALOG.textileMuseum],
  comments: [
    {
      author: 'Elene M.',
      posted: '2023-09-23T11:02:00Z',
      text: 'My grandmother speaks Laz at home. I would love to see this at the clinic she goes to.',
    },
    {
      author: 'dev_yerevan',
      posted: '2023-09-23T12:26:00Z',
      text: 'Offline models on cheap phones is the right bet. Curious how accurate it is for the smaller languages.',
    },
  ],
  keyword: 'Hovhannisyan',
};

export const TEXTILE_MUSEUM_ARTICLE: Article = {
  id: 'textile-museum',
  path: CATALOG.textileMuseum.path,
  section: 'culture',
  headline: CATALOG.textileMuseum.title,
  dek: 'A seventeenth-century hunting scene goes back on show for the first time since the 1988 earthquake.',
  author: 'Sona Mkrtchyan',
  published: '2023-09-16T12:00:00Z',
  tags: ['Museums', 'Heritage', 'Gyumri'],
  image: {
    alt: 'Visitors look at a large woven hunting scene on a gallery wall',
    caption: 'Visitors in the main gallery on the first day after the museum reopened.',
    credit: 'Sona Mkrtchyan',
  },
  paragraphs: [
    'The Museum of Textile Arts in Gyumri reopened on Saturday after a five-year restoration of its nineteenth-century building, with a collection of carpets, embroidery and tapestry that its curators say has never been shown in full before.',
    'The museum occupies a former merchant\u2019s house of black tuff stone that was badly damaged in the 1988 earthquake and was patched up rather than repaired for decades. Engineers have reinforced its walls with steel frames hidden inside the masonry and rebuilt the roof, reusing timber from the original beams where they could.',
    'The centrepiece of the new galleries is a seventeenth-century tapestry of a hunting scene, nearly seven metres long, which was rolled up and stored after the earthquake and has not been on public view since. Conservators spent two years cleaning it thread by thread and fixing its faded silk to a linen backing.',
    '\u201cWhen we unrolled it there was still dust from the earthquake in the folds,\u201d said the museum\u2019s director, Ruzanna Abrahamyan. \u201cNow you can see the hunters\u2019 faces again, and the dogs, and a little fox hiding in one corner that nobody had noticed before.\u201d',
    'Other rooms show carpets woven in the villages of the Shirak plain, a workshop where visitors can watch weavers at traditional looms, and a gallery of embroidered dowry cloths that families kept for generations.',
    'The restoration cost about 1.4 million euros, paid for by the culture ministry and a European heritage grant. Admission will be free on the first Sunday of each month, and the museum will stay open late on Fridays until the end of October.',
  ],
  related: [CATALOG.apricotDrought, CATALOG.lexiwave],
  comments: [
    {
      author: 'Lusine',
      posted: '2023-09-16T15:40:00Z',
      text: 'Went on the first day. The little fox is adorable once you spot it.',
    },
    {
      author: 'Mark H.',
      posted: '2023-09-17T09:12:00Z',
      text: 'Free first Sundays, excellent. The city deserves more visitors.',
    },
  ],
  keyword: 'Abrahamyan',
};

export const CUP_FINAL_ARTICLE: Article = {
  id: 'cup-final',
  path: CATALOG.cupFinal.path,
  section: 'sport',
  headline: CATALOG.cupFinal.title,
  dek: 'A 19-year-old goalkeeper saves two penalties as the lakeside club wins the trophy for the first time.',
  author: 'Tigran Manukyan',
  published: '2023-09-24T19:55:00Z',
  modified: '2023-09-24T22:10:00Z',
  tags: ['Football', 'Cup final', 'Sevan Rovers'],
  image: {
    alt: 'Footballers in blue shirts celebrate in front of their fans',
    caption: 'Rovers players celebrate with their supporters after the winning penalty.',
    credit: 'Tigran Manukyan',
  },
  paragraphs: [
    'Sevan Rovers won the national cup for the first time in their history on Sunday, beating Kura United 5-4 on penalties after a tense final finished 1-1 after extra time.',
    'Goalkeeper Arman Dallakyan was the hero, saving two penalties, the second a low shot from Kura captain Erik Hovsepyan that would have taken the contest to sudden death. The 19-year-old, who became first choice only in August after an injury to the club\u2019s regular keeper, was carried off the pitch by his teammates.',
    'Kura had taken the lead in the 34th minute when winger Samvel Asatryan cut inside from the left and curled a shot into the far corner. Rovers equalised ten minutes after the break with a header from defender Narek Simonyan, who rose highest at a corner.',
    'Both sides had chances to win it in extra time. Kura hit the crossbar with a free kick in the 104th minute, and Rovers substitute Vahe Arakelyan shot wide from eight yards with the goal at his mercy shortly before the final whistle.',
    'A crowd of 14,200 filled the stadium, many of them Rovers supporters who had travelled by bus from the lakeside town where the club was founded by railway workers in 1961.',
    '\u201cThese boys played with their hearts,\u201d said Rovers coach Gor Sahakyan. \u201cWe are a small club with a small budget, but tonight nobody in the country is bigger than us.\u201d',
    'The win earns Rovers a place in the qualifying rounds of a European competition next summer.',
  ],
  related: [CATALOG.rioniExpress, CATALOG.sarnakarRunoff],
  comments: [
    {
      author: 'RoversTillIDie',
      posted: '2023-09-24T20:30:00Z',
      text: 'Sixty-two years we waited. Dallakyan, you legend.',
    },
    {
      author: 'Kura fan',
      posted: '2023-09-24T21:14:00Z',
      text: 'Gutted, but credit to Rovers. Our captain will score the next one.',
    },
  ],
  keyword: 'crossbar',
};

/** Served at the flaky path: 500 twice, then this. */
export const PHOENIX_THEATRE_ARTICLE: Article = {
  id: 'phoenix-theatre',
  path: CATALOG.phoenixTheatre.path,
  section: 'culture',
  headline: CATALOG.phoenixTheatre.title,
  author: 'Karine Hovakimyan',
  published: '2023-09-20T17:30:00Z',
  tags: ['Theatre', 'Culture'],
  image: {
    alt: 'A painted theatre curtain showing a bird rising over rooftops',
    caption: 'The new curtain, painted by local artists, on the night the theatre reopened.',
    credit: 'Karine Hovakimyan',
  },
  paragraphs: [
    'The Phoenix Theatre company gave its first performance in its own building on Tuesday night, a year after a fire destroyed the stage, the costume store and most of the auditorium.',
    'The actors had spent the months since performing in school halls and a borrowed cinema, and the company said the name it chose in 1994 had never felt more fitting. \u201cWe always joked about the phoenix on our posters,\u201d said artistic director Hayk Ter-Grigoryan. \u201cThis year we had to live up to it.\u201d',
    'The rebuilt hall seats 240, slightly fewer than before, to make room for wider aisles and a second fire exit. Local businesses and more than 2,000 private donors paid for new seats, new lighting and a painted curtain showing a phoenix rising over the town\u2019s rooftops.',
    'The opening production, a new comedy about a family restaurant, sold out its first ten nights within a day. The company plans to take a smaller version of the show to villages in the spring.',
  ],
  related: [CATALOG.textileMuseum, CATALOG.cupFinal],
  comments: [
    {
      author: 'Marine',
      posted: '2023-09-20T22:45:00Z',
      text: 'Saw the opening night. The new curtain is beautiful.',
    },
    {
      author: 'Hovo',
      posted: '2023-09-21T07:30:00Z',
      text: 'Bravo to everyone who kept the company going in those school halls.',
    },
  ],
  keyword: 'phoenix',
};
