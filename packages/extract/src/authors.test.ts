import { describe, expect, it } from 'vitest';
import { chooseAuthors, parseByline, pickAuthors, readNames } from './authors.js';
import { opensByline } from './content/phrases.js';

describe('parseByline', () => {
  it('strips "By" and splits on "and", "&" and commas', () => {
    expect(parseByline('By Jane Doe')).toEqual(['Jane Doe']);
    expect(parseByline('by Jane Doe and John Roe')).toEqual(['Jane Doe', 'John Roe']);
    expect(parseByline('BY JANE DOE AND JOHN ROE')).toEqual(['JANE DOE', 'JOHN ROE']);
    expect(parseByline('Jane Doe, John Roe & Ann Poe')).toEqual(['Jane Doe', 'John Roe', 'Ann Poe']);
    expect(parseByline('Written by: Jane Doe')).toEqual(['Jane Doe']);
    expect(parseByline('Analysis by Chris Cillizza, CNN Editor-at-large')).toEqual(['Chris Cillizza']);
  });

  it('strips "by" in other languages before two capitalised words, and splits on their "and"', () => {
    expect(parseByline('Von Jane Doe')).toEqual(['Jane Doe']);
    expect(parseByline('Par Jean Dupont et Marie Curie')).toEqual(['Jean Dupont', 'Marie Curie']);
    expect(parseByline('Por Ana Gómez y Luis Pérez')).toEqual(['Ana Gómez', 'Luis Pérez']);
    expect(parseByline('Door Jan de Vries')).toEqual(['Jan de Vries']);
    // A name that begins with the word stays whole.
    expect(parseByline('Von Miller')).toEqual(['Von Miller']);
    // The date after the name goes with what introduced it: "le" alone is no one.
    expect(parseByline('Par Jean-Luc Moreau, le 12 mars 2012')).toEqual(['Jean-Luc Moreau']);
  });

  it('splits on "and" as other languages write it, and drops a job title in them', () => {
    expect(parseByline('Jan Kowalski i Anna Nowak')).toEqual(['Jan Kowalski', 'Anna Nowak']);
    expect(parseByline('Иван Петров и Мария Сидорова')).toEqual(['Иван Петров', 'Мария Сидорова']);
    expect(parseByline('Ahmet Yılmaz ve Ayşe Kaya')).toEqual(['Ahmet Yılmaz', 'Ayşe Kaya']);
    expect(parseByline('Budi Santoso dan Siti Aminah')).toEqual(['Budi Santoso', 'Siti Aminah']);
    expect(parseByline('Jan de Vries en Piet Jansen')).toEqual(['Jan de Vries', 'Piet Jansen']);
    // A middle initial is no "i".
    expect(parseByline('Jan I Nowak')).toEqual(['Jan I Nowak']);
    expect(parseByline('Max Müller, Korrespondent in Paris')).toEqual(['Max Müller']);
    expect(parseByline('Jean Dupont, correspondant à Bruxelles')).toEqual(['Jean Dupont']);
    expect(parseByline('Иван Петров, корреспондент')).toEqual(['Иван Петров']);
  });

  it('reads the name after a date that opens the line, as blog templates print it, but not a copyright holder', () => {
    expect(parseByline('March 2nd, 2009 by Alan Reeve')).toEqual(['Alan Reeve']);
    expect(parseByline('Posted on 03/27/2004 by John Miller')).toEqual(['John Miller']);
    expect(opensByline('March 2nd, 2009 by Alan Reeve')).toBe(true);
    expect(opensByline('© 2009 by Example Corp')).toBe(false);
    expect(opensByline('Copyright 2024 by The Example Company')).toBe(false);
  });

  it('cuts "on" and the weekday after the name', () => {
    expect(parseByline('BeauHD on Friday December 19, 2025')).toEqual(['BeauHD']);
    expect(parseByline('Posted by Jane Doe on')).toEqual(['Jane Doe']);
    expect(parseByline('Jane Doe on Tuesday')).toEqual(['Jane Doe']);
    expect(parseByline('Anna Onlooker')).toEqual(['Anna Onlooker']);
    expect(parseByline('by ALLIN ONE on Jan 22, 2025')).toEqual(['ALLIN ONE']);
  });

  it('cuts labels glued to the name by markup without spaces', () => {
    expect(parseByline('AuthorIsaiah Shelton')).toEqual(['Isaiah Shelton']);
    expect(parseByline('Authors:Aniruddha Roy')).toEqual(['Aniruddha Roy']);
    expect(parseByline('BySummer Swann')).toEqual(['Summer Swann']);
    expect(parseByline('Reyan PerumalPublished on 3 May')).toEqual(['Reyan Perumal']);
    expect(parseByline('Craig McCarthyLast updated')).toEqual(['Craig McCarthy']);
    expect(parseByline('Byron Smith')).toEqual(['Byron Smith']);
  });

  it('keeps middle initials and hyphenated names', () => {
    expect(parseByline('Jane E Doe')).toEqual(['Jane E Doe']);
    expect(parseByline('Mary-Jane Smith-Jones')).toEqual(['Mary-Jane Smith-Jones']);
  });

  it('drops job titles, datelines, credentials, URLs, e-mail addresses and placeholders', () => {
    expect(parseByline('TOM KRISHER, AP Auto Writer')).toEqual(['TOM KRISHER']);
    expect(parseByline('Associated Press November 19, 2019 9:02 AM')).toEqual(['Associated Press']);
    expect(parseByline('admin - 2018-09-16')).toEqual([]);
    expect(parseByline('Ilana Muhlstein, MS, RDN')).toEqual(['Ilana Muhlstein']);
    expect(parseByline('https://www.facebook.com/janedoe')).toEqual([]);
    expect(parseByline('Jane Doe jane@example.com')).toEqual(['Jane Doe']);
    expect(parseByline('Text: Jane Doe')).toEqual(['Jane Doe']);
    expect(parseByline('Troy L. Smith, Cleveland.com')).toEqual(['Troy L. Smith']);
  });
});

