/**
 * The words feed dates are written with: month and day names in the
 * languages feeds commonly use (English, German, French, Spanish, Italian,
 * Portuguese, Dutch, Swedish, Danish/Norwegian, Polish, Czech, Russian,
 * Ukrainian, Turkish, Finnish, Indonesian, Swahili, Arabic (Egyptian and
 * Levantine names; the two-word Levantine ones are left out), Persian's
 * Gregorian months, Hebrew (with the prefix "in": "במרץ"), Hindi, Bengali,
 * Thai; full names, declined forms and the usual
 * abbreviations), the filler words placed around them ("15 de marzo de
 * 2021", "16 марта 2021 г."), and time zone abbreviations.
 *
 * All keys are lower case. No spelling means two different months in two
 * languages (a test checks it), so a name never has to be guessed.
 */

const MONTH_SPELLINGS: readonly (readonly string[])[] = [
  ['jan', 'january', 'januar', 'jän', 'jänner', 'janvier', 'janv', 'enero', 'ene', 'gennaio', 'gen', 'janeiro', 'januari', 'styczeń', 'stycznia', 'sty', 'leden', 'ledna', 'январь', 'января', 'янв', 'січень', 'січня', 'ocak', 'tammikuu', 'tammikuuta', 'tammi', 'januari', 'يناير', 'ژانویه', 'ינואר', 'בינואר', 'जनवरी', 'জানুয়ারি', 'জানুয়ারী', 'มกราคม', 'ม.ค'],
  ['feb', 'february', 'februar', 'feber', 'février', 'févr', 'fév', 'fevrier', 'fevr', 'febrero', 'febbraio', 'fevereiro', 'fev', 'februari', 'luty', 'lutego', 'lut', 'únor', 'února', 'unor', 'февраль', 'февраля', 'фев', 'февр', 'лютий', 'лютого', 'şubat', 'subat', 'helmikuu', 'helmikuuta', 'helmi', 'februari', 'فبراير', 'شباط', 'فوریه', 'פברואר', 'בפברואר', 'फ़रवरी', 'फरवरी', 'ফেব্রুয়ারি', 'ফেব্রুয়ারী', 'กุมภาพันธ์', 'ก.พ'],
  ['mar', 'march', 'märz', 'mär', 'mrz', 'maerz', 'mars', 'marzo', 'março', 'marco', 'maart', 'mrt', 'marts', 'marzec', 'marca', 'březen', 'března', 'март', 'марта', 'мар', 'березень', 'березня', 'mart', 'maaliskuu', 'maaliskuuta', 'maalis', 'maret', 'machi', 'مارس', 'آذار', 'اذار', 'מרץ', 'במרץ', 'מרס', 'במרס', 'मार्च', 'মার্চ', 'มีนาคม', 'มี.ค'],
  ['apr', 'april', 'avril', 'avr', 'abril', 'abr', 'aprile', 'kwiecień', 'kwietnia', 'kwi', 'duben', 'dubna', 'апрель', 'апреля', 'апр', 'квітень', 'квітня', 'nisan', 'huhtikuu', 'huhtikuuta', 'huhti', 'aprili', 'أبريل', 'ابريل', 'إبريل', 'نيسان', 'آوریل', 'אפריל', 'באפריל', 'अप्रैल', 'अप्रेल', 'এপ্রিল', 'เมษายน', 'เม.ย'],
  ['may', 'mai', 'mayo', 'maggio', 'mag', 'maio', 'mei', 'maj', 'maja', 'květen', 'května', 'май', 'мая', 'травень', 'травня', 'mayıs', 'mayis', 'toukokuu', 'toukokuuta', 'touko', 'مايو', 'أيار', 'ايار', 'מאי', 'במאי', 'मई', 'মে', 'พฤษภาคม', 'พ.ค'],
  ['jun', 'june', 'juni', 'juin', 'junio', 'giugno', 'giu', 'junho', 'czerwiec', 'czerwca', 'cze', 'červen', 'června', 'июнь', 'июня', 'июн', 'червень', 'червня', 'haziran', 'kesäkuu', 'kesäkuuta', 'kesä', 'يونيو', 'يونيه', 'حزيران', 'ژوئن', 'יוני', 'ביוני', 'जून', 'জুন', 'มิถุนายน', 'มิ.ย'],
  ['jul', 'july', 'juli', 'juillet', 'juil', 'julio', 'luglio', 'lug', 'julho', 'lipiec', 'lipca', 'lip', 'červenec', 'července', 'июль', 'июля', 'июл', 'липень', 'липня', 'temmuz', 'heinäkuu', 'heinäkuuta', 'heinä', 'julai', 'يوليو', 'يوليه', 'تموز', 'ژوئیه', 'יולי', 'ביולי', 'जुलाई', 'জুলাই', 'กรกฎาคม', 'ก.ค'],
  ['aug', 'august', 'août', 'aout', 'aoû', 'agosto', 'ago', 'augustus', 'augusti', 'sierpień', 'sierpnia', 'sie', 'srpen', 'srpna', 'август', 'августа', 'авг', 'серпень', 'серпня', 'ağustos', 'agustos', 'elokuu', 'elokuuta', 'elo', 'agustus', 'agosti', 'أغسطس', 'اغسطس', 'اوت', 'אוגוסט', 'באוגוסט', 'अगस्त', 'আগস্ট', 'আগষ্ট', 'สิงหาคม', 'ส.ค'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre', 'setiembre', 'set', 'settembre', 'setembro', 'wrzesień', 'września', 'wrz', 'září', 'zari', 'сентябрь', 'сентября', 'сен', 'сент', 'вересень', 'вересня', 'eylül', 'eylul', 'syyskuu', 'syyskuuta', 'syys', 'septemba', 'سبتمبر', 'أيلول', 'ايلول', 'سپتامبر', 'ספטמבר', 'בספטמבר', 'सितंबर', 'सितम्बर', 'সেপ্টেম্বর', 'กันยายน', 'ก.ย'],
  ['oct', 'october', 'oktober', 'okt', 'octobre', 'octubre', 'ottobre', 'ott', 'outubro', 'out', 'październik', 'października', 'paź', 'říjen', 'října', 'октябрь', 'октября', 'окт', 'жовтень', 'жовтня', 'ekim', 'lokakuu', 'lokakuuta', 'loka', 'oktoba', 'أكتوبر', 'اكتوبر', 'اکتبر', 'אוקטובר', 'באוקטובר', 'अक्टूबर', 'अक्तूबर', 'অক্টোবর', 'ตุลาคม', 'ต.ค'],
  ['nov', 'november', 'novembre', 'noviembre', 'novembro', 'listopad', 'listopada', 'lis', 'listopadu', 'ноябрь', 'ноября', 'ноя', 'нояб', 'листопад', 'kasım', 'kasim', 'marraskuu', 'marraskuuta', 'marras', 'nopember', 'novemba', 'نوفمبر', 'نوامبر', 'נובמבר', 'בנובמבר', 'नवंबर', 'नवम्बर', 'নভেম্বর', 'พฤศจิกายน', 'พ.ย'],
  ['dec', 'december', 'dezember', 'dez', 'décembre', 'déc', 'decembre', 'diciembre', 'dic', 'dicembre', 'dezembro', 'desember', 'grudzień', 'grudnia', 'gru', 'prosinec', 'prosince', 'декабрь', 'декабря', 'дек', 'грудень', 'грудня', 'aralık', 'aralik', 'joulukuu', 'joulukuuta', 'joulu', 'desemba', 'ديسمبر', 'دسامبر', 'דצמבר', 'בדצמבר', 'दिसंबर', 'दिसम्बर', 'ডিসেম্বর', 'ธันวาคม', 'ธ.ค'],
];

/** Day names: read only to be skipped, so one list (a few double as month abbreviations, e.g. French "mar"). */
const DAY_SPELLINGS: readonly string[] = [
  // English
  'mon', 'monday', 'tue', 'tues', 'tuesday', 'wed', 'weds', 'wednesday', 'thu', 'thur', 'thurs', 'thursday', 'fri', 'friday', 'sat', 'saturday', 'sun', 'sunday',
  // German
  'mo', 'montag', 'di', 'dienstag', 'mi', 'mittwoch', 'do', 'donnerstag', 'fr', 'freitag', 'sa', 'samstag', 'sonnabend', 'so', 'sonntag',
  // French
  'lun', 'lundi', 'mar', 'mardi', 'mer', 'mercredi', 'jeu', 'jeudi', 'ven', 'vendredi', 'sam', 'samedi', 'dim', 'dimanche',
  // Spanish
  'lunes', 'martes', 'mié', 'mie', 'miércoles', 'miercoles', 'jue', 'jueves', 'vie', 'viernes', 'sáb', 'sab', 'sábado', 'sabado', 'dom', 'domingo',
  // Italian
  'lunedì', 'lunedi', 'martedì', 'martedi', 'mercoledì', 'mercoledi', 'gio', 'giovedì', 'giovedi', 'venerdì', 'venerdi', 'sabato', 'domenica',
  // Portuguese
  'seg', 'segunda', 'segunda-feira', 'ter', 'terça', 'terca', 'terça-feira', 'terca-feira', 'qua', 'quarta', 'quarta-feira', 'qui', 'quinta', 'quinta-feira', 'sex', 'sexta', 'sexta-feira',
  // Dutch
  'ma', 'maandag', 'dinsdag', 'wo', 'woensdag', 'donderdag', 'vr', 'vrijdag', 'za', 'zaterdag', 'zo', 'zondag',
  // Swedish, Danish, Norwegian
  'mån', 'måndag', 'tis', 'tisdag', 'ons', 'onsdag', 'tor', 'tors', 'torsdag', 'fre', 'fredag', 'lör', 'lördag', 'sön', 'söndag', 'man', 'mandag', 'tir', 'tirsdag', 'lør', 'lørdag', 'søn', 'søndag',
  // Polish
  'pon', 'poniedziałek', 'wt', 'wtorek', 'śr', 'środa', 'czw', 'czwartek', 'pt', 'piątek', 'sob', 'sobota', 'nd', 'niedz', 'niedziela',
  // Czech
  'po', 'pondělí', 'út', 'úterý', 'st', 'středa', 'čt', 'čtvrtek', 'pá', 'pátek', 'ne', 'neděle',
  // Russian, Ukrainian
  'пн', 'понедельник', 'вт', 'вторник', 'ср', 'среда', 'чт', 'четверг', 'пт', 'пятница', 'сб', 'суббота', 'вс', 'воскресенье',
  'понеділок', 'вівторок', 'середа', 'четвер', 'пʼятниця', "п'ятниця", 'субота', 'нд', 'неділя',
  // Turkish
  'pzt', 'pazartesi', 'sal', 'salı', 'çar', 'çarşamba', 'per', 'perşembe', 'cum', 'cuma', 'cmt', 'cumartesi', 'paz', 'pazar',
  // Finnish
  'maanantai', 'ti', 'tiistai', 'ke', 'keskiviikko', 'to', 'torstai', 'pe', 'perjantai', 'la', 'lauantai', 'su', 'sunnuntai',
  // Indonesian, Malay
  'senin', 'selasa', 'rabu', 'kamis', 'jumat', "jum'at", 'sabtu', 'minggu', 'ahad', 'isnin', 'khamis',
  // Swahili
  'jumatatu', 'jumanne', 'jumatano', 'alhamisi', 'ijumaa', 'jumamosi', 'jumapili',
  // Vietnamese ("Thứ ba", "Chủ nhật")
  'thứ', 'hai', 'ba', 'tư', 'năm', 'sáu', 'bảy', 'chủ', 'nhật',
  // Arabic, Persian, Hebrew
  'الاثنين', 'الإثنين', 'الثلاثاء', 'الأربعاء', 'الاربعاء', 'الخميس', 'الجمعة', 'السبت', 'الأحد', 'الاحد',
  'دوشنبه', 'سه‌شنبه', 'چهارشنبه', 'پنجشنبه', 'پنج‌شنبه', 'جمعه', 'شنبه', 'یکشنبه', 'یک‌شنبه',
  'יום', 'ראשון', 'שני', 'שלישי', 'רביעי', 'חמישי', 'שישי', 'שבת',
  // Hindi, Bengali, Thai
  'सोमवार', 'मंगलवार', 'बुधवार', 'गुरुवार', 'शुक्रवार', 'शनिवार', 'रविवार',
  'সোমবার', 'মঙ্গলবার', 'বুধবার', 'বৃহস্পতিবার', 'শুক্রবার', 'শনিবার', 'রবিবার',
  'วันจันทร์', 'วันอังคาร', 'วันพุธ', 'วันพฤหัสบดี', 'วันศุกร์', 'วันเสาร์', 'วันอาทิตย์',
];

/** Words around a date that carry no part of it: "de" (es, pt), "à"/"le" (fr), "um"/"am" (de), "ore"/"alle" (it), "om" (nl), "kl." (nordic), "г." (ru). */
const FILLER_WORDS: readonly string[] = [
  'de', 'del', 'à', 'a', 'as', 'às', 'um', 'am', 'at', 'on', 'the', 'of', 'om', 'ore', 'alle', 'le', 'el', 'kl', 'klo', 'den', 'der', 'г', 'года', 'год', 'в', 'o', 'y',
  // "pukul 10.30 WIB" (id), "saa" (sw), "lúc" (vi), "في" (ar), "พ.ศ." (th: the Buddhist era), "ค.ศ." (th: the common era), "को" (hi)
  'pukul', 'jam', 'saa', 'lúc', 'في', 'พ.ศ', 'ค.ศ', 'को',
];

/**
 * Zone abbreviations and their offsets in minutes east of UTC. RFC 822
 * defines UT, GMT, Z and the US zones; the rest are unambiguous names common
 * in feeds (German MEZ/MESZ included). Ambiguous ones (IST, BST, AST, CST
 * in China...) are left out on purpose, so a date using them is reported
 * unparseable rather than placed in the wrong zone; "CST" keeps its RFC 822
 * meaning. RFC 822's single-letter military zones are left out too: their
 * signs were specified backwards and senders disagree on them.
 */
export const ZONES: ReadonlyMap<string, number> = new Map(
  Object.entries({
    ut: 0, utc: 0, gmt: 0, z: 0, wet: 0, wez: 0,
    est: -5 * 60, edt: -4 * 60, cst: -6 * 60, cdt: -5 * 60, mst: -7 * 60, mdt: -6 * 60, pst: -8 * 60, pdt: -7 * 60,
    akst: -9 * 60, akdt: -8 * 60, hst: -10 * 60, hdt: -9 * 60, nst: -(3 * 60 + 30), ndt: -(2 * 60 + 30),
    brt: -3 * 60, art: -3 * 60,
    west: 60, wesz: 60, cet: 60, mez: 60, wat: 60, cest: 2 * 60, mesz: 2 * 60, eet: 2 * 60, oez: 2 * 60, sast: 2 * 60, cat: 2 * 60,
    eest: 3 * 60, oesz: 3 * 60, msk: 3 * 60, eat: 3 * 60, trt: 3 * 60, gst: 4 * 60, pkt: 5 * 60, ict: 7 * 60, wib: 7 * 60, wita: 8 * 60, wit: 9 * 60,
    hkt: 8 * 60, sgt: 8 * 60, awst: 8 * 60, pht: 8 * 60, jst: 9 * 60, kst: 9 * 60, acst: 9 * 60 + 30, acdt: 10 * 60 + 30,
    aest: 10 * 60, aedt: 11 * 60, nzst: 12 * 60, nzdt: 13 * 60,
  }),
);

/** Thai month names: a year written with them may count from the Buddhist era (2567 is 2024). */
export const THAI_MONTHS: ReadonlySet<string> = new Set(MONTH_SPELLINGS.flatMap((spellings) => spellings.filter((name) => /\p{Script=Thai}/u.test(name))));

/** Month spelling -> 1-12. */
export const MONTHS: ReadonlyMap<string, number> = new Map(MONTH_SPELLINGS.flatMap((spellings, index) => spellings.map((name) => [name, index + 1] as const)));

/** Every known day-name spelling. */
export const DAY_NAMES: ReadonlySet<string> = new Set(DAY_SPELLINGS);

/** Every filler word. */
export const FILLERS: ReadonlySet<string> = new Set(FILLER_WORDS);

/** Spellings listed under two different months: must stay empty (checked by a test). */
export function conflictingMonthSpellings(): string[] {
  const seen = new Map<string, number>();
  const conflicts: string[] = [];
  MONTH_SPELLINGS.forEach((spellings, index) => {
    for (const name of spellings) {
      const month = seen.get(name);
      if (month !== undefined && month !== index) conflicts.push(name);
      seen.set(name, index);
    }
  });
  return conflicts;
}