describe('chooseAuthors', () => {
  it('takes the first source that names anyone, deduplicated', () => {
    expect(chooseAuthors([[], ['By Jane Doe', 'jane doe'], ['John Roe']])).toEqual(['Jane Doe']);
  });

  it('never returns the site or publisher name', () => {
    expect(chooseAuthors([['Example News'], ['By Jane Doe']], ['Example News'])).toEqual(['Jane Doe']);
    expect(chooseAuthors([['Jane Doe', 'Example News Ltd']], ['Example News', 'Example News Ltd'])).toEqual(['Jane Doe']);
  });

  it('takes the site that the page names as its author when it names nobody else', () => {
    expect(chooseAuthors([['Example News'], []], ['Example News'])).toEqual(['Example News']);
    // A personal blog: the publisher is the writer.
    expect(pickAuthors([[], ['Gabby Boucher']], ['Budget Travel With Gabby', 'Gabby Boucher'])).toEqual({ names: ['Gabby Boucher'], index: 1 });
    expect(pickAuthors([[], []], ['Example News'])).toEqual({ names: [], index: -1 });
  });
});

describe('job titles, credits and sections in a byline', () => {
  it('drops a later part that names a job, before "and" splits it', () => {
    expect(parseByline('By Brett Cruz, Privacy and Digital Security Expert')).toEqual(['Brett Cruz']);
    expect(parseByline('By Chris McNamara ⋅ Founder and Editor-in-Chief ⋅ Updated May 6, 2025')).toEqual(['Chris McNamara']);
    expect(parseByline('Written by Eliz - Product marketer')).toEqual(['Eliz']);
    expect(parseByline('Rachel MacDonaldWriter')).toEqual(['Rachel MacDonald']);
    // Two people stay two people.
    expect(parseByline('By Jane Doe, John Roe and Ann Poe')).toEqual(['Jane Doe', 'John Roe', 'Ann Poe']);
    expect(readNames('Written by Jane Doe, John Roe, and Ann Poe', { printed: true })).toEqual(['Jane Doe', 'John Roe', 'Ann Poe']);
    expect(parseByline('By Jeff Cobb. Last Updated on December 11, 2025')).toEqual(['Jeff Cobb']);
  });

  it('keeps the writer, not the reviewer, the updater or the section', () => {
    expect(parseByline('By Shelby Loos, DVM. Reviewed by Molly Price, DVM')).toEqual(['Shelby Loos']);
    expect(parseByline('Updated by Jon Linkov')).toEqual([]);
    expect(parseByline('By MixmasterFred in WorkshopWoodworking')).toEqual(['MixmasterFred']);
  });

  it('keeps a trailing "On" that is part of a name, and refuses day names', () => {
    expect(parseByline('Written By Audiophile On')).toEqual(['Audiophile On']);
    expect(parseByline('Sat, 20 Dec, 2025 - 06:36')).toEqual([]);
  });

  it('reads a printed line only when its names are capitalised like names', () => {
    expect(readNames('Insights from', { printed: true })).toEqual([]);
    expect(readNames('Liza Burke', { printed: true })).toEqual(['Liza Burke']);
    expect(readNames('Dr Marna van der Merwe', { printed: true })).toEqual(['Dr Marna van der Merwe']);
  });
});

describe('the last resort', () => {
  it('takes a credited team or role, or a declared name with digits, when nobody else is named', () => {
    expect(chooseAuthors([['SFist Contributor']])).toEqual(['SFist Contributor']);
    expect(chooseAuthors([['98 Buck Social']])).toEqual(['98 Buck Social']);
    expect(chooseAuthors([['Staff'], ['By Jane Doe']])).toEqual(['Jane Doe']);
    expect(chooseAuthors([['admin']])).toEqual([]);
  });
});

describe('datelines and labels around the name', () => {
  it('cuts a date printed before the name, glued to it or not', () => {
    expect(parseByline('Dec 17, 2025Julian K. Arni')).toEqual(['Julian K. Arni']);
    expect(parseByline('Dec. 19, 2025 · Jane Doe')).toEqual(['Jane Doe']);
    expect(parseByline('17 December 2025 | Jane Doe')).toEqual(['Jane Doe']);
    expect(parseByline('2025-12-17 Jane Doe')).toEqual(['Jane Doe']);
  });

  it('cuts a date after the name written day first, or a month glued to it', () => {
    expect(parseByline('Andrew Gerrand 4 August 2010')).toEqual(['Andrew Gerrand']);
    expect(parseByline('Luke KimDecember 17')).toEqual(['Luke Kim']);
    expect(parseByline('Luke KimDec 17')).toEqual(['Luke Kim']);
    // A name that holds a month's letters keeps them.
    expect(parseByline('Mayra Junes')).toEqual(['Mayra Junes']);
  });

  it('cuts "on behalf of" and what follows', () => {
    expect(parseByline('Niko Matsakis on behalf of the Vision Doc group')).toEqual(['Niko Matsakis']);
  });

  it('reads "Written by" glued to a name in capitals', () => {
    expect(readNames('Written byAAA Travel Editor, SMT', { lenient: true })).toEqual(['AAA Travel Editor']);
    expect(parseByline('byJane Doe')).toEqual(['Jane Doe']);
  });

  it('never takes what is left of a dateline for a name, even as a last resort', () => {
    expect(readNames('Sat, 20 Dec, 2025 - 06:36', { lenient: true })).toEqual([]);
    expect(chooseAuthors([['20 Dec']])).toEqual([]);
  });
});
